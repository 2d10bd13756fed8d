"""Choosing the rule for an outcome: a threshold, yes/no, a set of categories, or the mean."""

import re
from collections.abc import Sequence

from equity.mapping import ColumnRole
from equity.metrics import Rule

_MEETS = re.compile(r"\b(met|meets|exceed\w*|proficient|advanced|mastered|distinguished|above)\b", re.I)
_NOT = re.compile(r"\b(not|nearly|partially|partial|below|approach\w*|basic|minimal)\b", re.I)


def meeting_categories(values: Sequence[str | None]) -> tuple[str, ...]:
    """The categories that usually count as meeting the standard ('Met', 'Exceeded'), for a default."""
    return tuple(v for v in values if v and _MEETS.search(v) and not _NOT.search(v))


def default_rule(column: ColumnRole, values: Sequence[str | None], threshold: float | None = None) -> Rule:
    """What a user most likely means for this outcome when they have not said."""
    if column.kind == "numeric":
        return Rule("threshold", threshold) if threshold is not None else Rule("mean")
    if column.kind == "boolean":
        return Rule("boolean")
    chosen = meeting_categories(values)
    return Rule("categories", categories=chosen or tuple(v for v in values[:1] if v))


def default_threshold(values: Sequence[str | None]) -> float:
    """A starting threshold: 70 for percentages, the middle of the range for other scales (e.g. 10 of 20)."""
    numbers = []
    for v in values:
        try:
            numbers.append(float(str(v).replace("%", "")))
        except (TypeError, ValueError):
            continue
    if not numbers:
        return 0.0
    low, high = min(numbers), max(numbers)
    if 20 < high <= 100 and low >= 0:
        return 70.0
    return float(round((low + high) / 2))


def counting_threshold(values: Sequence[str | None]) -> float | None:
    """1 ("at least one") when a column holds counts (whole numbers from 0, e.g. incidents, AP courses)."""
    numbers = []
    for v in values:
        if v is None:
            continue
        try:
            numbers.append(float(str(v)))
        except ValueError:
            return None
    if numbers and min(numbers) == 0 and all(x >= 0 and x == int(x) for x in numbers):
        return 1.0
    return None
