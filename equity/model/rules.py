"""Rules: what counts as meeting an outcome (a threshold, yes/no, a set of categories, or the mean), and the
rule proposed for an outcome by default."""

import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """What counts as meeting an outcome, or `mean` for an average."""

    kind: str                          # "threshold" | "boolean" | "categories" | "mean"
    threshold: float | None = None
    categories: tuple[str, ...] = ()

    @property
    def is_rate(self) -> bool:
        return self.kind != "mean"

    def describe(self) -> str:
        """The rule as the JSON and the screen print it, e.g. '>= 70'."""
        if self.kind == "threshold":
            return f">= {self.threshold:g}"
        if self.kind == "boolean":
            return "= yes"
        if self.kind == "categories":
            return "in " + ", ".join(self.categories)
        return "mean"

    def params(self) -> dict:
        return {"kind": self.kind, "threshold": self.threshold, "categories": list(self.categories)}


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


def default_rule(kind: str, values: Sequence[str | None], threshold: float | None = None) -> Rule:
    """What a user most likely means for an outcome of this kind (a column role's `kind`) when they have not said."""
    if kind == "numeric":
        return Rule("threshold", threshold) if threshold is not None else Rule("mean")
    if kind in ("boolean", "count"):     # a count over its group's students is a share, as yes/no is
        return Rule("boolean")
    chosen = meeting_categories(values)
    return Rule("categories", categories=chosen or tuple(v for v in values[:1] if v))


def default_threshold(values: Sequence[str | None], measure: str = "") -> float:
    """A starting threshold: the lowest of the top levels for a proficiency level (3 of 1-4), 70 for
    percentages (0.7 for shares written as fractions), the middle of the range for other scales (10 of 0-20).
    `measure` is the kind of result the column is (equity.data.outcome_kinds)."""
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
