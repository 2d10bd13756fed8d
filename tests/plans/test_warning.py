"""Early-warning indicators on a small class whose flags are worked out by hand (tests/warning_files.py)."""

import pytest

from equity.data import dataset
from equity.data.ingest import read_upload
from equity.model.filters import Filters
from equity.plans.warning import (
    AT_LEAST,
    ATTENDANCE,
    BEHAVIOUR,
    BELOW,
    COURSE,
    IN,
    RATE,
    YES,
    areas,
    cube,
    find,
    roster,
    summary,
)
from equity.stats.privacy import COMPLEMENT, ELSEWHERE, SMALL
from tests.files import csv_bytes
from tests.warning_files import FLAGGED_FIRST, ROWS, Y2


def loaded(rows):
    """A connection holding `rows` as its students (mapped as proposed), and the data's mapping and profiles."""
    con = dataset.connect()
    staged = dataset.stage(con, read_upload(csv_bytes(rows), "class.csv"))
    return con, dataset.activate(con, staged, staged.proposal)


@pytest.fixture(scope="module")
def data():
    return loaded(ROWS)


def _signs(data):
    return find(data[1].mapping, data[1].profiles)


def test_the_indicators_are_read_from_the_mapping_with_the_research_defaults(data):
    found = {(s.area, s.header, s.test, s.threshold) for s in _signs(data)}
    assert found == {(ATTENDANCE, "", BELOW, 90.0), (BEHAVIOUR, "Suspended", YES, None),
                     (BEHAVIOUR, "Discipline Incidents", AT_LEAST, 2.0), (COURSE, "Final Grade %", BELOW, 65.0)}
    assert [s.area for s in _signs(data)][0] == ATTENDANCE and _signs(data)[0].column == RATE
    assert areas(_signs(data)) == (ATTENDANCE, BEHAVIOUR, COURSE)


def _flags(data, signs, term=Y2, filters=Filters()):
    """Student ID -> number of areas flagged."""
    return {row[0]: row[8] for row in roster(data[0], signs, data[1].mapping, term, filters)}


def test_roster_counts_areas_flagged_most_first(data):
    rows = roster(data[0], _signs(data), data[1].mapping, Y2, Filters())
    assert len(rows) == 32                                  # 2024-25 only
    assert [r[0] for r in rows[:8]] == FLAGGED_FIRST and {r[8] for r in rows[8:]} == {0}
    by_id = {r[0]: r for r in rows}
    # areas (attendance, behaviour, course), then values (rate, suspended, incidents, grade)
    assert by_id["H08"][9:12] == (True, True, True)
    assert by_id["H08"][12] == pytest.approx(100 * 150 / 180) and by_id["H08"][13:] == (True, 3.0, 50.0)
    assert by_id["B01"][9] is None and by_id["B01"][12] is None     # 5 days enrolled: no rate (10 needed)
    assert by_id["H01"][12] == pytest.approx(90.0) and by_id["H01"][9] is False


def test_each_threshold_flags_at_its_line(data):
    signs = _signs(data)
    flags = _flags(data, signs)
    assert (flags["H01"], flags["H05"], flags["H07"]) == (0, 0, 0)          # 90.0%, 1 incident, 65: on the line
    moved = tuple(s.adjusted({ATTENDANCE: 90.5, BEHAVIOUR: 1, COURSE: 65.5}[s.area]) for s in signs)
    flags = _flags(data, moved)
    assert (flags["H01"], flags["H05"], flags["H07"]) == (1, 1, 1)
    assert flags["H03"] == 1 and moved[1].test == YES                      # a yes/no indicator has no threshold
    assert sum(flags.values()) == 3 + 3 + 1 * 9                             # H08, A01; 1 each for nine others


def test_the_sidebar_filters_choose_the_roster(data):
    flags = _flags(data, _signs(data), filters=Filters(race=("White",)))
    assert set(flags) == {f"W{i:02d}" for i in range(1, 11)}
    assert set(_flags(data, _signs(data), term=None)) >= {"H01"} and \
        len(roster(data[0], _signs(data), data[1].mapping, None, Filters())) == 44


