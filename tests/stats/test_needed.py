"""Students needed to end a flag and to reach parity, as DisImpact counts them (success_needed_not_di and
success_needed_full_parity), worked out by hand; hidden groups never get a count."""

import pytest

from equity.stats import needed
from equity.stats.gap_flags import Flag, flag
from tests.stats.test_gap_flags import TWO, _group, _result


def test_ppg_counts():
    # 40 of 100 against 62.5% with a 9.8-point margin: (0.625 − 0.40 − 0.098) × 100 = 12.7 → 13; parity 22.5 → 23.
    assert needed.ppg(0.40, 100, 0.625, 0.098, True) == (13, 23)
    # Not flagged: nothing to end, parity still counted; at or above the reference: none.
    assert needed.ppg(0.60, 100, 0.625, 0.098, False) == (0, 3)
    assert needed.ppg(0.70, 100, 0.625, 0.098, False) == (0, 0)


def test_ppg_exactly_at_minus_the_margin_needs_one():
    # 40% + 9.8 points = 49.8% = the reference: flagged; one more student (41% + 9.8 = 50.8% > 49.8%) ends it.
    # Parity: (0.498 − 0.40) × 100 = 9.8 → 10.
    assert needed.ppg(0.40, 100, 0.498, 0.098, True) == (1, 10)


def test_eighty_counts():
    # 40% against 70%: 0.8 × 0.70 = 0.56 → (0.56 − 0.40) × 100 = 16 (exactly: 56% is not below 80%); parity 30.
    assert needed.eighty(0.40, 100, 0.70, 0.8, True) == (16, 30)


def test_proportionality_counts_grow_the_total_too():
    # Asian 40 of 250 successes, 100 of 400 students (g = 0.25): (0.8·0.25·250 − 40)/(1 − 0.2) = 10/0.8 = 12.5 → 13.
    # Check: 53/263 ÷ 0.25 = 0.806 (not flagged); 52/262 ÷ 0.25 = 0.794 (still flagged).
    assert needed.proportionality(40, 100, 250, 400, 0.8, True) == (13, 30)
    assert (53 / 263) / 0.25 >= 0.8 > (52 / 262) / 0.25
    # Parity: (0.25·250 − 40)/0.75 = 30: 70/280 = 0.25 exactly.
    assert 70 / 280 == 0.25
    # A group that is every student is always at parity.
    assert needed.proportionality(40, 100, 40, 100, 0.8, False) == (0, 0)


@pytest.mark.parametrize("method", [Flag.PPG, Flag.PI, Flag.EIGHTY])
def test_flags_carry_the_counts_and_hidden_groups_get_none(method):
    groups = [*TWO, _group("Black", 5, None)]
    flags = flag(_result(groups, 253), method)
    asian, white, hidden = flags.of("Asian"), flags.of("White"), flags.of("Black")
    assert asian.flagged and asian.needed >= 1 and asian.parity >= asian.needed
    assert white.needed == 0 and white.parity == 0
    assert hidden.needed is None and hidden.parity is None
    assert flag(_result(groups, 253)).of("Asian").needed is None          # Newcombe's interval has no count
