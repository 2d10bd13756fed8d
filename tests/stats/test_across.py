"""The rule across views (equity.stats.across), worked out by hand on a few students."""

import pytest

from equity.model.filters import Filters
from equity.model.groups import Grouping
from equity.model.rules import Rule
from equity.sources import cube as cubes
from equity.sources.cells import Stats
from equity.stats import across
from equity.stats import disproportionality as dp
from equity.stats.metrics import breakdown
from equity.stats.privacy import ACROSS, COMPLEMENT, SMALL
from equity.words.summary import overall_line
from tests.stats.test_attack import _connect


def _district() -> list[tuple]:
    """Black students: 12 in 2024-25, 2 of them not low income; everyone else large enough."""
    rows = [("Black or African American", i >= 2, False, "2024-25", 50 + i) for i in range(12)]
    rows += [("White", i % 2 == 0, i % 3 == 0, "2024-25", 60) for i in range(40)]
    rows += [("Asian", True, i % 2 == 0, "2024-25", 70) for i in range(30)]
    return rows


def test_the_filtered_group_that_differs_by_two_students_is_hidden():
    con = _connect(_district())
    everyone = breakdown(con, "score", Rule("mean"), "race", min_n=10)
    low_income = breakdown(con, "score", Rule("mean"), "race", filters=Filters(low_income=("true",)), min_n=10)
    black = {g.key: g for g in low_income.groups}["Black or African American"]
    assert {g.key: g for g in everyone.groups}["Black or African American"].n == 12
    # 12 unfiltered, 10 low income: the other 2 would be the difference, so the 10 are hidden, and their size.
    assert black.suppressed and black.reason == ACROSS and black.n is None and black.value is None
    assert black.note == "Hidden so that it cannot be worked out by comparing with the unfiltered view."
    # Asian: 30 in both views, nothing to subtract. White: 20 of 40, too far apart to matter, but the smallest
    # shown group, so it is hidden to protect Black from the total.
    hidden = {g.key: g.reason for g in low_income.groups}
    assert hidden == {"White": COMPLEMENT, "Black or African American": ACROSS, "Asian": ""}
    assert {g.key: g.n for g in low_income.groups} == {"White": None, "Black or African American": None, "Asian": 30}


def test_all_students_hidden_when_the_filter_leaves_out_a_few():
    rows = [("White", i >= 3, False, "2024-25", 60) for i in range(40)]
    con = _connect(rows)
    result = breakdown(con, "score", Rule("mean"), "race", filters=Filters(low_income=("true",)), min_n=10)
    # 37 of 40 are low income: all students under the filter differ from all students by 3.
    assert result.overall_suppressed and result.overall_size is None and result.overall_value is None
    assert all(g.gap is None for g in result.groups)
    assert overall_line(result) == ("All students: n = hidden (hidden so that it cannot be worked out by comparing "
                                    "with the unfiltered view); 0 without a result (blank or excused) are left out.")


def test_two_filters_dropped_at_once_count_too():
    """Dropping one filter changes nothing, dropping both adds 3 students: still hidden."""
    rows = [("Black or African American", True, True, "2024-25", 50) for _ in range(20)]
    rows += [("Black or African American", False, False, "2024-25", 90) for _ in range(3)]
    rows += [("White", i % 2 == 0, i % 2 == 0, "2024-25", 60) for i in range(40)]
    con = _connect(rows)
    both = Filters(low_income=("true",), english_learner=("true",))
    result = breakdown(con, "score", Rule("mean"), "race", filters=both, min_n=10)
    black = {g.key: g for g in result.groups}["Black or African American"]
    assert black.suppressed and black.n is None


def test_one_chosen_value_fewer_counts():
    """Black and Asian chosen: taking Asian (4 students) out is a view too, so all students are hidden."""
    rows = [("Black or African American", True, False, "2024-25", 50) for _ in range(20)]
    rows += [("Asian", True, False, "2024-25", 70) for _ in range(4)]
    rows += [("White", True, False, "2024-25", 60) for _ in range(30)]
    con = _connect(rows)
    result = breakdown(con, "score", Rule("mean"), "low_income",
                       filters=Filters(race=("Black or African American", "Asian")), min_n=10)
    assert result.overall_suppressed
    assert all(g.suppressed for g in result.groups)


def test_the_rule_on_counts_by_hand():
    """Neighbours built by hand: one active filter (low income) with one chosen value."""
    found = across.Neighbours(choices=(("true",),),
                              rows=((("A",), ("true",), 10), (("A",), (None,), 2),
                                    (("B",), ("true",), 30), (("B",), (None,), 30)))
    hidden = across.hidden(found, 10)
    assert hidden.groups == frozenset({"A"})         # 12 unfiltered, 10 filtered
    assert not hidden.overall                        # 40 against 72: 32 apart
    assert across.hidden(None, 10) == across.NOTHING


