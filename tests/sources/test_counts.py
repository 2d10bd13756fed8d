"""Published counts as a cells source: the rows of a count file summed into the session's cube (n = the students
in the group, total = the count), so breakdowns, crossings, filters and risk ratios come out as from student
rows. Figures worked out by hand from tests/count_files.py:

                 Adams: enrolled, suspended      Baker: enrolled, suspended
    Black   M    30, 8+2 = 10                    25, 6+2 = 8
            F    30, 5+1 = 6                     25, 4+0 = 4
    White   M    40, 3+1 = 4                     50, 3+1 = 4
            F    40, 2+0 = 2                     50, 2+1 = 3
    Hisp.   M    20, 4+1 = 5                     15, 3+0 = 3
            F    20, 2+0 = 2                     15, suppressed (-2): unknown
"""

from dataclasses import replace

import pytest

from equity.app.session import Workbench
from equity.data import dataset
from equity.data.ingest import read_upload
from equity.model.filters import Filters
from equity.model.groups import Grouping
from equity.model.rules import Rule
from equity.sources import counts
from equity.stats.disproportionality import ALTERNATE, NOT_COMPUTABLE, Settings, disproportionality
from equity.stats.metrics import breakdown
from equity.stats.rule_check import nobody_meets
from tests.count_files import REPORT_CARD_GROUPS, TOTALLED, crdc_csv
from tests.files import csv_bytes

BLACK, WHITE, HISPANIC = "Black or African American", "White", "Hispanic/Latino"
RULE = Rule("boolean")
OUTCOME = "sch_disc_iss"


@pytest.fixture
def bench() -> Workbench:      # per test: the private workspace (tests/conftest.py) is set up for each one
    bench = Workbench()
    staged = bench.upload(crdc_csv(), "crdc.csv")
    bench.confirm(staged.proposal, remember=False)
    return bench


def _figures(result):
    return {g.key: (g.n, round(g.value, 2) if g.value is not None else None) for g in result.groups}


def test_the_count_file_is_proposed_as_cells(bench):
    roles = {c.header: (c.role, c.kind) for c in bench.data.mapping.columns}
    assert roles["SCH_ENR"] == ("denominator", "")
    assert roles["SCH_DISC_ISS"] == ("outcome", "count")
    assert roles["SCH_NAME"][0] == "school" and roles["SCHID"][0] == "ignore"
    assert (roles["Race/ethnicity"][0], roles["Sex"][0]) == ("race_ethnicity", "gender")
    assert counts.holds_counts(bench.con)


def test_rates_by_race_sum_the_counts_over_the_schools(bench):
    result = bench.breakdown(OUTCOME, RULE, "race")
    # Black 28 of 110; White 13 of 180; Hispanic 10 of 55 (Baker's 15 girls unknown); all 51 of 345.
    assert _figures(result) == {BLACK: (110, 25.45), WHITE: (180, 7.22), HISPANIC: (55, 18.18)}
    assert (result.overall.n, result.overall.total, result.overall.missing) == (345, 51, 15)
    gaps = {g.key: round(g.gap, 2) for g in result.groups}
    assert gaps == {BLACK: round(2800 / 110 - 5100 / 345, 2), WHITE: round(1300 / 180 - 5100 / 345, 2),
                    HISPANIC: round(1000 / 55 - 5100 / 345, 2)}


def test_rates_by_sex_and_crossed_with_race(bench):
    assert _figures(bench.breakdown(OUTCOME, RULE, "gender")) == {"Female": (165, 10.3), "Male": (180, 18.89)}
    table = bench.crosstab(OUTCOME, RULE, "race", "gender")
    cells = {(c.first, c.second): (c.n, round(c.value, 2)) for c in table.cells if not c.suppressed}
    assert cells[(BLACK, "Male")] == (55, round(1800 / 55, 2))
    assert cells[(WHITE, "Female")] == (90, round(500 / 90, 2))
    assert cells[(HISPANIC, "Female")] == (20, 10.0)


