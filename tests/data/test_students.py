"""The typed `students` table: normalised values, nothing dropped, what could not be placed counted."""

from dataclasses import replace

import pytest

from equity.data import dataset
from equity.data.ingest import read_upload
from equity.data.sql import quote_ident
from equity.data.students import restore_students
from equity.model.rules import Rule
from equity.stats.metrics import breakdown
from tests.files import csv_bytes, parquet_bytes

ROWS = [
    ["Student ID", "Race", "Lunch", "ELL", "SpEd", "504", "Gender", "Grade", "Level", "Score"],
    ["00123", "Hispanic or Latino", "F", "Y", "IEP", "X", "F", "03", "Met", "88"],
    ["00124", "black/african american ", "Paid", "N", "", "", "M", "Grade 4", "Not Met", "EX"],
    ["00125", "Martian", "R", "", "SWD", "", "X", "KG", "Exceeded", "71.5%"],
    ["00126", "", "free/reduced", "LEP", "No", "", "", "13", "", "64"],
]


def _load(rows, mapping_change=None, term=None):
    con = dataset.connect()
    staged = dataset.stage(con, read_upload(csv_bytes(rows), "roster.csv"))
    mapping = staged.proposal if mapping_change is None else mapping_change(staged.proposal)
    if term:
        mapping = replace(mapping, term=term)
    data = dataset.activate(con, staged, mapping)
    return con, data


def test_values_are_normalised_and_nothing_is_dropped():
    con, data = _load(ROWS, term="2024-25")
    got = con.execute("SELECT student_id, term, race_ethnicity, low_income, english_learner, special_ed, "
                      "section_504, gender, grade, level, score FROM students ORDER BY student_id").fetchall()
    assert got == [
        ("00123", "2024-25", "Hispanic/Latino", True, True, True, True, "Female", "3", "Met", 88.0),
        ("00124", "2024-25", "Black or African American", False, False, None, False, "Male", "4", "Not Met", None),
        ("00125", "2024-25", "Not reported", True, None, True, False, "Nonbinary", "K", "Exceeded", 71.5),
        ("00126", "2024-25", "Not reported", True, True, False, False, "Not reported", None, None, 64.0),
    ]
    assert data.report.rows == 4
    unplaced = {(u.header, v) for u in data.report.unplaced for v, _ in u.values}
    assert unplaced == {("Race", "Martian"), ("Grade", "13")}


def test_codes_are_guessed_and_reported_until_a_value_map_places_them():
    rows = [["ID", "Ethnicity", "Score"], ["1", "H", "70"], ["2", "W", "80"], ["3", "NA", "90"], ["4", "W", "60"]]
    con, data = _load(rows)
    # H and W follow the common letter convention (guessed, and said so); NA has none and stays unplaced.
    got = [r[0] for r in con.execute("SELECT race_ethnicity FROM students ORDER BY student_id").fetchall()]
    assert got == ["Hispanic/Latino", "White", "Not reported", "White"]
    assert [(g.header, g.values) for g in data.report.guessed] == [
        ("Ethnicity", (("W", "White", 2), ("H", "Hispanic/Latino", 1)))]
    assert [(u.header, u.values) for u in data.report.unplaced] == [("Ethnicity", (("NA", 1),))]
    con, data = _load(rows, lambda m: m.with_values("race_ethnicity", {
        "H": "Hispanic/Latino", "W": "White", "NA": "American Indian or Alaska Native"}))
    got = [r[0] for r in con.execute("SELECT race_ethnicity FROM students ORDER BY student_id").fetchall()]
    assert got == ["Hispanic/Latino", "White", "American Indian or Alaska Native", "White"]
    assert data.report.guessed == () and data.report.unplaced == ()