# One chosen value per filter, and how many of _district's 82 students it keeps (by hand: 12 Black; low income
# 10 + 20 + 30; not English learners 12 + 26 + 15; the columns the file lacks are blank for everyone).
KEPT = {"race": (("Black or African American",), 12), "low_income": (("true",), 60),
        "english_learner": (("false",), 53), "special_ed": (("null",), 82), "section_504": (("false",), 0),
        "gender": (("Not reported",), 82), "grade": (("Not reported",), 82), "school": (("9",), 0),
        "term": (("2024-25",), 82)}


@pytest.mark.parametrize("field", list(Filters.__dataclass_fields__))
def test_every_filter_is_seen_in_the_neighbour_counts(field):
    """Each filter alone: the students it keeps are seen with the chosen value, the others as left out."""
    con = _connect(_district())
    chosen, kept = KEPT[field]
    found = across.neighbours(con, cubes.build(con, "score", Rule("mean")).table, ("race_ethnicity",),
                              Filters(**{field: chosen}))
    by_seen: dict = {}
    for _, seen, n in found.rows:
        by_seen[seen] = by_seen.get(seen, 0) + n
    assert found.choices == (chosen,)
    assert {k: v for k, v in by_seen.items() if v} == {k: v for k, v in {chosen: kept, (None,): 82 - kept}.items()
                                                        if v}


def test_small_reason_is_kept_for_small_groups():
    con = _connect(_district() + [("Asian", False, False, "2024-25", 10)])
    result = breakdown(con, "score", Rule("mean"), "low_income", min_n=10, filters=Filters(race=("Asian",)))
    assert {g.key: g.reason for g in result.groups if g.suppressed}.get(False) == SMALL


def test_risk_ratios_leave_all_students_out_when_the_rule_hides_them():
    """37 of 40 students are low income: all students' figure under that filter is hidden, so each group's
    ratio compares with the wider population (every loaded student) and no composition index is drawn."""
    local = (Stats(37, 7.0, 7.0), {"A": Stats(20, 5.0, 5.0), "B": Stats(17, 2.0, 2.0)})
    wider = (Stats(40, 8.0, 8.0), {"A": Stats(22, 6.0, 6.0), "B": Stats(18, 2.0, 2.0)})
    found = across.Hidden(frozenset(), overall=True)
    result = dp.measure("Suspended", Rule("boolean"), Grouping("race"), local, wider,
                        dp.Settings(cell_size=1, n_size=10), found=found)
    a = result.groups[0]
    assert result.overall_risk is None and result.overall_size is None
    # A: 5 of 20 against the wider population's others, 2 of 18.
    assert a.method == dp.ALTERNATE and a.ratio == pytest.approx((5 / 20) / (2 / 18)) and a.composition is None


def test_a_view_of_one_hidden_group_hides_all_students_too():
    """Every low-income student is Black (10 of the 12 Black students): under the low-income filter the race
    breakdown has one group, hidden by the rule across views, which must not come back as all students."""
    rows = [("Black or African American", i >= 2, False, "2024-25", 50 + i) for i in range(12)]
    rows += [("White", False, False, "2024-25", 60) for _ in range(40)]
    result = breakdown(_connect(rows), "score", Rule("mean"), "race", filters=Filters(low_income=("true",)),
                       min_n=10)
    assert [g.reason for g in result.groups] == [ACROSS]
    # All students under the filter (10) against all students (52): 42 apart, so only this rule hides them.
    assert result.overall_suppressed and result.overall_value is None and result.overall_size is None


def test_races_alone_or_in_combination_follow_the_rule_too():
    """With one race per student, counting races alone or in combination gives the same groups as race alone,
    so the rule across views hides the same ones (Black: 12 against 10 low income)."""
    con = _connect(_district())
    low = Filters(low_income=("true",))
    alone = breakdown(con, "score", Rule("mean"), "race", filters=low, min_n=10)
    combined = breakdown(con, "score", Rule("mean"), "race_combined", filters=low, min_n=10)
    assert {g.key: g.reason for g in combined.groups}["Black or African American"] == ACROSS
    assert {g.key: g.n for g in combined.groups} == {g.key: g.n for g in alone.groups}


@pytest.mark.parametrize("filters", [Filters(low_income=("true",)), Filters(race=("White", "Asian")),
                                     Filters(low_income=("true",), english_learner=("false",), term=("2024-25",))])
def test_counts_over_more_columns_narrowed_give_each_views_own(filters):
    """One query over race, income and English learner serves a breakdown by any of them, or a crossing."""
    con = _connect(_district())
    cube = cubes.build(con, "score", Rule("mean"))
    wide = ("race_ethnicity", "low_income", "english_learner")
    found = across.neighbours(con, cube.table, wide, filters)
    for columns in (("race_ethnicity",), ("low_income",), ("english_learner",), ("race_ethnicity", "low_income")):
        own = across.neighbours(con, cube.table, columns, filters)
        narrowed = across.narrowed(found, tuple(wide.index(c) for c in columns))
        assert sorted(narrowed.rows, key=repr) == sorted(own.rows, key=repr)
        assert across.hidden(narrowed, 10) == across.find(con, "score", Rule("mean"), columns, filters, 10, cube)
