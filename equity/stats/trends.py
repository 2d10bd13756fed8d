"""An outcome by group across terms: one breakdown per term, so every point gets the same gap, interval and
small-group suppression as the single-term views, and a hidden point stays a hole, never a zero. Groups may be
one dimension or two crossed (e.g. English learners from low-income families)."""

from dataclasses import dataclass, replace

import duckdb

from equity.data.normalize import NOT_REPORTED
from equity.data.sql import query
from equity.model import terms as term_order
from equity.model.dimensions import COMBINED, DIMENSIONS, Dimension
from equity.model.filters import Filters
from equity.model.groups import Grouping, ordered
from equity.model.rules import Rule
from equity.sources import cube as cubes
from equity.sources.cells import key_text
from equity.stats import across, grouped
from equity.stats.metrics import COMPARE_ALL, COMPARE_OTHERS, Breakdown, GroupResult, breakdown
from equity.stats.privacy import DEFAULT_MIN_N
from equity.words.groupings import grouping_group
from equity.words.i18n import t
from equity.words.labels import comparison_label, hidden_note

KEY_JOIN = "\x1f"          # joins the parts of a crossed group's key as text; never inside a data value


@dataclass(frozen=True)
class Point:
    """One group's figure in one term; `value` is None when hidden or absent, and `note` says why."""

    term: str
    n: int | None                 # None when hidden
    value: float | None
    gap: float | None
    note: str = ""


def group_key(key: object) -> str:
    """A group's key as text: cells.key_text for one dimension, the parts joined for a crossed group."""
    if isinstance(key, tuple):
        return KEY_JOIN.join(key_text(k) for k in key)
    return key_text(key)


def split_key(text: str) -> tuple[str, ...]:
    """The parts of a group key as text (one for a single dimension, two for a crossed group)."""
    return tuple(text.split(KEY_JOIN))


@dataclass(frozen=True)
class Trend:
    outcome: str
    rule: Rule
    dimension: Dimension                 # the first dimension when groups are crossed
    compare: str
    min_n: int
    terms: tuple[str, ...]
    per_term: tuple[Breakdown, ...]      # one per term, in the order of `terms`
    second: Dimension | None = None      # the dimension crossed with the first, when there is one

    @property
    def grouping(self) -> Grouping:
        return Grouping(self.dimension.key, self.second.key if self.second else None)

    def group_keys(self) -> tuple:
        """Every group seen in any term, in the grouping's order (crossed keys are pairs)."""
        seen = {g.key for result in self.per_term for g in result.groups}
        return tuple(ordered(self.grouping, seen))

    def groups(self) -> tuple[tuple[str, str], ...]:
        """(key as text, label in the reader's language) of every group seen in any term, in the grouping's order."""
        return tuple((group_key(k), grouping_group(self.grouping, k)) for k in self.group_keys())

    def series(self, group: str) -> tuple[Point, ...]:
        """One group's points (its key as text), one per term."""
        points = []
        for term, result in zip(self.terms, self.per_term, strict=True):
            found = next((g for g in result.groups if group_key(g.key) == group), None)
            if found is None:
                points.append(Point(term, 0, None, None, t("trends.no_result")))
            else:
                note = hidden_note(found.reason, self.min_n) if found.suppressed else ""
                points.append(Point(term, found.n, found.value, found.gap, note))
        return tuple(points)

    def overall(self) -> tuple[Point, ...]:
        """All students' points, one per term."""
        points = []
        for term, result in zip(self.terms, self.per_term, strict=True):
            hidden = hidden_note(result.overall_reason, self.min_n) if result.overall_suppressed else ""
            points.append(Point(term, result.overall_size, result.overall_value, None, hidden))
        return tuple(points)

    def comparison_label(self) -> str:
        return comparison_label(self.compare, self.dimension) if self.per_term else ""


