"""Students needed: how many more students of a group would have to meet the outcome for the group to stop being
flagged, and to reach full parity with its reference, counted as DisImpact counts them (success_needed_not_di and
success_needed_full_parity): the reference rate and the margin of error held where they are, except for the
proportionality index, whose reference (the share of all successes) grows with every student added.

Each count is the smallest whole number of students that does it: a flagged group always needs at least one, a
group at or above its reference needs none. Rates are shares (0-1) here; n is the group's students with a result.
"""

from math import ceil, floor

_SLACK = 1e-9        # a figure exactly at the cut counts as exactly there whatever the float rounding


def _at_least(x: float) -> int:
    """The smallest whole number k with k ≥ x (0 when x ≤ 0)."""
    return max(0, ceil(x - _SLACK))


def _above(x: float) -> int:
    """The smallest whole number k with k > x (at least 1)."""
    return max(1, floor(x + _SLACK) + 1)


def ppg(rate: float, n: int, reference: float, margin: float, flagged: bool) -> tuple[int, int]:
    """(to stop being flagged, to full parity) under the percentage-point gap: flagged while rate + margin ≤
    reference, so it stops once (rate + k/n) + margin > reference."""
    stop = _above((reference - rate - margin) * n) if flagged else 0
    return stop, _at_least((reference - rate) * n)


def eighty(rate: float, n: int, reference: float, cut: float, flagged: bool) -> tuple[int, int]:
    """Under the 80% index: flagged while rate / reference < cut, so it stops once rate + k/n ≥ cut × reference."""
    stop = _at_least((cut * reference - rate) * n) if flagged else 0
    return stop, _at_least((reference - rate) * n)


def proportionality(successes: float, n: int, all_successes: float, all_n: int, cut: float, flagged: bool
                    ) -> tuple[int, int]:
    """Under the proportionality index (s/S) ÷ (n/N): adding k successes to the group adds k to S as well, so
    (s + k)/(S + k) ≥ cut × n/N once k ≥ (cut·g·S − s) / (1 − cut·g), g = n/N (and likewise with cut 1 for
    parity). A group that is all the students (g = 1) is always at parity."""
    share = n / all_n

    def needed(c: float) -> int:
        if c * share >= 1:
            return 0
        return _at_least((c * share * all_successes - successes) / (1 - c * share))

    return (needed(cut) if flagged else 0), needed(1.0)
