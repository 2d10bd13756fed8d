"""Matched cohorts on small files whose figures are worked out by hand in the comments."""

import pytest

from equity.model.rules import Rule
from equity.stats.matched import (
    COMPLEMENT,
    DIFFERENCE,
    LEVELS,
    SMALL,
    TURNOVER,
    CohortError,
    cohort,
    growth,
    level_order,
    transitions,
)
from equity.words.messages import words
from equity.words.reader import reading
from tests.files import students_of
from tests.matched_files import LEVEL_NAMES, ROWS, Y1, Y2, H, W, growth_rows


@pytest.fixture(scope="module")
def con():
    return students_of(ROWS)


def _by_label(result):
    return {g.label: g for g in result.groups}


def test_matching_reads_ids_across_formats_and_reports_repeats(con):
    result = cohort(con, "score", Rule("mean"), "race", Y1, Y2, min_n=1)
    m = result.matching
    # 8 matched (001-004 as 1-4, 101, S102, 103, 104), 005 left, S0006 and 7 arrived; 200 repeated in year 1
    assert (m.matched, m.left, m.arrived) == (8, 1, 2)
    assert m.rate == pytest.approx(100 * 8 / 9)
    assert (m.repeated, m.repeat_examples) == (1, ("200",))
    assert m.reformatted == 5
    assert set(m.reformat_examples) == {("001", "1"), ("002", "2"), ("003", "3"), ("004", "4"), ("102", "S102")}


def test_mean_change_by_group(con):
    result = cohort(con, "score", Rule("mean"), "race", Y1, Y2, min_n=1)
    groups = _by_label(result)
    hispanic, white = groups["Hispanic/Latino"], groups["White"]
    # Hispanic matched: 10,20,30,40 -> 15,30,30,50: means 25 and 31.25; White 60..90 -> 70,70,90,100: 75 and 82.5
    assert (hispanic.matched, hispanic.left, hispanic.arrived, hispanic.scored) == (4, 1, 2, 4)
    assert (hispanic.first, hispanic.second, hispanic.change) == (25, 31.25, 6.25)
    assert (white.matched, white.left, white.arrived) == (4, 0, 0)
    assert (white.first, white.second, white.change) == (75, 82.5, 7.5)
    assert result.overall.change == pytest.approx((6.25 + 7.5) / 2)


def test_share_meeting_in_each_term(con):
    result = cohort(con, "score", Rule("threshold", 50), "race", Y1, Y2, min_n=1)
    groups = _by_label(result)
    # Hispanic: none of 10..40 at 50 or above, then one of 15,30,30,50; White: all four both years
    assert (groups["Hispanic/Latino"].first, groups["Hispanic/Latino"].second) == (0, 25)
    assert (groups["White"].first, groups["White"].second) == (100, 100)


def test_levels_up_and_down(con):
    assert level_order(["Met", "Exceeded", None, "Not Met", "Nearly Met"]) == LEVEL_NAMES
    result = cohort(con, "level", Rule("mean"), "race", Y1, Y2, min_n=1, levels=LEVEL_NAMES)
    assert result.kind == LEVELS
    groups = _by_label(result)
    # Hispanic: NM->NN up, NM->NM, NN->Met up, Met->NN down; White: Met->Ex up, Met->Met, Ex->Ex, Ex->Met down
    assert (groups["Hispanic/Latino"].up, groups["Hispanic/Latino"].down) == (50, 25)
    assert (groups["White"].up, groups["White"].down) == (25, 25)


def test_level_order_refuses_what_it_cannot_order():
    assert level_order(["Level 2", "Level 10", "Level 1"]) == ("Level 1", "Level 2", "Level 10")
    assert level_order(["Red", "Blue"]) is None
    assert level_order(["Met", "Meets"]) is None          # two names for one place


def test_small_turnover_hides_the_group_and_its_complement(con):
    result = cohort(con, "score", Rule("mean"), "race", Y1, Y2, min_n=2)
    groups = _by_label(result)
    # one Hispanic student left: with the year-1 size shown elsewhere, matched would give that one away
    assert groups["Hispanic/Latino"].why == TURNOVER
    # no White student left or arrived, but year 2's White figure counts 5 students (200 among them, left out of
    # the match as repeated in year 1) against the cohort's 4: the difference would be 200's score
    assert groups["White"].why == DIFFERENCE
    for group in groups.values():
        assert (group.matched, group.left, group.arrived, group.scored, group.first) == (None,) * 5
    assert result.overall.matched == 8        # 11 students with a score in each year alone: 3 more than 8


def test_a_group_differing_from_its_single_term_figure_by_one_student_is_hidden_with_a_complement():
    # A: 3 students in both years, one of them with no score in year 2; B: 3 in both with scores; min_n 2:
    # A's cohort has 2 scored against 3 in year 1 (one student's score would be the difference), B is its complement
    rows = [["Student ID", "Year", "Race", "Score"]]
    for i, (race, second) in enumerate([(H, "1"), (H, "2"), (H, ""), (W, "4"), (W, "5"), (W, "6")]):
        rows += [[str(i), Y1, race, "1"], [str(i), Y2, race, second]]
    result = cohort(students_of(rows), "score", Rule("mean"), "race", Y1, Y2, min_n=2)
    assert [g.why for g in result.groups] == [DIFFERENCE, COMPLEMENT]
    assert result.overall.why == DIFFERENCE     # 5 scored in both against 6 in year 1


