"""Ways to flag a group's gap, so a district can report the figure its state or college system already uses.

- NEWCOMBE (the default, DESIGN.md "Metrics"): the 95% interval of the difference from an independent
  comparison leaves out zero, above or below. The only method that also works for averages.
- PPG: the California Community Colleges' percentage-point gap (the 2017 method): the group's rate minus the rate
  of all students with a result (the whole cohort, the group and hidden groups included), whatever comparison the
  screen shows. Flagged (disproportionately impacted) when that gap is at or below minus the margin of error
  MOE = max(1.96·√(0.25/n), 0.03), n being the group's students with a result (0.25 is p(1 − p) at its largest,
  p = 0.5; 3 points is the floor).
- PI: the proportionality index, the group's share of the students who meet the outcome ÷ its share of all
  students with a result; flagged below 0.8.
- EIGHTY: the 80% index (the four-fifths rule), the group's rate ÷ the highest shown group's rate; flagged
  below 0.8. Hidden groups never serve as that reference, so no index can reveal a hidden rate.

Hidden groups are never flagged and never given an index; nor are top/bottom-coded ones (an index or a PPG gap would
give their exact rate back), though Newcombe's verdict, which does not, stays. An index exactly at 0.8 is not
flagged; a gap exactly at minus the margin of error is.
"""

from dataclasses import dataclass
from enum import StrEnum
from math import sqrt

from equity.metrics import Breakdown, GroupResult, key_text
from equity.normalize import NOT_REPORTED

CUT = 0.8                    # proportionality and 80% indexes: flagged below this
MOE_Z = 1.96                 # as published, not the exact normal quantile
MOE_FLOOR = 0.03             # the margin of error is never below 3 percentage points
_SLACK = 1e-9                # a figure exactly at the cut is judged as exactly there whatever the float rounding


class Flag(StrEnum):
    """How gaps are flagged; the values are what the command line's --flag takes."""

    NEWCOMBE = "newcombe"
    PPG = "ppg"
    PI = "pi"
    EIGHTY = "80"

    @property
    def rates_only(self) -> bool:
        """Every method but Newcombe's interval is defined for shares of students, not for averages."""
        return self is not Flag.NEWCOMBE


@dataclass(frozen=True)
class GroupFlag:
    key: object
    flagged: bool | None              # None: not judged (hidden, or the figure cannot be worked out)
    index: float | None = None        # PPG gap in points, proportionality index or 80% index
    margin: float | None = None       # PPG's margin of error, in points


@dataclass(frozen=True)
class Flags:
    """One method's verdict on every group of a breakdown, in the breakdown's order."""

    method: Flag
    groups: tuple[GroupFlag, ...]
    reference: GroupResult | None = None     # the 80% index's highest group

    def of(self, key: object) -> GroupFlag:
        wanted = key_text(key)
        return next(f for f in self.groups if key_text(f.key) == wanted)

    def flagged(self) -> tuple[GroupFlag, ...]:
        return tuple(f for f in self.groups if f.flagged)


def flag(result: Breakdown, method: Flag = Flag.NEWCOMBE) -> Flags:
    """Each group's flag (and index or margin) under `method`; ValueError for an average and a rates-only method."""
    method = Flag(method)
    if method.rates_only and not result.rule.is_rate:
        raise ValueError("Averages are flagged by their 95% interval only; the other flags need a share of "
                         "students meeting the outcome.")
    if method is Flag.NEWCOMBE:
        return Flags(method, tuple(GroupFlag(g.key, None if g.suppressed else g.distinguishable)
                                   for g in result.groups))
    if method is Flag.PPG:
        return Flags(method, tuple(_ppg(result, g) for g in result.groups))
    if method is Flag.PI:
        return Flags(method, tuple(_proportionality(result, g) for g in result.groups))
    best = highest(result)
    return Flags(method, tuple(_eighty(g, best) for g in result.groups), best)


def margin_of_error(n: int) -> float:
    """PPG's margin of error for a group of n students, in percentage points."""
    return max(MOE_Z * sqrt(0.25 / n), MOE_FLOOR) * 100


def highest(result: Breakdown) -> GroupResult | None:
    """The shown group with the highest rate (a 'Not reported' group is not a group to measure others by)."""
    candidates = [g for g in result.shown() if g.value is not None and g.key not in (None, NOT_REPORTED)]
    return max(candidates, key=lambda g: g.value) if candidates else None


def _successes(group: GroupResult) -> float:
    return group.value / 100 * group.n


def _ppg(result: Breakdown, group: GroupResult) -> GroupFlag:
    everyone = result.overall_value
    if group.value is None or everyone is None:
        return GroupFlag(group.key, None)
    gap = group.value - everyone
    margin = margin_of_error(group.n)
    return GroupFlag(group.key, gap <= -margin + _SLACK, gap, margin)


def _proportionality(result: Breakdown, group: GroupResult) -> GroupFlag:
    if group.value is None or result.overall_suppressed or result.overall.total <= 0:
        return GroupFlag(group.key, None)     # the index with the group's figure would give all students' back
    index = (_successes(group) / result.overall.total) / (group.n / result.overall.n)
    return GroupFlag(group.key, index < CUT - _SLACK, index)


def _eighty(group: GroupResult, best: GroupResult | None) -> GroupFlag:
    if group.value is None or best is None or best.value <= 0:
        return GroupFlag(group.key, None)
    index = group.value / best.value
    return GroupFlag(group.key, index < CUT - _SLACK, index)
