"""Choosing the rule for an outcome: a threshold, yes/no, a set of categories, or the mean."""

import re
from collections.abc import Sequence

from equity.mapping import ColumnRole
from equity.metrics import Rule

_MEETS = re.compile(r"\b(met|meets|exceed\w*|proficient|advanced|mastered|distinguished|above)\b", re.I)
_NOT = re.compile(r"\b(not|nearly|partially|partial|below|approach\w*|basic|minimal)\b", re.I)
_LEVEL_NUMBER = re.compile(r"\blevel\s*(\d+)\b", re.I)


def meeting_categories(values: Sequence[str | None]) -> tuple[str, ...]:
    """The categories that usually count as meeting the standard ('Met', 'Exceeded'), or else the top levels
    of numbered ones ('Level 3' and 'Level 4' of four), for a default."""
    named = tuple(v for v in values if v and _MEETS.search(v) and not _NOT.search(v))
    if named:
        return named
    numbered = {v: int(m[1]) for v in values if v and (m := _LEVEL_NUMBER.search(v))}
    top = _top_levels(sorted(set(numbered.values())))
    return tuple(v for v, n in numbered.items() if n in top)


def _top_levels(levels: list[float]) -> list[float]:
    """The levels that meet a standard by the usual convention: the top two of four or more, else the top
    one (of three or fewer); none when there are fewer than three levels to speak of."""
    if len(levels) < 3:
        return []
    return levels[-2:] if len(levels) >= 4 else levels[-1:]


def default_rule(column: ColumnRole, values: Sequence[str | None], threshold: float | None = None) -> Rule:
    """What a user most likely means for this outcome when they have not said."""
    if column.kind == "numeric":
        return Rule("threshold", threshold) if threshold is not None else Rule("mean")
    if column.kind in ("boolean", "count"):     # a count over its group's students is a share, as yes/no is
        return Rule("boolean")
    chosen = meeting_categories(values)
    return Rule("categories", categories=chosen or tuple(v for v in values[:1] if v))


def default_threshold(values: Sequence[str | None], measure: str = "") -> float:
    """A starting threshold: the lowest of the top levels for a proficiency level (3 of 1-4), 70 for
    percentages (0.7 for shares written as fractions), the middle of the range for other scales (10 of 0-20).
    `measure` is the kind of result the column is (equity.outcome_kinds)."""
    numbers = []
    for v in values:
        try:
            numbers.append(float(str(v).replace("%", "")))
        except (TypeError, ValueError):
            continue
    if not numbers:
        return 0.0
    low, high = min(numbers), max(numbers)
    top = _top_levels(sorted(set(numbers))) if measure == "level" else []
    if top:
        return float(top[0])
    if measure == "percent" and low >= 0 and high <= 1:
        return 0.7
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