def test_a_school_filter_keeps_that_school_s_cells(bench):
    bench.filters = Filters(school=("Adams Elementary",))
    try:
        result = bench.breakdown(OUTCOME, RULE, "race")
    finally:
        bench.filters = Filters()
    assert _figures(result) == {BLACK: (60, 26.67), WHITE: (80, 7.5), HISPANIC: (40, 17.5)}
    assert (result.overall.n, result.overall.total) == (180, 29)


def test_figures_asked_without_the_session_s_cubes_are_the_same(bench):
    direct = breakdown(bench.con, OUTCOME, RULE, "race")
    assert _figures(direct) == _figures(bench.breakdown(OUTCOME, RULE, "race"))


def test_risk_ratios_against_all_other_students_and_a_chosen_group(bench):
    others = {g.key: round(g.ratio, 2) for g in
              disproportionality(bench.con, OUTCOME, RULE, Grouping("race")).groups}
    # Black 25.45% against the 23 of 235 others (9.79%); White 7.22% against 38 of 165; Hispanic 18.18% against
    # 41 of 290.
    assert others == {BLACK: round((28 / 110) / (23 / 235), 2), WHITE: round((13 / 180) / (38 / 165), 2),
                      HISPANIC: round((10 / 55) / (41 / 290), 2)}
    white = disproportionality(bench.con, OUTCOME, RULE, Grouping("race"), reference=WHITE)
    black = next(g for g in white.groups if g.key == BLACK)
    assert round(black.ratio, 2) == round((28 / 110) / (13 / 180), 2) == 3.52 and black.flagged


def _load(rows):
    con = dataset.connect()
    staged = dataset.stage(con, read_upload(csv_bytes(rows), "counts.csv"))
    dataset.activate(con, staged, staged.proposal)
    return con, staged.proposal


def test_a_zero_comparison_risk_is_not_computable():
    con, mapping = _load([["School", "Race", "Enrollment", "Referred"],
                          ["A", "Black", "40", "12"], ["A", "White", "60", "0"]])
    # No cell size: White's count of 0 would otherwise be hidden, and Black's with it.
    result = disproportionality(con, mapping.outcomes()[0].name, RULE, Grouping("race"), settings=Settings(0, 30, 3.0))
    black = next(g for g in result.groups if g.key == BLACK)
    assert (black.method, black.ratio, black.risk) == (NOT_COMPUTABLE, None, 30.0)


def test_a_count_that_is_zero_everywhere_is_said():
    con, mapping = _load([["School", "Race", "Enrollment", "Expelled"],
                          ["A", "Black", "40", "0"], ["A", "White", "60", "0"]])
    assert nobody_meets(con, mapping.outcomes()[0].name, RULE, "Expelled").key == "rule.nobody_counted"


def test_student_rows_are_no_count_file():
    bench = Workbench()
    bench.load_sample()
    assert not counts.holds_counts(bench.con) and not bench.data.mapping.counts


def test_the_kind_of_data_is_read_once_per_load(monkeypatch):
    """Whether the data is published counts is read from `students` when it is made, not again for each figure
    (a page's first load summed hundreds, each asking)."""
    asked = []
    original = counts.query
    monkeypatch.setattr(counts, "query", lambda name, **params: asked.append(name) or original(name, **params))
    bench = Workbench()
    bench.load_sample()
    assert asked == ["counts/columns"]
    for dimension in ("race", "low_income", "special_ed"):       # the cube's figures and the command line's
        bench.breakdown("suspended", RULE, dimension)
        breakdown(bench.con, "suspended", RULE, dimension)
    assert asked == ["counts/columns"] and not counts.holds_counts(bench.con)
    staged = bench.upload(crdc_csv(), "crdc.csv")
    bench.confirm(staged.proposal, remember=False)
    assert counts.holds_counts(bench.con) and bench.breakdown(OUTCOME, RULE, "race").groups
    assert asked.count("counts/columns") == 2     # once more, for the new load