def test_hostile_headers_survive_the_build():
    rows = [['Race"; DROP TABLE students; --', "Score]; --", "x'y"], ["White", "70", "a"], ["Asian", "80", "b"]]
    con, data = _load(rows, lambda m: m.with_role('Race"; DROP TABLE students; --', "race_ethnicity"))
    assert data.report.rows == 2
    name = data.mapping.outcome("Score]; --").name
    assert con.execute(f"SELECT {quote_ident(name)} FROM students ORDER BY 1").fetchall() == [(70.0,), (80.0,)]


def test_delaware_mean_performance_level_by_year(shared_data):
    """Published answer key: mean test_performance_level by school_year (DelawareDataPackage)."""
    path = shared_data / "delaware_training_data" / "deid_test_multi_row.csv"
    con = dataset.connect()
    staged = dataset.stage(con, read_upload(path.read_bytes(), path.name))
    dataset.activate(con, staged, staged.proposal)
    result = breakdown(con, "test_performance_level", Rule("mean"), "term", min_n=1)
    got = {g.key: (g.n, g.value) for g in result.groups}
    assert got["2011"] == (188, pytest.approx(2.377660, abs=5e-7))
    assert got["2012"] == (146, pytest.approx(2.794521, abs=5e-7))
    assert got["2013"] == (108, pytest.approx(2.842593, abs=5e-7))
    assert got["2014"] == (58, pytest.approx(2.534483, abs=5e-7))


def test_students_restored_from_saved_rows_have_the_built_types_and_the_macros():
    """Saved rows without a column (here school and gender) come back with it as NULL of its type, the label
    columns as their ENUM types, and breakdowns work on them as on the table built from the upload."""
    con, data = _load(ROWS, term="2024-25")
    built = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE students)").fetchall())
    saved = con.sql("SELECT * EXCLUDE (school, gender) FROM students").to_arrow_table()
    other = dataset.connect()
    other.register("saved_rows", saved)
    assert restore_students(other, "saved_rows", saved.column_names) == 4
    restored = dict(other.execute("SELECT column_name, column_type FROM (DESCRIBE students)").fetchall())
    assert restored == built
    assert other.execute("SELECT count(*) FROM students WHERE school IS NULL AND gender IS NULL").fetchone()[0] == 4
    score = next(c.name for c in data.mapping.outcomes() if c.header == "Score")
    by_race = breakdown(other, score, Rule("mean"), "race", min_n=1)
    assert {g.label: g.n for g in by_race.groups if g.n} == {"Hispanic/Latino": 1, "Not reported": 2}


@pytest.mark.parametrize("typed", [False, True])
def test_one_race_a_student_leaves_race_list_empty_and_races_in_combination_read_the_race(typed):
    """White: 12 students, 6 at 80 and 6 at 50 (mean 65); Asian: 10 at 70; Hispanic: 11 at 60. Read from a CSV
    (text) and from a Parquet file (codes)."""
    plan = [("White", [80] * 6 + [50] * 6), ("Asian", [70] * 10), ("Hispanic", [60] * 11)]
    rows = [[str(i), race, str(score)] for i, (race, score) in enumerate(
        (race, score) for race, scores in plan for score in scores)]
    data = parquet_bytes({"ID": [r[0] for r in rows], "Race": [r[1] for r in rows],
                          "Score": [float(r[2]) for r in rows]}) if typed else csv_bytes([["ID", "Race", "Score"],
                                                                                        *rows])
    con = dataset.connect()
    staged = dataset.stage(con, read_upload(data, "f.parquet" if typed else "f.csv", typed=typed))
    dataset.activate(con, staged, staged.proposal)
    assert con.execute("SELECT count(*), count(race_list) FROM students").fetchall() == [(33, 0)]
    expected = {"White": (12, 65.0), "Asian": (10, 70.0), "Hispanic/Latino": (11, 60.0)}
    for dimension in ("race", "race_combined"):
        found = breakdown(con, "score", Rule("mean"), dimension, min_n=10)
        assert {g.key: (g.n, pytest.approx(g.value)) for g in found.groups} == expected
