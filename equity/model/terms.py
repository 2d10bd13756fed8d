"""Terms as people write them ('2024-25', '2024', 'Fall 2025'): their order, the terms between two of them,
the ones after, and the dates each covers, so goals can lay out interim targets one per term and dated
interventions can be placed between two measurements.

School years run July to June; 'Fall' is August to December, 'Spring' January to June, 'Summer' July,
'Winter' January to March. A label the app cannot read sorts last and covers no dates.
"""

import re
from collections.abc import Iterable, Sequence
from datetime import date

_SCHOOL_YEAR = re.compile(r"^(?:SY\s*)?(\d{4})(\s*[-/–]\s*)(\d{2}|\d{4})$", re.I)
_YEAR = re.compile(r"^(\d{4})$")
_SEASON = re.compile(r"^(winter|spring|summer|fall|autumn)\s+(\d{4})$", re.I)
_SEASON_MONTHS = {"winter": (1, 3), "spring": (1, 6), "summer": (7, 7), "fall": (8, 12), "autumn": (8, 12)}


def sort_key(term: str) -> tuple:
    """Chronological order by the date a term starts; unreadable labels last, alphabetically."""
    span = dates(term)
    return (0, span[0], term) if span else (1, date.max, term)


def ordered(terms: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(terms), key=sort_key))


def dates(term: str) -> tuple[date, date] | None:
    """The first and last day a term covers, or None when the label is not one the app can read."""
    text = term.strip()
    if m := _SCHOOL_YEAR.match(text):
        start = int(m.group(1))
        if _end_year(m) != start + 1:
            return None
        return date(start, 7, 1), date(start + 1, 6, 30)
    if m := _YEAR.match(text):
        year = int(m.group(1))
        return date(year, 1, 1), date(year, 12, 31)
    if m := _SEASON.match(text):
        first, last = _SEASON_MONTHS[m.group(1).lower()]
        year = int(m.group(2))
        return date(year, first, 1), _month_end(year, last)
    return None


def _end_year(m: re.Match) -> int:
    start, end = int(m.group(1)), m.group(3)
    return int(end) if len(end) == 4 else start - start % 100 + int(end) + (100 if int(end) < start % 100 else 0)


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def shift(term: str, steps: int) -> str | None:
    """The term `steps` after this one, written the same way ('2024-25' + 2 = '2026-27'), or None when it
    cannot be named (seasons: whether a Summer or Winter term comes between is not known)."""
    text = term.strip()
    if (m := _SCHOOL_YEAR.match(text)) and dates(text):
        start = int(m.group(1)) + steps
        end = str(start + 1) if len(m.group(3)) == 4 else f"{(start + 1) % 100:02d}"
        prefix = text[:m.start(1)]
        return f"{prefix}{start}{m.group(2)}{end}"
    if _YEAR.match(text):
        return str(int(text) + steps)
    return None


def sequence(start: str, end: str, known: Iterable[str] = ()) -> tuple[str, ...]:
    """Every term from `start` to `end`, both included: counted out for years and school years, otherwise the
    known terms that fall between them."""
    steps = _steps(start, end)
    if steps is not None and steps >= 0:
        return tuple(shift(start, i) for i in range(steps + 1))
    first, last = sort_key(start), sort_key(end)
    return tuple(t for t in ordered([*known, start, end]) if first <= sort_key(t) <= last)


def _steps(start: str, end: str) -> int | None:
    """How many terms `end` comes after `start` when both are years or school years written alike."""
    first, last = dates(start), dates(end)
    if not first or not last:
        return None
    steps = last[0].year - first[0].year
    return steps if shift(start, steps) == end.strip() else None


def position(day: date, axis: Sequence[str]) -> float | None:
    """Where a date falls on a chart whose term i is drawn at x = i, as measured at the end of the term: a
    date inside term i lies between i - 1 and i, by the share of the term gone. None when no term covers it."""
    for i, term in enumerate(axis):
        span = dates(term)
        if span and span[0] <= day <= span[1]:
            length = (span[1] - span[0]).days + 1
            return i - 1 + ((day - span[0]).days + 1) / length
    return None