def test_counts_need_a_denominator_and_a_denominator_needs_counts(bench):
    con = dataset.connect()
    staged = dataset.stage(con, read_upload(crdc_csv(), "crdc.csv"))
    without = staged.proposal.with_role("SCH_ENR", "ignore")
    with pytest.raises(dataset.DataError) as problem:
        dataset.activate(con, staged, without)
    assert problem.value.key == "data.count_needs_denominator"
    as_category = replace(staged.proposal, columns=tuple(
        replace(c, kind="category") if c.kind == "count" else c for c in staged.proposal.columns))
    with pytest.raises(dataset.DataError) as problem:
        dataset.activate(con, staged, as_category)
    assert problem.value.key == "data.counts_need_counts"


def test_counts_that_cannot_be_right_are_listed_with_their_cells():
    con = dataset.connect()
    staged = dataset.stage(con, read_upload(csv_bytes([
        ["School", "Race", "Enrollment", "Suspended"],
        ["A", "Black", "40", "50"],          # more suspended than enrolled
        ["A", "White", "0", "3"],            # students counted in a group of none
        ["A", "White", "20", "2"],           # White listed twice at A
        ["B", "Black", "30", "3"], ["B", "White", "30", "4"]]), "bad.csv"))
    report = dataset.activate(con, staged, staged.proposal).report
    assert [(p.kind, p.header, p.cells, p.examples) for p in report.problems] == [
        ("repeated", "", 1, ("A · White",)),
        ("over", "Suspended", 1, ("A · Black or African American",)),
        ("empty", "Suspended", 1, ("A · White",))]


def _small_school_black(con, mapping):
    result = disproportionality(con, mapping.outcomes()[0].name, RULE, Grouping("race"),
                                Filters(school=("Small School",)))
    return result, next(g for g in result.groups if g.key == BLACK)


def test_a_total_row_is_no_school_and_is_not_counted_twice():
    con, mapping = _load(TOTALLED)
    result = breakdown(con, mapping.outcomes()[0].name, RULE, "race")
    # The two schools only: Black 22 of 90, White 20 of 220, Hispanic 5 of 100; all 47 of 410.
    assert _figures(result) == {BLACK: (90, round(2200 / 90, 2)), WHITE: (220, round(2000 / 220, 2)),
                                HISPANIC: (100, 5.0)}
    assert (result.overall.n, result.overall.total) == (410, 47)
    schools = {s for (s,) in con.execute("SELECT DISTINCT school FROM students").fetchall()}
    assert schools == {"Small School", "Big School"}


def test_the_alternate_ratio_compares_with_the_district_total():
    con, mapping = _load(TOTALLED)
    result, black = _small_school_black(con, mapping)
    # Small School's other students (20) are under the n-size of 30: the comparison is the other students of
    # the district total, (100 + 300 + 120) - 100 = 420 with 30 + 6 = 36 suspended, 8.57%; Black 12 of 40 = 30%.
    assert (black.method, round(black.comparison_risk, 2)) == (ALTERNATE, round(3600 / 420, 2))
    assert round(black.ratio, 2) == round(0.30 / (36 / 420), 2) == 3.5 and black.flagged
    assert result.comparison == "District Total" and "District Total" in result.note(black)


def test_without_a_total_row_the_alternate_ratio_sums_the_schools():
    con, mapping = _load([row for row in TOTALLED if row[0] != "District Total"])
    result, black = _small_school_black(con, mapping)
    # The other students of both schools: 410 - 90 = 320, of whom 47 - 22 = 25 suspended.
    assert (black.method, round(black.ratio, 2)) == (ALTERNATE, round(0.30 / (25 / 320), 2))
    assert result.comparison == "" and "District Total" not in result.note(black)


def test_the_widest_total_is_the_comparison():
    state = [["State", race, str(int(n) * 10), str(int(k) * 2)] for _, race, n, k in TOTALLED[6:]]
    con, mapping = _load([*TOTALLED, *state])
    result, black = _small_school_black(con, mapping)
    # The state's other students: White 3000 + Hispanic 1200 = 4200, of whom 60 + 12 = 72 suspended (1.71%);
    # Black 30% against it.
    assert result.comparison == "State" and round(black.ratio, 2) == round(0.30 / (72 / 4200), 2) == 17.5


