"""On track in 9th grade and graduation by on-track status, on the cohort of tests/ontrack_files.py."""

import pytest

from equity.model.filters import Filters
from equity.plans.ontrack import OnTrackRule, cube, find, graduation, later_terms, summary
from equity.stats.privacy import ACROSS, COMPLEMENT, DIFFERENCE, SMALL
from tests.ontrack_files import ENTRY, LAST, LEFT, ROWS
from tests.plans.test_warning import loaded


@pytest.fixture(scope="module")
def data():
    return loaded(ROWS)


def test_columns_are_found_by_their_headers(data):
    assert find(data[1].mapping) == OnTrackRule("credits_earned", "core_courses_failed", "graduated")
    _, plain = loaded([["Student ID", "Credits Earned"], *[[str(i), str(i)] for i in range(12)]])
    assert find(plain.mapping) is None                       # no grade column: no 9th graders to speak of


def test_share_on_track_by_group(data):
    # n-size 5: under 10, White (10 in 9th grade, 19 in every term) would be 9 students from its view of every
    # term and grade, and hidden by the rule across views
    rule = find(data[1].mapping)
    result = summary(data[0], cube(data[0], rule), "race", ENTRY, Filters(), min_n=5)
    assert result.overall.n == 22 and result.overall_value == pytest.approx(100 * 15 / 22)
    groups = {g.label: g.value for g in result.groups}
    assert groups == {"Hispanic/Latino": pytest.approx(100 * 7 / 12), "White": pytest.approx(80.0)}
    strict = OnTrackRule("credits_earned", "core_courses_failed", "", 6.0, 0.0)
    stricter = summary(data[0], cube(data[0], strict), "race", ENTRY,
                       Filters(), min_n=5)
    # 6+ credits, no failure: 101-106 and 201-208
    assert {g.label: g.value for g in stricter.groups} == {"Hispanic/Latino": pytest.approx(50.0),
                                                           "White": pytest.approx(80.0)}
    hidden = summary(data[0], cube(data[0], rule), "race", ENTRY, Filters(), min_n=11)
    reasons = {g.label: g.reason for g in hidden.groups}
    assert reasons["White"] == SMALL and reasons["Hispanic/Latino"] in (COMPLEMENT, ACROSS)   # its other view
    assert all(g.value is None and g.n is None for g in hidden.groups)


def test_graduation_of_each_on_track_group(data):
    rule = find(data[1].mapping)
    assert later_terms((LAST, "2022-23", ENTRY), ENTRY) == ("2022-23", LAST)
    later = later_terms((LAST, ENTRY), ENTRY)
    found = graduation(data[0], rule, ENTRY, later, Filters(), min_n=5)
    assert found.on_track == (15, pytest.approx(100 * 14 / 15), None)
    assert found.off_track == (7, pytest.approx(100 * 2 / 7), None)
    assert found.no_record == 0
    white = graduation(data[0], rule, ENTRY, later, Filters(race=("White",)), min_n=1)
    assert white.on_track[:2] == (8, 100.0) and white.off_track[:2] == (2, 50.0) and white.no_record == 0
    assert graduation(data[0], rule, LAST, (), Filters(), min_n=1) is None


def test_students_without_a_later_record_are_counted_and_kept_private():
    con, data = loaded(LEFT)
    rule, later = find(data.mapping), (LAST,)
    found = graduation(con, rule, ENTRY, later, Filters(), min_n=1)
    assert found.on_track == (14, pytest.approx(100 * 13 / 14), None)
    assert found.off_track == (6, pytest.approx(100 * 2 / 6), None)
    assert found.no_record == 2
    # n-size 5: one on-track student has no record, and the on-track count (15, on the summary) less this row's
    # would say so: hidden; the two without a record are hidden, and the off-track six with them (the complement)
    small = graduation(con, rule, ENTRY, later, Filters(), min_n=5)
    assert small.on_track == (None, None, DIFFERENCE)
    assert small.off_track == (None, None, COMPLEMENT) and small.no_record is None


def test_a_few_other_grades_in_the_term_would_give_the_cohort_away():
    # three 10th graders in 2021-22: the view of every grade that term differs from the 9th graders by 3 students
    con, data = loaded([*ROWS, *[[f"3{i}", ENTRY, "10", "White", 1, 5, None] for i in range(3)]])
    result = summary(con, cube(con, find(data.mapping)), "race", ENTRY, Filters(), min_n=10)
    assert result.overall_value is None and next(g for g in result.groups if g.label == "White").suppressed
