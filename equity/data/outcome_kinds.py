"""Which columns a person would compare as outcomes, and what kind of result each one is.

A file has many columns that can be counted but are not results: identifiers, names, birth dates, ages,
background (family size, a parent's job), columns with one value, columns with nothing in them. A column is
proposed as an outcome when its header names a result (a score, a mark, a proficiency level, a percentage,
attendance, discipline, a course) or its values look like one (letter grades, performance levels, percentages,
a scale of many values). Other columns that could be outcomes stay available in the mapping editor; they are
proposed only when nothing else is, so that a small file of unusual headers still gives a figure.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from equity.data import headers
from equity.data.profile import ColumnProfile

# Cells that mean "no value" in an outcome column (a race column's `NA` is a code, read elsewhere).
MISSING = frozenset({"na", "n/a", "n.a.", "#n/a", "null", "none", "nan", "-", "--", "---", ".", "missing",
                     "not available", "blank", "(blank)", "no data", "nd"})
# The order outcome pickers list outcomes in: a class's percentages and marks, proficiency levels (the rate
# assessment reports and ESSA plans use), scale scores, then attendance, discipline and course counts.
ORDER = ("percent", "mark", "level", "score", "attendance", "discipline", "course", "")
LIKELY, POSSIBLE, NEVER = 2, 1, 0
MANY_VALUES = 10     # a numeric column with at least this many values is a scale (a score), not a code
_LETTER = re.compile(r"^[A-F][+-]?$", re.I)
_LEVEL = re.compile(r"\b(met|meets|exceed\w*|proficien\w*|advanced|basic|below|approach\w*|pass\w*|fail\w*|"
                    r"master\w*|distinguished|developing|beginning|level\s*\d|novice|emerging)\b", re.I)
_DATE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}( .*)?$")


@dataclass(frozen=True)
class Evidence:
    """How likely a column is an outcome (LIKELY, POSSIBLE, NEVER) and its kind ('score', ... or '')."""

    strength: int
    kind: str = ""


def all_missing(profile: ColumnProfile) -> bool:
    """Every cell is blank or a missing-value marker (`NA`, `N/A`, `-`...): the column has no values."""
    return not any(map(_value, profile.distinct))


def _value(cell: str | None) -> bool:
    """The cell holds a value: neither blank nor a missing-value marker."""
    return cell is not None and bool(cell.strip()) and cell.strip().casefold() not in MISSING


def evidence(profile: ColumnProfile, data_kind: str, header_counts: bool = True) -> Evidence:
    """What the header and the values say about one column that no role took; `data_kind` is the kind it
    would have as an outcome (numeric, category, boolean, or '' when it cannot be one). Without
    `header_counts` (a header naming a role its values plainly are not: `Math Grade` of 55-98) only the
    values speak."""
    if not data_kind or all_missing(profile) or _present(profile) <= 1 or _identifier(profile) \
            or _dates(profile):
        return Evidence(NEVER)
    reading = headers.read(profile.header) if header_counts else None
    if reading and not reading.label.startswith(headers.MEASURE):
        return Evidence(NEVER)       # a role's column, or one that is never an outcome (birth date, age...)
    if reading:
        return Evidence(LIKELY, reading.label.removeprefix(headers.MEASURE))
    kind = kind_from_values(profile.distinct, data_kind, profile.distinct_count)
    return Evidence(LIKELY if kind else POSSIBLE, kind)


def kind_from_values(values: Sequence[str | None], data_kind: str, distinct_count: int) -> str:
    """The kind of result the values alone show: 'percent' (a % sign), 'mark' (letter grades), 'level'
    (performance levels), 'score' (a numeric scale of many values), else ''."""
    present = [v.strip() for v in values if _value(v)]
    if present and all(v.endswith("%") for v in present):
        return "percent"
    if data_kind == "numeric":
        return "score" if distinct_count >= MANY_VALUES else ""
    if present and all(_LETTER.match(v) for v in present):
        return "mark"
    if present and all(_LEVEL.search(v) for v in present):
        return "level"
    return ""


def all_levels(values: Sequence[str | None]) -> bool:
    """Every value reads as a performance level or a letter grade: categories even in a tiny class."""
    present = [v.strip() for v in values if v is not None]
    return bool(present) and all(_LETTER.match(v) or _LEVEL.search(v) for v in present)


def rank(kind: str) -> int:
    """Where an outcome of this kind comes in a picker (lower first)."""
    return ORDER.index(kind) if kind in ORDER else len(ORDER)


def _present(profile: ColumnProfile) -> int:
    """Distinct values that are not missing-value markers."""
    return sum(map(_value, profile.distinct))


def _identifier(profile: ColumnProfile) -> bool:
    """Every row a different code of one shape (`S00123`, a 7-digit number): an identifier, whatever the
    header says. Scores are also often all different in a small class, so numbers of up to four digits (and
    percentages) do not count."""
    values = [v for v in profile.distinct if v is not None]
    if profile.non_blank < MANY_VALUES or profile.distinct_count < profile.non_blank or not values:
        return False
    shapes = {re.sub(r"\d", "9", re.sub(r"[A-Za-z]", "a", v)) for v in values}
    first = values[0]
    return len(shapes) == 1 and (any(c.isalpha() for c in first) or (first.isdigit() and len(first) >= 5))


def _dates(profile: ColumnProfile) -> bool:
    values = [v for v in profile.distinct if v is not None]
    return bool(values) and all(_DATE.match(v) for v in values)
