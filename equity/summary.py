"""Plain-language sentences about a breakdown, claiming no more than the data supports."""

from equity.metrics import Breakdown, GroupResult
from equity.normalize import NOT_REPORTED


def _figure(value: float, rate: bool) -> str:
    return f"{value:.1f}%" if rate else f"{value:.1f}"


def _points(gap: float, rate: bool) -> str:
    unit = "percentage points" if rate else "points"
    return f"{abs(gap):.1f} {unit}"


def largest_gap(result: Breakdown) -> GroupResult | None:
    """The shown group furthest from its comparison (a 'Not reported' group is not a finding)."""
    candidates = [g for g in result.shown() if g.gap is not None and g.key not in (None, NOT_REPORTED)]
    return max(candidates, key=lambda g: abs(g.gap)) if candidates else None


def largest_gap_sentence(result: Breakdown) -> str:
    """One sentence naming the largest gap, its size, and whether it could be chance."""
    rate = result.rule.is_rate
    what = f"{result.outcome} ({result.rule.describe()})" if rate else f"average {result.outcome}"
    group = largest_gap(result)
    if group is None:
        if result.groups and all(g.suppressed for g in result.groups):
            return (f"Every group by {result.dimension.label.lower()} has fewer than {result.min_n} students "
                    "with a result, so no figures are shown.")
        return f"No gaps to report for {what} by {result.dimension.label.lower()}."
    if abs(group.gap) < 0.05:
        return f"{what}: no group differs from {result.comparison_label()}."
    direction = "below" if group.gap < 0 else "above"
    sentence = (f"The largest gap by {result.dimension.label.lower()} is for {group.label}: "
                f"{_figure(group.value, rate)} on {what}, {_points(group.gap, rate)} {direction} "
                f"{result.comparison_label()}")
    if group.distinguishable:
        return sentence + " — larger than chance alone would explain."
    if group.distinguishable is False:
        return sentence + " — but a gap this size could be due to chance."
    return sentence + "."


def overall_line(result: Breakdown) -> str:
    """All students' figure, and how many had no result (blank or excused) and were left out."""
    overall = result.overall_value
    shown = f", value {overall:.1f}" if overall is not None else " (hidden: too few students)"
    return (f"All students: n = {result.overall.n:,}{shown}; {result.overall.missing:,} without a result "
            "(blank or excused) are left out.")
