"""An outcome by group across terms: one breakdown per term, so every point gets the same gap, interval and
small-group suppression as the single-term views, and a hidden point stays a hole, never a zero."""

from dataclasses import dataclass, replace

import duckdb

from equity import terms as term_order
from equity.dimensions import DIMENSIONS, Dimension
from equity.filters import Filters
from equity.metrics import COMPARE_ALL, Breakdown, Rule, breakdown, key_text
from equity.normalize import NOT_REPORTED
from equity.privacy import DEFAULT_MIN_N
from equity.sql import query

ALL_STUDENTS = "All students"


@dataclass(frozen=True)
class Point:
    """One group's figure in one term; `value` is None when hidden or absent, and `note` says why."""

    term: str
    n: int
    value: float | None
    gap: float | None
    note: str = ""


@dataclass(frozen=True)
class Trend:
    outcome: str
    rule: Rule
    dimension: Dimension
    compare: str
    min_n: int
    terms: tuple[str, ...]
    per_term: tuple[Breakdown, ...]      # one per term, in the order of `terms`

    def groups(self) -> tuple[tuple[str, str], ...]:
        """(key as text, label) of every group seen in any term, in the dimension's order."""
        seen: dict[object, str] = {}
        for result in self.per_term:
            for g in result.groups:
                seen.setdefault(g.key, g.label)
        keys = sorted(seen, key=self.dimension.order)
        return tuple((key_text(k), seen[k]) for k in keys)

    def series(self, group: str) -> tuple[Point, ...]:
        """One group's points (its key as text), one per term."""
        points = []
        for term, result in zip(self.terms, self.per_term, strict=True):
            found = next((g for g in result.groups if key_text(g.key) == group), None)
            if found is None:
                points.append(Point(term, 0, None, None, "No students of this group with a result."))
            else:
                points.append(Point(term, found.n, found.value, found.gap, found.note))
        return tuple(points)

    def overall(self) -> tuple[Point, ...]:
        """All students' points, one per term."""
        points = []
        for term, result in zip(self.terms, self.per_term, strict=True):
            hidden = f"Hidden: fewer than {self.min_n} students." if result.overall_suppressed else ""
            points.append(Point(term, result.overall.n, result.overall_value, None, hidden))
        return tuple(points)

    def comparison_label(self) -> str:
        return self.per_term[0].comparison_label() if self.per_term else ""


def data_terms(con: duckdb.DuckDBPyConnection, filters: Filters = Filters()) -> tuple[str, ...]:
    """The terms in the loaded data (those chosen in the filters, when any are), in time order."""
    rows = con.execute(query("distinct_values", column="term"), {"missing": NOT_REPORTED}).fetchall()
    found = [r[0] for r in rows if r[0] != NOT_REPORTED]
    if filters.term:
        found = [t for t in found if t in filters.term]
    return term_order.ordered(found)


def trend(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, dimension: str,
          compare: str = COMPARE_ALL, filters: Filters = Filters(), min_n: int = DEFAULT_MIN_N,
          label: str = "") -> Trend:
    """Breakdowns of one outcome by one dimension, one per term, under the same filters."""
    found = data_terms(con, filters)
    per_term = tuple(breakdown(con, outcome, rule, dimension, compare=compare,
                               filters=replace(filters, term=(term,)), min_n=min_n, label=label)
                     for term in found)
    return Trend(label or outcome, rule, DIMENSIONS[dimension], compare, min_n, found, per_term)


def gap_change_sentence(trend: Trend) -> str:
    """The group whose gap changed most between the first and the last term, in one sentence."""
    if len(trend.terms) < 2:
        return "Only one term is loaded, so there is no change to report yet."
    first, last = trend.terms[0], trend.terms[-1]
    unit = "percentage points" if trend.rule.is_rate else "points"
    changes = []
    for key, label in trend.groups():
        if key in ("null", NOT_REPORTED):
            continue
        points = trend.series(key)
        start, end = points[0].gap, points[-1].gap
        if start is not None and end is not None:
            changes.append((abs(abs(end) - abs(start)), label, start, end))
    if not changes:
        return f"No group has a figure in both {first} and {last}, so no change in gaps is shown."
    _, label, start, end = max(changes)
    verb = "narrowed" if abs(end) < abs(start) else "widened" if abs(end) > abs(start) else "held"
    return (f"From {first} to {last}, the gap for {label} {verb} the most: from {start:+.1f} to {end:+.1f} "
            f"{unit} (compared with {trend.comparison_label()}).")
