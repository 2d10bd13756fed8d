"""Rates, means and gaps on a small class worked out by hand."""

from math import sqrt

import pyarrow as pa
import pytest

from equity.data import dataset
from equity.model.filters import Filters
from equity.model.rules import Rule
from equity.sources import cube
from equity.stats.intervals import newcombe, wilson
from equity.stats.metrics import breakdown
from equity.stats.privacy import COMPLEMENT


def _class_rows():
    """Black 12 (6 at or above 70), White 20 (15) plus 2 excused, Asian 5 (4), Hispanic/Latino 10 (3)."""
    rows = []
    for race, n, meet in (("Black", 12, 6), ("White", 20, 15), ("Asian", 5, 4), ("Hispanic", 10, 3)):
        rows += [(race, "80" if i < meet else "50", "Y" if i % 2 else "N") for i in range(n)]
    rows += [("White", "EX", "N"), ("White", None, "Y")]
    return rows


class _Upload:
    def __init__(self, table):
        self.table, self.name = table, "class.csv"


@pytest.fixture
def con():
    rows = _class_rows()
    table = pa.table({"Student ID": [f"{i:04d}" for i in range(len(rows))],
                      "Race": [r[0] for r in rows], "Final %": [r[1] for r in rows],
                      "FRL": [r[2] for r in rows]})
    connection = dataset.connect()
    staged = dataset.stage(connection, _Upload(table))
    dataset.activate(connection, staged, staged.proposal)
    return connection


def test_rates_gaps_and_suppression_by_hand(con):
    result = breakdown(con, "final_pct", Rule("threshold", 70), "race", min_n=10, label="Final %")
    # 47 students with a result (the excused and the blank are left out), 28 at or above 70.
    assert (result.overall.n, result.overall.total, result.overall.missing) == (47, 28, 2)
    assert result.overall_value == pytest.approx(28 / 47 * 100)
    groups = {g.label: g for g in result.groups}
    assert [g.label for g in result.groups] == ["Hispanic/Latino", "Asian", "Black or African American",
                                               "White"]
    black, white = groups["Black or African American"], groups["White"]
    assert (black.n, black.value) == (12, pytest.approx(50.0))
    assert black.gap == pytest.approx(50 - 28 / 47 * 100)          # -9.57 points
    assert white.gap == pytest.approx(75 - 28 / 47 * 100)
    assert black.ci == pytest.approx(tuple(x * 100 for x in wilson(6, 12)))
    # Asian (5) is small; Hispanic/Latino (10) is the next smallest, hidden so Asian cannot be recovered.
    asian, hispanic = groups["Asian"], groups["Hispanic/Latino"]
    assert asian.suppressed and asian.value is None and asian.gap is None and asian.ci is None
    assert hispanic.suppressed and hispanic.reason == COMPLEMENT
    # Black vs everyone else: 6/12 vs 22/35; Newcombe's interval (-0.41, 0.17) includes zero.
    assert black.distinguishable is False
    lo, hi = newcombe(6, 12, 22, 35)
    assert lo < 0 < hi


def test_compare_with_others_and_with_a_group(con):
    others = breakdown(con, "final_pct", Rule("threshold", 70), "race", "others", min_n=10)
    black = next(g for g in others.groups if g.label == "Black or African American")
    assert black.gap == pytest.approx(50 - 22 / 35 * 100)
    versus_white = breakdown(con, "final_pct", Rule("threshold", 70), "race", "White", min_n=10)
    black = next(g for g in versus_white.groups if g.label == "Black or African American")
    assert black.gap == pytest.approx(50 - 75)
    white = next(g for g in versus_white.groups if g.label == "White")
    assert white.gap == pytest.approx(0) and white.distinguishable is None


def test_mean_and_flags(con):
    result = breakdown(con, "final_pct", Rule("mean"), "low_income", min_n=10)
    # FRL alternates N, Y within each race block: count by hand from the rows.
    rows = [r for r in _class_rows() if r[1] not in (None, "EX")]
    yes = [float(r[1]) for r in rows if r[2] == "Y"]
    no = [float(r[1]) for r in rows if r[2] == "N"]
    groups = {g.key: g for g in result.groups}
    assert groups[True].n == len(yes) and groups[True].value == pytest.approx(sum(yes) / len(yes))
    assert groups[False].value == pytest.approx(sum(no) / len(no))
    assert groups[True].label == "Low income"


def test_breakdown_gives_averages_an_effect_and_hidden_groups_none(con):
    result = breakdown(con, "final_pct", Rule("mean"), "race", min_n=10)
    groups = {g.label: g for g in result.groups}
    # Black: six 80s and six 50s (mean 65, squared deviations 12 × 15² = 2700). All students: 28 × 80 and
    # 19 × 50, mean 3190 / 47, squared deviations 28 × 19 / 47 × 30².
    everyone = 28 * 19 / 47 * 900
    sd = sqrt((2700 + everyone) / (12 + 47 - 2))
    black = groups["Black or African American"].effect
    assert black.pooled_sd == pytest.approx(sd)
    assert black.hedges_g == pytest.approx((65 - 3190 / 47) / sd * (1 - 3 / (4 * 59 - 9)))
    assert groups["Asian"].suppressed and groups["Asian"].effect is None
    assert groups["Hispanic/Latino"].suppressed and groups["Hispanic/Latino"].effect is None
    rates = breakdown(con, "final_pct", Rule("threshold", 70), "race", min_n=10)
    assert all(g.effect is None for g in rates.groups)


def test_filters_or_within_and_across(con):
    filters = Filters(race=("Black or African American", "White"), low_income=("true",))
    result = breakdown(con, "final_pct", Rule("threshold", 70), "race", filters=filters, min_n=1)
    # Black rows with Y: i odd among 12 → 6 students, of whom i in {1,3,5} meet → 3.
    black = next(g for g in result.groups if g.label == "Black or African American")
    assert (black.n, black.value) == (6, pytest.approx(50.0))
    assert {g.label for g in result.groups} == {"Black or African American", "White"}


def test_everyone_small_hides_everything(con):
    result = breakdown(con, "final_pct", Rule("threshold", 70), "race", min_n=100)
    assert all(g.suppressed for g in result.groups) and result.overall_value is None


@pytest.mark.parametrize("rule", [Rule("threshold", 70), Rule("mean")])
@pytest.mark.parametrize("dimension", ["race", "low_income", "english_learner", "special_ed"])
def test_cell_sums_match_a_direct_query(con, rule, dimension):
    """The cube's path (sums of cells) and the per-dimension query give identical figures."""
    filters = Filters(low_income=("true", "false"))
    cells = cube.cells(con, cube.build(con, "final_pct", rule), filters,
                       ("race_ethnicity", "low_income", "english_learner", "special_ed"))
    direct = breakdown(con, "final_pct", rule, dimension, filters=filters, min_n=5)
    summed = breakdown(con, "final_pct", rule, dimension, filters=filters, min_n=5, cells=cells)
    assert summed.overall == direct.overall
    assert summed.groups == direct.groups
