"""Suppression: small groups and the complementary rule, by hand and as properties."""

from hypothesis import given
from hypothesis import strategies as st

from equity.privacy import COMPLEMENT, PRESETS, SMALL, coloured, suppress, suppress_table, why_hidden


def test_nothing_hidden_when_every_group_is_large_enough():
    assert suppress([10, 25, 40], min_n=10) == (None, None, None)


def test_one_small_group_takes_the_next_smallest_with_it():
    # 9 is hidden; knowing the total and 12 and 40 would reveal it, so 12 (the next smallest) goes too.
    assert suppress([40, 9, 12, 30], min_n=10) == (None, SMALL, COMPLEMENT, None)


def test_two_small_groups_need_no_complement():
    assert suppress([3, 4, 50, 60], min_n=10) == (SMALL, SMALL, None, None)


def test_two_groups_one_small_hides_both():
    assert suppress([8, 100], min_n=10) == (SMALL, COMPLEMENT)


def test_a_single_small_group_is_simply_hidden():
    assert suppress([5], min_n=10) == (SMALL,)


def test_why_hidden_says_why():
    assert "fewer than 11" in why_hidden(SMALL, 11)
    assert "worked out" in why_hidden(COMPLEMENT, 11)
    assert why_hidden(None, 11) == ""


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
        assert preset.label() == preset.name and preset.explanation() == preset.note     # English as before
        assert preset.label("es") != preset.name and preset.explanation("es")
    california = PRESETS[1]
    assert california.label("es") == "California School Dashboard (se ocultan n < 11)"
    assert "menos de 30 no reciben color" in california.explanation("es")


def test_only_the_california_dashboard_leaves_groups_under_30_uncoloured():
    assert [p.colour_min_n for p in PRESETS] == [0, 30, 0, 0]
    california = PRESETS[1]
    assert not california.colours(29) and california.colours(30)       # 11 to 29: shown, but not coloured
    assert PRESETS[0].colours(10)
    assert coloured(5, 0) and not coloured(5, 6)
