"""Suppression: small groups and the complementary rule, by hand and as properties; top/bottom coding by hand."""

import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from equity.data import dataset
from equity.model.rules import Rule
from equity.present.charts import shown_as
from equity.report.sections import GapView
from equity.stats.gap_flags import Flag, flag
from equity.stats.metrics import breakdown
from equity.stats.privacy import (
    ACROSS,
    ALL_OR_NONE,
    BOTTOM,
    COMPLEMENT,
    PRESETS,
    SMALL,
    TOP,
    code,
    coded_text,
    coded_value,
    coloured,
    suppress,
    suppress_table,
    top_bottom_code,
    top_bottom_code_table,
)
from equity.words.labels import hidden_note
from equity.words.reader import reading
from equity.words.summary import flag_sentence


def test_nothing_hidden_when_every_group_is_large_enough():
    assert suppress([10, 25, 40], min_n=10) == (None, None, None)


def test_one_small_group_takes_the_next_smallest_with_it():
    # 9 is hidden; knowing the total and 12 and 40 would reveal it, so 12 (the next smallest) goes too.
    assert suppress([40, 9, 12, 30], min_n=10) == (None, SMALL, COMPLEMENT, None)


def test_two_small_groups_need_no_complement_when_together_they_are_not_small():
    assert suppress([6, 4, 50, 60], min_n=10) == (SMALL, SMALL, None, None)


def test_small_groups_that_are_small_together_take_the_next_smallest_with_them():
    # 3 + 4 = 7 students: the total minus 50 and 60 would give those 7 students' figure, so 50 goes too.
    assert suppress([3, 4, 50, 60], min_n=10) == (SMALL, SMALL, COMPLEMENT, None)


def test_a_group_hidden_across_views_is_protected_from_the_total():
    assert suppress([40, 25, 12], min_n=10, across=[False, True, False]) == (None, ACROSS, COMPLEMENT)


def test_two_groups_one_small_hides_both():
    assert suppress([8, 100], min_n=10) == (SMALL, COMPLEMENT)


def test_a_single_small_group_is_simply_hidden():
    assert suppress([5], min_n=10) == (SMALL,)


def test_why_hidden_says_why():
    assert hidden_note(SMALL, 11) == "Hidden: fewer than 11 students."
    assert "worked out" in hidden_note(COMPLEMENT, 11)
    assert hidden_note(None, 11) == ""
    with reading("es"):
        assert hidden_note(SMALL, 11) == "Oculto: menos de 11 estudiantes."


@given(st.lists(st.integers(min_value=1, max_value=200), max_size=12), st.integers(min_value=1, max_value=50))
def test_suppression_properties(ns, min_n):
    reasons = suppress(ns, min_n)
    assert len(reasons) == len(ns)
    for n, reason in zip(ns, reasons, strict=True):
        if n < min_n:
            assert reason == SMALL          # every small group is hidden
        else:
            assert reason in (None, COMPLEMENT)
    hidden = sum(1 for r in reasons if r)
    assert hidden != 1 or len(ns) == 1      # never exactly one hidden figure beside shown ones
    together = sum(n for n, r in zip(ns, reasons, strict=True) if r)
    assert together == 0 or together >= min_n or hidden == len(ns)   # hidden groups are never small together
    assert reasons.count(COMPLEMENT) <= 1   # no more is hidden than needed


def test_table_rule_protects_rows_and_columns():
    ns = {("a", "x"): 5, ("a", "y"): 30, ("b", "x"): 40, ("b", "y"): 50}
    reasons = suppress_table(ns, min_n=10)
    # (a,x) is small; its row then hides (a,y), its column hides (b,x); then row b has one hidden → (b,y).
    assert reasons == {("a", "x"): SMALL, ("a", "y"): COMPLEMENT, ("b", "x"): COMPLEMENT,
                       ("b", "y"): COMPLEMENT}


@given(st.dictionaries(st.tuples(st.sampled_from("abcd"), st.sampled_from("wxyz")),
                       st.integers(min_value=1, max_value=60), max_size=16),
       st.integers(min_value=1, max_value=30))
def test_table_rule_properties(ns, min_n):
    reasons = suppress_table(ns, min_n)
    assert all(reasons[c] == SMALL for c, n in ns.items() if n < min_n)
    for axis in (0, 1):
        for line in {c[axis] for c in ns}:
            cells = [c for c in ns if c[axis] == line]
            hidden = [c for c in cells if reasons[c]]
            assert len(hidden) != 1 or len(cells) == 1


def test_presets_have_stable_keys_and_words_in_both_languages():
    assert [p.key for p in PRESETS] == ["default", "california", "idea", "survey"]
    for preset in PRESETS:
        assert preset.label() == preset.name                                             # English as before
        with reading("es"):
            assert preset.label() != preset.name
    with reading("es"):
        assert PRESETS[1].label() == "California School Dashboard (se ocultan n < 11)"


