"""On track in 9th grade and graduation by on-track status, on the cohort of tests/ontrack_files.py."""

from dataclasses import replace

import pytest

from equity.model.filters import Filters
from equity.plans.ontrack import OnTrackRule, cube, find, graduation, graduation_by_group, later_terms, summary
from equity.stats.privacy import ACROSS, COMPLEMENT, DIFFERENCE, ELSEWHERE, SMALL
from tests.ontrack_files import ENTRY, LAST, LEFT, ROWS, THREE
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


def _by_group(rows, min_n):
    con, data = loaded(rows)
    rule = find(data.mapping)
    overall = graduation(con, rule, ENTRY, (LAST,), Filters(), min_n)
    on_track = summary(con, cube(con, rule), "race", ENTRY, Filters(), min_n)
    found = graduation_by_group(con, rule, ENTRY, (LAST,), Filters(), min_n, overall, on_track)
    return {g.key: (g.on_track, g.off_track) for g in found}


def test_graduation_by_group():
    # Hispanic: 6 of 7 on track graduated (all but 107), 1 of 5 off track (108); White: 8 of 8, 1 of 2 (209)
    assert _by_group(ROWS, 2) == {"Hispanic/Latino": ((7, pytest.approx(100 * 6 / 7), None), (5, 20.0, None)),
                                  "White": ((8, 100.0, None), (2, 50.0, None))}
    # 208 (White, on track) and 112 (Hispanic, off track) left: neither is counted
    assert _by_group(LEFT, 1) == {"Hispanic/Latino": ((7, pytest.approx(100 * 6 / 7), None), (4, 25.0, None)),
                                  "White": ((7, 100.0, None), (2, 50.0, None))}


def test_graduation_by_group_is_suppressed_along_rows_and_columns():
    # n-size 3: Black's one off-track student and White's two are too few; each group's other row would give them
    # (the group's 9th graders, on the summary, less it): hidden too. Each column then hides two cells of 3 or
    # more students together (1 + 2 off track, 5 + 8 on track): Hispanic stays, 7 (6 graduated) and 5 (1).
    found = _by_group(THREE, 3)
    assert found["Hispanic/Latino"] == ((7, pytest.approx(100 * 6 / 7), None), (5, 20.0, None))
    assert found["Black or African American"] == ((None, None, COMPLEMENT), (None, None, SMALL))
    assert found["White"] == ((None, None, COMPLEMENT), (None, None, SMALL))
    # n-size 2: only Black's one is too few, and the on-track column's total (20) less 7 and 8 would give its
    # five: the column hides the smallest (Hispanic's 7), whose row then hides its other, and so on: none is left
    assert all(row == ((None, None, COMPLEMENT), (None, None, COMPLEMENT))
               for label, row in _by_group(THREE, 2).items() if label != "Black or African American")


def test_graduation_by_group_hides_what_students_who_left_would_give_away():
    # n-size 2, 208 and 112 left: the overall rows are hidden (one student without a record in each); by group,
    # Hispanic off track and White on track lose one each (the summary's count less the row's), then the
    # complement along each column hides the other group's row: nothing is left
    found = _by_group(LEFT, 2)
    assert found["Hispanic/Latino"] == ((None, None, COMPLEMENT), (None, None, DIFFERENCE))
    assert found["White"] == ((None, None, DIFFERENCE), (None, None, COMPLEMENT))


def test_graduation_by_group_follows_the_summary_and_the_overall_row(data):
    con, loaded_data = data
    rule = find(loaded_data.mapping)
    overall = graduation(con, rule, ENTRY, (LAST,), Filters(), 2)
    on_track = summary(con, cube(con, rule), "race", ENTRY, Filters(), 2)
    # a group the on-track table hides is hidden here too, and the other group with it (the columns' totals)
    white_hidden = replace(on_track, groups=tuple(replace(g, suppressed=g.key == "White") for g in on_track.groups))
    found = {g.key: (g.on_track[2], g.off_track[2])
             for g in graduation_by_group(con, rule, ENTRY, (LAST,), Filters(), 2, overall, white_hidden)}
    assert found == {"White": (ELSEWHERE, ELSEWHERE), "Hispanic/Latino": (COMPLEMENT, COMPLEMENT)}
    # where the overall on-track row is hidden, its groups (7 and 8, both shown otherwise) cannot all be shown:
    # Hispanic's 7 go, then each row's and column's other
    hidden_total = replace(overall, on_track=(None, None, SMALL))
    found = {g.key: (g.on_track[2], g.off_track[2])
             for g in graduation_by_group(con, rule, ENTRY, (LAST,), Filters(), 2, hidden_total, on_track)}
    assert found == {"Hispanic/Latino": (COMPLEMENT, COMPLEMENT), "White": (COMPLEMENT, COMPLEMENT)}