def data_terms(con: duckdb.DuckDBPyConnection, filters: Filters = Filters()) -> tuple[str, ...]:
    """The terms in the loaded data (those chosen in the filters, when any are), in time order."""
    rows = con.execute(query("students/distinct_values", column="term", table=cubes.groups_table(con)),
                       {"missing": NOT_REPORTED}).fetchall()
    found = [r[0] for r in rows if r[0] != NOT_REPORTED]
    if filters.term:
        found = [t for t in found if t in filters.term]
    return term_order.ordered(found)


def trend(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, dimension: str,
          compare: str = COMPARE_ALL, filters: Filters = Filters(), min_n: int = DEFAULT_MIN_N,
          label: str = "", second: str | None = None, cube: cubes.Cube | None = None,
          terms: tuple[str, ...] | None = None) -> Trend:
    """Breakdowns of one outcome by one dimension (or by `dimension` crossed with `second`), one per term,
    under the same filters. Crossed groups compare with all students or all other students only. Each term's
    groups are summed from `cube` (the session's, of this outcome and rule), or from one built for this call;
    `terms`, the data's terms under `filters` when the caller knows them (data_terms)."""
    found = data_terms(con, filters) if terms is None else terms
    grouping = Grouping(dimension, second)
    kept, cube = cube is not None, cube or cubes.build(con, outcome, rule)    # one scan for every term
    column = DIMENSIONS[dimension].column
    try:
        hidden = {term: across.find(con, outcome, rule, grouping.columns, replace(filters, term=(term,)), min_n,
                                    cube) for term in found}
        if second:
            per_term = tuple(crossed_breakdown(con, outcome, rule, grouping, compare, replace(filters, term=(term,)),
                                               min_n, label, hidden[term]) for term in found)
        else:
            per_term = tuple(breakdown(con, outcome, rule, dimension, compare=compare,
                                       filters=replace(filters, term=(term,)), min_n=min_n, label=label,
                                       cells=None if dimension == COMBINED else
                                       cubes.cells(con, cube, replace(filters, term=(term,)), (column,)),
                                       across=hidden[term]) for term in found)
    finally:
        if not kept:
            cubes.drop(con, cube)
    return Trend(label or outcome, rule, DIMENSIONS[dimension], compare, min_n, found, per_term,
                 DIMENSIONS[second] if second else None)


def crossed_breakdown(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, grouping: Grouping,
                      compare: str = COMPARE_ALL, filters: Filters = Filters(), min_n: int = DEFAULT_MIN_N,
                      label: str = "", found: across.Hidden | None = None) -> Breakdown:
    """metrics.breakdown for crossed groups (keys are pairs): the two-way table's suppression rule, gaps
    against all students or all other students, and whether each gap is larger than chance. `found`: what the
    rule across views hides, worked out here when not given."""
    if compare not in (COMPARE_ALL, COMPARE_OTHERS):
        raise ValueError("Crossed groups are compared with all students or all other students.")
    overall, stats = grouped.stats(con, outcome, rule, grouping, filters)
    if found is None:
        found = grouped.across_views(con, outcome, rule, grouping, filters, min_n)
    reasons = grouped.hidden(grouping, {k: s.n for k, s in stats.items()}, min_n, found)
    overall_hidden = overall.n < min_n or found.overall
    results = []
    for key in ordered(grouping, stats):
        s, name = stats[key], grouping.group_label(key)
        if reasons[key]:
            results.append(GroupResult(key, name, None, None, None, None, None, True, reason=reasons[key]))
            continue
        others = overall.minus(s)
        versus = overall if compare == COMPARE_ALL else others
        gap = s.value(rule) - versus.value(rule) if versus.n and not overall_hidden else None
        distinguishable = None
        if gap is not None and others.n > 0:
            lo, hi = s.difference(others, rule)
            distinguishable = lo > 0 or hi < 0
        results.append(GroupResult(key, name, s.n, s.value(rule), gap, s.interval(rule), distinguishable, False))
    return Breakdown(label or outcome, rule, grouping.dimensions[0], compare, min_n, overall, overall_hidden,
                     tuple(results))