def test_summary_by_group_is_suppressed_like_every_figure(data):
    result = summary(data[0], cube(data[0], _signs(data), data[1].mapping), "race", Filters(term=(Y2,)), min_n=5)
    assert result.overall.n == 32 and result.overall_value == pytest.approx(100 * 8 / 32)
    groups = {g.label: g for g in result.groups}
    assert groups["Hispanic/Latino"].value == pytest.approx(100 * 5 / 12)
    assert groups["White"].value == pytest.approx(100 * 2 / 10)
    # Asian (2 students) is under 5; Black (8), the next smallest, is hidden so that Asian cannot be recovered
    # (here, or in the view of every term, where the same eight are hidden for that reason)
    assert groups["Asian"].reason == SMALL
    assert groups["Black or African American"].reason in (COMPLEMENT, ELSEWHERE)
    assert groups["Asian"].n is None and groups["Asian"].value is None


def test_summary_of_one_area(data):
    behaviour = cube(data[0], _signs(data), data[1].mapping, BEHAVIOUR)
    result = summary(data[0], behaviour, "race", Filters(term=(Y2,)), min_n=1)
    groups = {g.label: g for g in result.groups}
    # behaviour: H03, H04, H08; A01; nobody White or Black
    assert groups["Hispanic/Latino"].value == pytest.approx(100 * 3 / 12)
    assert groups["White"].value == 0 and groups["Asian"].value == pytest.approx(50.0)
    assert result.overall_value == pytest.approx(100 * 4 / 32)


def test_a_view_one_filter_away_that_would_reveal_a_few_students_is_hidden():
    # Three White students also in 2023-24: 'all terms' has White 13 against 2024-25's 10, and 13 - 10 = 3 students
    # would be revealed by subtracting the two views, so White is hidden in 2024-25 under the rule across views.
    extra = [[f"W{i:02d}", "2023-24", "White", 180, 0, "N", 0, 80] for i in range(1, 4)]
    con, data = loaded([*ROWS, *extra])
    result = summary(con, cube(con, find(data.mapping, data.profiles), data.mapping), "race", Filters(term=(Y2,)),
                     min_n=5)
    white = next(g for g in result.groups if g.label == "White")
    assert white.suppressed and white.value is None


def test_marks_and_failures_are_course_indicators_and_a_file_without_any_has_none():
    rows = [["Student ID", "Letter Grade", "Courses Failed", "Attendance Rate", "Score"],
            *[[str(i), grade, str(i % 3), str(80 + i), str(i * 7)] for i, grade in enumerate("ABCDFABCDFAB")]]
    con, data = loaded(rows)
    found = {(s.area, s.header): s for s in find(data.mapping, data.profiles)}
    assert set(found) == {(COURSE, "Letter Grade"), (COURSE, "Courses Failed"), (ATTENDANCE, "Attendance Rate")}
    assert (found[COURSE, "Letter Grade"].test, found[COURSE, "Letter Grade"].categories) == (IN, ("F",))
    assert (found[COURSE, "Courses Failed"].test, found[COURSE, "Courses Failed"].threshold) == (AT_LEAST, 1.0)
    assert found[ATTENDANCE, "Attendance Rate"].threshold == 90.0
    # students 0-11: F for 4 and 9; failures i % 3 >= 1 for 1, 2, 4, 5, 7, 8, 10, 11; attendance 80 + i < 90 for 0-9
    flags = {r[0]: r[8] for r in roster(con, find(data.mapping, data.profiles), data.mapping, None, Filters())}
    assert flags == {"0": 1, "1": 2, "2": 2, "3": 1, "4": 2, "5": 2, "6": 1, "7": 2, "8": 2, "9": 2, "10": 1,
                     "11": 1}
    _, plain = loaded([["Student ID", "Score"], *[[str(i), str(i * 7)] for i in range(12)]])
    assert find(plain.mapping, plain.profiles) == ()