def test_only_the_california_dashboard_leaves_groups_under_30_uncoloured():
    assert [p.colour_min_n for p in PRESETS] == [0, 30, 0, 0]
    california = PRESETS[1]
    assert not coloured(29, california.colour_min_n) and coloured(30, california.colour_min_n)   # 11 to 29: no colour
    assert coloured(10, PRESETS[0].colour_min_n)
    assert coloured(5, 0) and not coloured(5, 6)


# Top/bottom coding: the rule by hand, the complement question, and a breakdown built with it.

def test_code_by_hand():
    assert code(97, 100) == TOP                       # 97% is above 95
    assert code(2, 60) == BOTTOM                      # 3.3% is below 5
    assert code(95, 100) is None and code(5, 100) is None     # exactly 95% and exactly 5% are not beyond
    assert code(96, 100) == TOP and code(4, 100) == BOTTOM
    assert code(299, 299) == TOP and code(300, 300) is None   # groups of 300 and more are shown exactly
    assert code(0, 0) is None
    assert (coded_text(TOP), coded_text(BOTTOM)) == ("≥ 95%", "≤ 5%")
    assert (coded_value(TOP), coded_value(BOTTOM)) == (95.0, 5.0)
    assert shown_as(TOP).startswith("≥ 95% — rate top-coded") and "97" not in shown_as(TOP)


def test_two_coded_groups_need_no_complement():
    # White 97/100 and Black 2/60 are coded; the total (214) minus Asian 95 and Hispanic 20 leaves 99 for the two,
    # which White 96..100 and Black 0..2 can make in several ways (97+2, 96+3 is out, 98+1, 99+0): not pinned.
    counts = [(97, 100), (2, 60), (95, 100), (20, 40)]
    assert top_bottom_code(counts, (None,) * 4) == ((TOP, BOTTOM, None, None), (None,) * 4)


def test_one_coded_group_takes_the_smallest_exact_group_with_it():
    # Alone, White's 97 would be the total (212) minus 95 and 20; hiding Hispanic (40, the smallest) leaves
    # 117 for White 96..100 and Hispanic 0..40, which many splits make.
    assert top_bottom_code([(97, 100), (95, 100), (20, 40)], (None,) * 3) == \
        ((TOP, None, None), (None, None, COMPLEMENT))


def test_a_group_already_hidden_is_enough():
    reasons = suppress([100, 100, 5, 40], 10)
    assert reasons == (None, None, SMALL, COMPLEMENT)
    codes, out = top_bottom_code([(97, 100), (95, 100), (3, 5), (20, 40)], reasons)
    assert codes == (TOP, None, None, None) and out == reasons


def test_coded_groups_all_at_the_top_are_protected_as_well():
    # Both coded groups have everyone meeting: 25/25 (range 24..25) and 30/30 (29..30). Their sum, 55, is the most
    # the ranges allow, so each would be pinned at "all"; the smallest exact group (50 students) is hidden too.
    codes, out = top_bottom_code([(25, 25), (30, 30), (25, 50), (30, 60)], (None,) * 4)
    assert codes == (TOP, TOP, None, None) and out == (None, None, COMPLEMENT, None)


def test_a_group_of_twenty_or_fewer_that_would_be_coded_is_hidden_instead():
    # Above 95% of 20 students is all 20, so "≥ 95%" would say "all": the group is hidden. Alone it would be the
    # total (90) minus the rest (30 + 40), so the smallest exact group (60 students) goes too; then 50 is shared by
    # a group of 20 and one of 60, which many splits make.
    assert top_bottom_code([(20, 20), (30, 60), (40, 80)], (None,) * 3) == \
        ((None, None, None), (ALL_OR_NONE, COMPLEMENT, None))
    # None of 15 met: "≤ 5%" of 15 can only be 0. And 20 of 21 met (95.2%): "≥ 95%" is 20 or 21, so it is coded.
    assert top_bottom_code([(0, 15), (20, 21), (30, 60), (40, 80)], (None,) * 4)[0][:2] == (None, TOP)
    assert top_bottom_code([(0, 15), (20, 21), (30, 60), (40, 80)], (None,) * 4)[1][0] == ALL_OR_NONE
    assert "all or none" in hidden_note(ALL_OR_NONE, 10)


def test_coding_a_two_way_table_along_rows_and_columns():
    counts = {("a", "x"): (49, 50), ("a", "y"): (25, 50), ("b", "x"): (25, 50), ("b", "y"): (25, 50)}
    codes, reasons = top_bottom_code_table(counts, dict.fromkeys(counts))
    # (a,x) is 98%: coded. Its row and its column would give it back, so (a,y) and (b,x) are hidden; row b and
    # column y then hold one hidden cell and no coded one, which suppression's own rule does not need to cover.
    assert codes == {("a", "x"): TOP, ("a", "y"): None, ("b", "x"): None, ("b", "y"): None}
    assert reasons == {("a", "x"): None, ("a", "y"): COMPLEMENT, ("b", "x"): COMPLEMENT, ("b", "y"): None}


