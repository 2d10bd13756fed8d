"""The sidebar filters as SQL applies them (queries/students/filtered_students.sql): OR inside a category, AND across,
values compared as stored (ENUM labels, BOOLEAN flags with NULL as 'null'). Expected ids picked by hand."""

import pytest

from equity.model.filters import Filters
from tests.files import SMALL_CLASS, students_of


@pytest.fixture(scope="module")
def con():
    return students_of(SMALL_CLASS)


def kept(con, filters: Filters) -> set[str]:
    sql = ("SELECT student_id FROM filtered_students($f_race::VARCHAR[], $f_low_income::VARCHAR[], "
           "$f_english_learner::VARCHAR[], $f_special_ed::VARCHAR[], $f_section_504::VARCHAR[], "
           "$f_gender::VARCHAR[], $f_grade::VARCHAR[], $f_school::VARCHAR[], $f_term::VARCHAR[])")
    return {row[0] for row in con.execute(sql, filters.params()).fetchall()}


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(), {"01", "02", "03", "04", "05", "06"}),
    (Filters(race=("White",)), {"03", "05"}),
    (Filters(race=("Not reported",)), {"04"}),
    (Filters(race=("Martian",)), set()),                         # a value no row can hold keeps no one
    (Filters(low_income=("null",)), {"05"}),
    (Filters(low_income=("true", "null")), {"01", "03", "05", "06"}),
    (Filters(low_income=("false",)), {"02", "04"}),
    (Filters(english_learner=("null",)), {"03"}),
    (Filters(race=("White", "Asian"), english_learner=("false",)), {"05", "06"}),
    (Filters(grade=("Not reported",)), {"04"}),
    (Filters(grade=("3",), low_income=("true",), english_learner=("true", "false")), {"01", "06"}),
])
def test_filters_keep_exactly_these_students(con, filters, expected):
    assert kept(con, filters) == expected


def test_the_stored_types_are_the_ones_compared(con):
    """The filters are written for an ENUM race and BOOLEAN flags: the table must hold those types."""
    types = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'students'")
                 .fetchall())
    assert types["race_ethnicity"].startswith("ENUM") and types["low_income"] == "BOOLEAN"
