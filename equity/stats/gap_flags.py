"""Ways to flag a group's gap, so a district can report the figure its state or college system already uses.

- NEWCOMBE (the default, DESIGN.md "Metrics"): the 95% interval of the difference from an independent
  comparison leaves out zero, above or below. The only method that also works for averages.
- PPG: the California Community Colleges' percentage-point gap (the 2017 method): the group's rate minus a
  reference rate, by default that of all students with a result (the whole cohort, the group and hidden groups
  included); the comparison chosen (all other students, a group) or a setting (the highest group, a fixed rate)
  changes it. Flagged (disproportionately impacted) when that gap is at or below minus the margin of error
  MOE = max(1.96·√(0.25/n), 0.03), n being the group's students with a result (0.25 is p(1 − p) at its largest,
  p = 0.5; 3 points is the floor).
- PI: the proportionality index, the group's share of the students who meet the outcome ÷ its share of all
  students with a result; flagged below 0.8.
- EIGHTY: the 80% index (the four-fifths rule), the group's rate ÷ the highest shown group's rate; flagged
  below 0.8. Hidden groups never serve as that reference, so no index can reveal a hidden rate.

The references, the margin's floor and formula and both cut-offs are settings (gap_flag_settings, DisImpact's
arguments); the numbers above are their defaults. Under PPG, PI and the 80% index every judged group also gets
the students needed to stop being flagged and to reach parity (equity.stats.needed).

Hidden groups are never flagged and never given an index; nor are top/bottom-coded ones (an index or a PPG gap would
give their exact rate back), though Newcombe's verdict, which does not, stays. An index exactly at 0.8 is not
flagged; a gap exactly at minus the margin of error is.
"""

from dataclasses import dataclass
from enum import StrEnum

from equity.sources.cells import key_text
from equity.stats import needed
from equity.stats.gap_flag_settings import (
    DEFAULTS,
    FlagSettings,
    eighty_reference,
    highest,
    margin_of_error,
    ppg_reference_rate,
)
from equity.stats.metrics import Breakdown, GroupResult

__all__ = ["Flag", "Flags", "GroupFlag", "flag", "highest", "margin_of_error"]

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
    needed: int | None = None         # more students meeting the outcome to stop being flagged (0 if not flagged)
    parity: int | None = None         # more students meeting it to reach the reference (0 at or above it)
    reference: float | None = None    # PPG's reference rate for this group, in percent


@dataclass(frozen=True)
class Flags:
    """One method's verdict on every group of a breakdown, in the breakdown's order."""

    method: Flag
    groups: tuple[GroupFlag, ...]
    reference: GroupResult | None = None     # the 80% index's reference group (the highest, or the one named)
    settings: FlagSettings = DEFAULTS

    def of(self, key: object) -> GroupFlag:
        wanted = key_text(key)
        return next(f for f in self.groups if key_text(f.key) == wanted)

    def flagged(self) -> tuple[GroupFlag, ...]:
        return tuple(f for f in self.groups if f.flagged)


def flag(result: Breakdown, method: Flag = Flag.NEWCOMBE, settings: FlagSettings = DEFAULTS) -> Flags:
    """Each group's flag (and index or margin) under `method` and `settings`; ValueError for an average and a
    rates-only method."""
    method = Flag(method)
    if method.rates_only and not result.rule.is_rate:
        raise ValueError("Averages are flagged by their 95% interval only; the other flags need a share of "
                         "students meeting the outcome.")
    if method is Flag.NEWCOMBE:
        return Flags(method, tuple(GroupFlag(g.key, None if g.suppressed else g.distinguishable)
                                   for g in result.groups), settings=settings)
    if method is Flag.PPG:
        return Flags(method, tuple(_ppg(result, g, settings) for g in result.groups), settings=settings)
    if method is Flag.PI:
        return Flags(method, tuple(_proportionality(result, g, settings) for g in result.groups), settings=settings)
    best = eighty_reference(result, settings)
    return Flags(method, tuple(_eighty(g, best, settings) for g in result.groups), best, settings)


def _successes(group: GroupResult) -> float:
    return group.value / 100 * group.n


def _ppg(result: Breakdown, group: GroupResult, settings: FlagSettings) -> GroupFlag:
    reference = ppg_reference_rate(result, group, settings)
    if group.value is None or reference is None:
        return GroupFlag(group.key, None)
    gap = group.value - reference
    margin = margin_of_error(group.n, group.value, settings)
    flagged = gap <= -margin + _SLACK
    stop, parity = needed.ppg(group.value / 100, group.n, reference / 100, margin / 100, flagged)
    return GroupFlag(group.key, flagged, gap, margin, stop, parity, reference)


def _proportionality(result: Breakdown, group: GroupResult, settings: FlagSettings) -> GroupFlag:
    if group.value is None or result.overall_suppressed or result.overall.total <= 0:
        return GroupFlag(group.key, None)     # the index with the group's figure would give all students' back
    index = (_successes(group) / result.overall.total) / (group.n / result.overall.n)
    flagged = index < settings.pi_cut - _SLACK
    stop, parity = needed.proportionality(_successes(group), group.n, result.overall.total, result.overall.n,
                                          settings.pi_cut, flagged)
    return GroupFlag(group.key, flagged, index, needed=stop, parity=parity)


def _eighty(group: GroupResult, best: GroupResult | None, settings: FlagSettings) -> GroupFlag:
    if group.value is None or best is None or best.value <= 0:
        return GroupFlag(group.key, None)
    index = group.value / best.value
    flagged = index < settings.eighty_cut - _SLACK
    stop, parity = needed.eighty(group.value / 100, group.n, best.value / 100, settings.eighty_cut, flagged)
    return GroupFlag(group.key, flagged, index, needed=stop, parity=parity)