def test_the_total_of_the_same_term_is_the_comparison():
    # Next year's total has 840 other students of whom 84 suspended (10%); this year's as in TOTALLED.
    rows = [[*TOTALLED[0], "Year"], *([*row, "2024-25"] for row in TOTALLED[1:]),
            ["District Total", "White", "600", "60", "2025-26"], ["District Total", "Hispanic", "240", "24", "2025-26"],
            ["District Total", "Black", "200", "40", "2025-26"], ["Small School", "Black", "40", "12", "2025-26"]]
    con, mapping = _load(rows)
    result = disproportionality(con, mapping.outcomes()[0].name, RULE, Grouping("race"),
                                Filters(school=("Small School",), term=("2024-25",)))
    black = next(g for g in result.groups if g.key == BLACK)
    # 2024-25 alone: Black 12 of 40 against the district's 36 of 420 others, as without the second year.
    assert (black.method, round(black.ratio, 2)) == (ALTERNATE, 3.5)


def _report_card():
    con, mapping = _load(REPORT_CARD_GROUPS)
    return con, mapping.outcomes()[0].name


def test_a_report_card_s_income_groups_give_the_gap_by_income():
    con, outcome = _report_card()
    result = breakdown(con, outcome, RULE, "low_income")
    # Economically disadvantaged: 42 + 18 of 120 + 60; not: 58 + 22 of 80 + 40 (tests/count_files.py). All
    # students from the All Students rows: 140 of 300, never the sum of every row (which would count each
    # student five times).
    assert _figures(result) == {True: (180, round(6000 / 180, 2)), False: (120, round(8000 / 120, 2))}
    assert (result.overall.n, result.overall.total) == (300, 140)
    assert {g.key: round(g.gap, 2) for g in result.groups} == {True: round(6000 / 180 - 14000 / 300, 2),
                                                               False: round(8000 / 120 - 14000 / 300, 2)}


@pytest.mark.parametrize(("by", "expected"), [
    ("race", {BLACK: (130, round(4300 / 130, 2)), WHITE: (140, round(8200 / 140, 2)), HISPANIC: (30, 50.0)}),
    ("english_learner", {True: (30, 20.0), False: (270, round(13400 / 270, 2))}),
    ("special_ed", {True: (50, 20.0), False: (250, 52.0)}),
    ("gender", {"Female": (150, round(7700 / 150, 2)), "Male": (150, 42.0)}),
])
def test_each_kind_of_group_adds_up_its_own_rows(by, expected):
    con, outcome = _report_card()
    result = breakdown(con, outcome, RULE, by)
    assert _figures(result) == expected and result.overall.n == 300


def test_a_report_card_never_crosses_two_kinds_of_group():
    con, outcome = _report_card()
    # No row describes a Black student's income: a race row added to an income row would be a made-up figure.
    crossed = breakdown(con, outcome, RULE, "race", filters=Filters(low_income=("true",)))
    assert [g.n for g in crossed.groups] == [] and crossed.overall.n == 0
    kept = breakdown(con, outcome, RULE, "low_income", filters=Filters(low_income=("true",)))
    assert _figures(kept) == {True: (180, round(6000 / 180, 2))}     # the same filter on its own kind


def test_a_report_card_s_risk_ratio_by_disability():
    con, outcome = _report_card()
    result = disproportionality(con, outcome, RULE, Grouping("special_ed"))
    swd = next(g for g in result.groups if g.key is True)
    # Students with disabilities 10 of 50 proficient (20%) against the 130 of 250 others (52%).
    assert round(swd.ratio, 4) == round(0.2 / 0.52, 4)


def test_a_total_whose_other_students_are_under_the_n_size_is_not_compared_with():
    # Small School's 20 other students are too few (n-size 30); the district total's others are 25, too few as
    # well: no comparison is used, and none is shown.
    con, mapping = _load([["School", "Race", "Enrollment", "Suspended"],
                          ["Small School", "Black", "40", "12"], ["Small School", "White", "20", "10"],
                          ["District Total", "Black", "100", "24"], ["District Total", "White", "25", "12"]])
    result, black = _small_school_black(con, mapping)
    assert (black.method, black.ratio, black.comparison_risk) == (NOT_COMPUTABLE, None, None)
    assert (black.count, black.risk) == (12, 30.0)        # the group's own figures stay