class _Upload:
    def __init__(self, table):
        self.table, self.name = table, "class.csv"


def _class(plan):
    """A class from (race, students, students at or above 70) triples."""
    rows = []
    for race, n, meet in plan:
        rows += [(race, "80" if i < meet else "50") for i in range(n)]
    table = pa.table({"Student ID": [f"{i:04d}" for i in range(len(rows))], "Race": [r[0] for r in rows],
                      "Final %": [r[1] for r in rows]})
    con = dataset.connect()
    staged = dataset.stage(con, _Upload(table))
    dataset.activate(con, staged, staged.proposal)
    return con


@pytest.fixture
def coded_class():
    """White 100 (97 at or above 70), Black 60 (2), Asian 100 (95), Hispanic 40 (20): 300 students, 214 meet."""
    return _class((("White", 100, 97), ("Black", 60, 2), ("Asian", 100, 95), ("Hispanic", 40, 20)))


RATE = Rule("threshold", 70)


def test_breakdown_codes_rates_and_keeps_only_the_chance_mark(coded_class):
    result = breakdown(coded_class, "final_pct", RATE, "race", coding=True)
    groups = {g.key: g for g in result.groups}
    white, black, asian = groups["White"], groups["Black or African American"], groups["Asian"]
    assert (white.coded, black.coded, asian.coded) == (TOP, BOTTOM, "")
    for g in (white, black):
        assert (g.value, g.gap, g.ci, g.suppressed) == (None, None, None, False) and g.n in (100, 60)
        assert g.distinguishable is True          # 97% against 117/200 others: beyond chance, and may say so
    assert asian.value == pytest.approx(95.0)     # exactly 95 is not above 95: shown
    assert result.overall_value == pytest.approx(214 / 3)
    assert [g.key for g in result.shown()] == ["Hispanic/Latino", "Asian", "Black or African American", "White"]


def test_coding_is_off_by_default_and_never_touches_a_mean(coded_class):
    plain = breakdown(coded_class, "final_pct", RATE, "race")
    assert plain == breakdown(coded_class, "final_pct", RATE, "race", coding=False)
    assert {g.key: g.value for g in plain.groups}["White"] == pytest.approx(97.0)
    assert not any(g.coded for g in plain.groups)
    means = breakdown(coded_class, "final_pct", Rule("mean"), "race", coding=True)
    assert not any(g.coded for g in means.groups) and all(g.value is not None for g in means.groups)


def test_no_gap_is_measured_against_a_coded_group_and_no_flag_index_gives_it_away(coded_class):
    against_white = breakdown(coded_class, "final_pct", RATE, "race", "White", coding=True)
    assert all(g.gap is None for g in against_white.groups)         # each gap would be value − 97
    result = breakdown(coded_class, "final_pct", RATE, "race", coding=True)
    for method in (Flag.PPG, Flag.PI, Flag.EIGHTY):
        verdicts = flag(result, method)
        assert verdicts.of("White").index is None and verdicts.of("Black or African American").index is None
    assert flag(result, Flag.EIGHTY).reference.key == "Asian"      # the highest exact group measures the rest
    for sentence in (flag_sentence(result, m) for m in Flag):
        assert "97.0" not in sentence and "3.3" not in sentence
        assert sentence.endswith("left out of this comparison: Black or African American, White.")


def test_a_small_group_all_meeting_is_hidden_with_its_reason_in_the_table():
    # Asian 15 of 15: "≥ 95%" would say all 15, so hidden; Hispanic (40, the smallest exact) goes too.
    con = _class((("White", 100, 60), ("Asian", 15, 15), ("Hispanic", 40, 20)))
    result = breakdown(con, "final_pct", RATE, "race", coding=True)
    groups = {g.key: g for g in result.groups}
    asian, hispanic = groups["Asian"], groups["Hispanic/Latino"]
    assert (asian.suppressed, asian.value, asian.coded, asian.reason) == (True, None, "", ALL_OR_NONE)
    assert hispanic.suppressed and hispanic.reason == COMPLEMENT and groups["White"].value == pytest.approx(60.0)
    hidden = GapView(result).section().table.frame().set_index("Group")["Note"]
    assert hidden["Asian"] == "Hidden: in a group this small, “≥ 95%” or “≤ 5%” would show that all or none of it met."
    with reading("es"):
        spanish = GapView(result).section().table.frame()
    assert spanish.set_index("Grupo").loc["Asiático", "Nota"].startswith("Oculto: en un grupo tan pequeño")