def test_transition_table_counts_and_suppression(con):
    result = cohort(con, "level", Rule("mean"), "race", Y1, Y2, min_n=1, levels=LEVEL_NAMES)
    tables = {t.label: t for t in transitions(con, result)}
    assert set(tables) == {"All students", "Hispanic/Latino", "White"}
    # all 8: 1->2, 1->1, 2->3, 3->2 (Hispanic); 3->4, 3->3, 4->4, 4->3 (White); the other 8 cells are empty
    counts = {(1, 2): 1, (1, 1): 1, (2, 3): 1, (3, 2): 1, (3, 4): 1, (3, 3): 1, (4, 4): 1, (4, 3): 1}
    table = tables["All students"]
    shown = {cell: n for cell, n in table.cells.items() if n is not None}
    assert shown and all(counts.get(cell, 0) == n for cell, n in shown.items())
    for cell, n in table.cells.items():
        if counts.get(cell, 0) == 0:
            assert n is None and table.why[cell] == SMALL
    for axis in (0, 1):
        for line in range(1, 5):
            hidden = [c for c in table.cells if c[axis] == line and table.cells[c] is None]
            assert len(hidden) != 1
    row_one = [c for c in shown if c[0] == 1]
    assert all(table.share(c) == 50 for c in row_one)     # row 1 holds two students, one in each shown cell


def test_transitions_at_a_larger_n_size_hide_small_cells(con):
    result = cohort(con, "level", Rule("mean"), "race", Y1, Y2, min_n=2, levels=LEVEL_NAMES)
    (table,) = transitions(con, result)        # both groups hidden: only all students' table
    assert all(n is None for n in table.cells.values())    # every cell holds 0 or 1 student


def test_terms_that_are_not_there_or_the_same(con):
    with pytest.raises(CohortError, match="No term '2025-26'"):
        cohort(con, "score", Rule("mean"), "race", Y1, "2025-26")
    with pytest.raises(CohortError, match="two different terms"):
        cohort(con, "score", Rule("mean"), "race", Y1, Y1)


def test_conditional_percentiles_by_group():
    con = students_of(growth_rows())
    result = cohort(con, "score", Rule("mean"), "race", Y1, Y2, min_n=5)
    found = {g.label: g for g in growth(con, result, bins=2)}
    # Percentile: share of the 9 others in the bin scoring lower, ties half. Hispanic: 44.4, 33.3, 22.2, 11.1, 0
    # in bin 1; 66.7 (x3: 5 lower + 2 ties / 2), 88.9, 100 in bin 2: median (44.44 + 66.67) / 2 = 55.56.
    # White: 100, 88.9, 77.8, 66.7, 55.6 and 0, 11.1, 22.2, 33.3, 44.4: median (44.44 + 55.56) / 2 = 50.
    assert found["Hispanic/Latino"].median == pytest.approx((4 / 9 + 6 / 9) / 2 * 100)
    assert found["White"].median == pytest.approx(50)
    assert found["Hispanic/Latino"].n == 10
    assert found["All students"].n == 20


def test_growth_hides_what_the_cohort_hides():
    con = students_of(growth_rows())
    result = cohort(con, "score", Rule("mean"), "race", Y1, Y2, min_n=11)
    found = {g.label: g for g in growth(con, result, bins=2)}
    assert found["White"].median is None and found["White"].why == SMALL
    assert found["Hispanic/Latino"].n is None
    assert growth(con, cohort(con, "score", Rule("threshold", 10), "race", Y1, Y2)) == ()


def test_a_cell_hidden_in_one_group_only_is_not_left_to_subtraction(con):
    result = cohort(con, "level", Rule("mean"), "race", Y1, Y2, min_n=1, levels=LEVEL_NAMES)
    tables = {t.key: t for t in transitions(con, result)}
    groups = [tables["Hispanic/Latino"], tables["White"]]
    for cell, n in tables["all"].cells.items():
        if n is not None:       # all students' cell shown: never exactly one group's cell hidden
            assert sum(g.cells[cell] is None for g in groups) != 1, cell
    for table in tables.values():
        for axis in (0, 1):
            for line in range(1, 5):
                assert sum(table.cells[c] is None for c in table.cells if c[axis] == line) != 1


def test_terms_in_the_wrong_order_or_that_cannot_be_ordered():
    con = students_of([["Student ID", "Year", "Score"], ["1", Y1, "10"], ["1", Y2, "20"],
                       ["1", "Term A", "30"], ["2", "Term A", "5"]])
    with pytest.raises(CohortError, match="'2024-25' comes after '2023-24'"):
        cohort(con, "score", Rule("mean"), "race", Y2, Y1)
    result = cohort(con, "score", Rule("mean"), "race", Y2, "Term A", min_n=1)
    assert result.matching.unordered == ("Term A",)
    assert (result.matching.matched, result.matching.arrived, result.overall.change) == (1, 1, 10)


def test_a_file_without_student_ids_says_what_to_map():
    con = students_of([["Year", "Race", "Score"], [Y1, H, "10"], [Y2, H, "20"]])
    with pytest.raises(CohortError, match="No student in 2023-24 or 2024-25 has a student ID") as raised:
        cohort(con, "score", Rule("mean"), "race", Y1, Y2)
    with reading("es"):
        assert "ID de estudiante" in words(raised.value)
