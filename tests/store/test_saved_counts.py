"""Published counts saved to the workspace and opened again: the same cells, the total rows set aside at load
(the comparison of alternate risk ratios) kept with them, and a report card's kinds of row kept apart."""

from equity.app.session import Workbench
from equity.model.filters import Filters
from equity.model.groups import Grouping
from equity.model.rules import Rule
from equity.stats.disproportionality import ALTERNATE, disproportionality
from tests.count_files import REPORT_CARD_GROUPS, TOTALLED
from tests.files import csv_bytes

BLACK = "Black or African American"


def _black_at_small_school(bench):
    outcome = bench.data.mapping.outcomes()[0].name
    result = disproportionality(bench.con, outcome, Rule("boolean"), Grouping("race"),
                                Filters(school=("Small School",)))
    return result, next(g for g in result.groups if g.key == BLACK)


def test_the_alternate_ratio_after_reopening_equals_the_one_before(private_workspace):
    bench = Workbench()
    staged = bench.upload(csv_bytes(TOTALLED), "district.csv")
    bench.confirm(staged.proposal, remember=False)
    before, black = _black_at_small_school(bench)
    # tests/count_files.py: Black 12 of 40 against the district total's other students, 36 of 420: 3.5.
    assert (before.comparison, black.method, round(black.ratio, 2)) == ("District Total", ALTERNATE, 3.5)
    saved = bench.save("District 2024")
    bench.upload(csv_bytes([["School", "Race", "Enrollment", "Suspended"], ["X", "Black", "40", "1"],
                            ["X", "White", "40", "2"]]), "other.csv")      # another file loaded in between
    bench.confirm(bench.staged.proposal, remember=False)
    bench.open_saved((saved.id,))
    after, again = _black_at_small_school(bench)
    assert (after.comparison, again.method, again.ratio) == (before.comparison, black.method, black.ratio)
    assert [o.name for o in bench.data.mapping.outcomes()] == ["suspended"]     # no bookkeeping as outcomes
    assert bench.data.mapping.counts and bench.data.report.totals == ("District Total",)
    assert (saved.rows, bench.data.report.rows) == (5, 5)         # the schools' rows; the totals set aside


def test_a_report_card_reopened_keeps_its_kinds_of_row_apart(private_workspace):
    bench = Workbench()
    staged = bench.upload(csv_bytes(REPORT_CARD_GROUPS), "report_card.csv")
    bench.confirm(staged.proposal, remember=False)
    bench.open_saved((bench.save("Report card").id,))
    result = bench.breakdown("number_proficient", Rule("boolean"), "low_income")
    # tests/count_files.py: 60 of 180 and 80 of 120; all students 140 of 300, as before saving.
    assert {g.key: (g.n, round(g.value, 2)) for g in result.groups} == {True: (180, 33.33), False: (120, 66.67)}
    assert (result.overall.n, result.overall.total) == (300, 140)