def test_a_total_smaller_than_its_schools_together_is_reported_as_suspect():
    rows = [row if row[:2] != ["District Total", "White"] else ["District Total", "White", "150", "30"]
            for row in TOTALLED]
    # White: Small School 20 + Big School 200 = 220 students, the district total only 150.
    assert [(p.kind, p.header, p.cells, p.examples) for p in _report(rows).problems] == [
        ("short_total", "District Total", 1, ("White: 150 < 220",))]
    assert not _report(TOTALLED).problems          # 100 >= 90, 300 >= 220, 120 >= 100


def _report(rows):
    con = dataset.connect()
    staged = dataset.stage(con, read_upload(csv_bytes(rows), "counts.csv"))
    return dataset.activate(con, staged, staged.proposal).report


def test_a_report_card_s_all_grades_rows_are_never_added_to_the_grades():
    con, mapping = _load([["School", "Grade", "Race", "Number Tested", "Number Proficient"],
                          ["A", "All Grades", "Black", "50", "20"], ["A", "All Grades", "White", "50", "30"],
                          ["A", "3", "Black", "20", "8"], ["A", "3", "White", "30", "18"],
                          ["A", "4", "Black", "30", "12"], ["A", "4", "White", "20", "12"]])
    outcome = mapping.outcomes()[0].name
    # By race, the All Grades rows: Black 20 of 50, White 30 of 50 (not twice as many students).
    by_race = breakdown(con, outcome, RULE, "race")
    assert _figures(by_race) == {BLACK: (50, 40.0), WHITE: (50, 60.0)} and by_race.overall.n == 100
    # By grade, the grades' rows: grade 3 8 + 18 of 50, grade 4 12 + 12 of 50.
    assert _figures(breakdown(con, outcome, RULE, "grade")) == {"3": (50, 52.0), "4": (50, 48.0)}


def test_a_group_listed_on_its_yes_side_only_is_compared_with_the_rest_of_its_school():
    # Only 'Economically Disadvantaged' and 'Students with Disabilities' are listed: the other side is each
    # school's All Students less them. Lincoln: 200 of whom 100 proficient; disadvantaged 120, 42; SWD 30, 6.
    # Roosevelt: 100, 40; disadvantaged 60, 18; SWD 20, 4.
    rows = [REPORT_CARD_GROUPS[0]] + [row for row in REPORT_CARD_GROUPS[1:]
                                      if row[1] in ("All Students", "Economically Disadvantaged", "SWD")]
    con, mapping = _load(rows)
    outcome = mapping.outcomes()[0].name
    result = breakdown(con, outcome, RULE, "low_income")
    # Not disadvantaged: (200 - 120) + (100 - 60) = 120 students, (100 - 42) + (40 - 18) = 80 proficient.
    assert _figures(result) == {True: (180, round(6000 / 180, 2)), False: (120, round(8000 / 120, 2))}
    assert (result.overall.n, result.overall.total) == (300, 140)
    swd = next(g for g in disproportionality(con, outcome, RULE, Grouping("special_ed")).groups if g.key is True)
    # SWD 10 of 50 against the others, (170 + 80) = 250 of whom (94 + 36) = 130 proficient.
    assert round(swd.ratio, 4) == round((10 / 50) / (130 / 250), 4)


def test_no_other_side_is_made_from_a_yes_side_larger_than_its_school():
    con, mapping = _load([["School", "Student Group", "Number Tested", "Number Proficient"],
                          ["A", "All Students", "20", "10"], ["A", "Economically Disadvantaged", "30", "12"],
                          ["A", "Female", "10", "5"], ["A", "Male", "10", "5"]])
    result = breakdown(con, mapping.outcomes()[0].name, RULE, "low_income")
    assert _figures(result) == {True: (30, 40.0)}          # no group of -10 students
