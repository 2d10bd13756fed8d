"""Rates, means and gaps by group, with intervals and suppression: the figures every view shows."""

from dataclasses import dataclass

import duckdb

from equity.data.sql import query
from equity.model.dimensions import COMBINED, DIMENSIONS, Dimension
from equity.model.filters import Filters
from equity.model.rules import Rule
from equity.sources import cube as cubes
from equity.sources.cells import Cells, Stats, key_text
from equity.stats import across as across_views
from equity.stats.effect_size import Effect, hedges_g
from equity.stats.privacy import (
    ACROSS,
    DEFAULT_MIN_N,
    SMALL,
    hide_differences,
    missing_reason,
    suppress,
    top_bottom_code,
)

COMPARE_ALL, COMPARE_OTHERS = "all", "others"


@dataclass(frozen=True)
class GroupResult:
    key: object                      # canonical value: a label, or True/False/None for flags
    label: str
    n: int | None                    # None when hidden: a hidden group's size is as private as its value
    value: float | None
    gap: float | None
    ci: tuple[float, float] | None
    distinguishable: bool | None     # the gap's interval excludes zero (None when not computable)
    suppressed: bool
    coded: str = ""                  # privacy.TOP or BOTTOM when the rate is top/bottom coded: value, gap, ci None
    reason: str = ""                 # why hidden: privacy.SMALL, ACROSS, COMPLEMENT or ALL_OR_NONE
    effect: Effect | None = None     # Hedges' g against the comparison, for an average's shown group


@dataclass(frozen=True)
class Breakdown:
    outcome: str
    rule: Rule
    dimension: Dimension
    compare: str                     # "all", "others" or a group's key as text
    min_n: int
    overall: Stats
    overall_suppressed: bool
    groups: tuple[GroupResult, ...]
    missing_reason: str | None = None    # why the number without a result is not printed (privacy.missing_reason)

    @property
    def missing_size(self) -> int | None:
        """Students without a result, None when that number is hidden (a band or 'hidden' is printed)."""
        return None if self.missing_reason else self.overall.missing

    @property
    def overall_value(self) -> float | None:
        if self.overall_suppressed or self.overall.n == 0:
            return None
        return self.overall.value(self.rule)

    @property
    def overall_size(self) -> int | None:
        """All students' size, None when their figure is hidden (a hidden size is as private as a value)."""
        return None if self.overall_suppressed else self.overall.n

    @property
    def overall_reason(self) -> str | None:
        """Why all students' figure is hidden: privacy.SMALL or ACROSS; None when it is shown."""
        if not self.overall_suppressed:
            return None
        return SMALL if self.overall.n < self.min_n else ACROSS

    def comparison_label(self) -> str:
        if self.compare == COMPARE_ALL:
            return "all students"
        if self.compare == COMPARE_OTHERS:
            return "all other students"
        return next((g.label for g in self.groups if key_text(g.key) == self.compare), self.compare)

    def shown(self) -> tuple[GroupResult, ...]:
        return tuple(g for g in self.groups if not g.suppressed)


def group_stats(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, dimension: Dimension,
                filters: Filters, cells: Cells | None = None) -> tuple[Stats, dict[object, Stats]]:
    """All students' statistics and each group's: summed from `cells` when given (or from published counts),
    else in one query."""
    if cells is None and dimension.key != COMBINED:
        cells = cubes.counted(con, outcome, rule, filters, (dimension.column,))
    if cells is not None and dimension.column in cells.columns:
        return cells.by(dimension.column)
    source = "cells/combined_stats" if dimension.key == COMBINED else "cells/group_stats"
    rows = con.execute(query(source, outcome=outcome, dimension=dimension.column),
                       {**rule.params(), **filters.params()}).fetchall()
    overall = Stats(0, 0.0, 0.0)
    groups: dict[object, Stats] = {}
    for key, is_total, n, total, squares, missing in rows:
        stats = Stats(int(n), float(total), float(squares), int(missing))
        if is_total:
            overall = stats
        elif n > 0:
            groups[key] = stats
    return overall, groups


def breakdown(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, dimension: str,
              compare: str = COMPARE_ALL, filters: Filters = Filters(), min_n: int = DEFAULT_MIN_N,
              label: str = "", cells: Cells | None = None, coding: bool = False,
              across: across_views.Hidden | None = None) -> Breakdown:
    """Value, gap, interval and suppression for every group of one dimension; `label` names the outcome.
    `cells`, when given, are this outcome's and filters' cell counts, which spare a scan of the students.
    `coding` turns on top/bottom coding of rates (equity.stats.privacy.top_bottom_code); averages are never coded.
    `across`: what the rule across views hides under these filters (equity.stats.across), found here when not given.
    All students' figure hidden by it takes the gaps against all (or all other) students with it."""
    dim = DIMENSIONS[dimension]
    overall, stats = group_stats(con, outcome, rule, dim, filters, cells)
    if across is None:
        across = across_views.find(con, outcome, rule, (dim.column,), filters, min_n)
    keys = sorted(stats, key=dim.order)
    found = suppress([stats[k].n for k in keys], min_n, [across.reason(k) for k in keys],
                     lambda cells: across.exposes(frozenset(keys[i] for i in cells)))
    if dimension == COMBINED:     # each race alone is one view away
        _, alone = group_stats(con, outcome, rule, DIMENSIONS["race"], filters, cells)
        found = hide_differences([stats[k].n for k in keys], [alone[k].n if k in alone else 0 for k in keys], found,
                                 min_n)
    codes: tuple[str | None, ...] = (None,) * len(keys)
    if coding and rule.is_rate:
        codes, found = top_bottom_code([(stats[k].total, stats[k].n) for k in keys], found)
    reasons = dict(zip(keys, found, strict=True))
    coded = dict(zip(keys, codes, strict=True))
    # A view of one group whose figure is hidden shows that group again as all students: hide both.
    overall_hidden = overall.n < min_n or across.overall or (len(keys) == 1 and bool(reasons[keys[0]]))
    reference = _reference(compare, stats, {k: reasons[k] or coded[k] for k in keys})
    groups = []
    for key in keys:
        s = stats[key]
        if reasons[key]:
            groups.append(GroupResult(key, dim.group_label(key), None, None, None, None, None, True,
                                      reason=reasons[key]))
            continue
        versus = _comparison(compare, s, overall, reference, overall_hidden)
        gap = s.value(rule) - versus.value(rule) if versus and versus.n else None
        # Chance is judged against an independent group: the reference, or everyone else.
        independent = (None if overall_hidden else overall.minus(s)) if compare in (COMPARE_ALL, COMPARE_OTHERS) \
            else reference
        distinguishable = None
        if gap is not None and independent and independent.n > 0 and key_text(key) != compare:
            lo, hi = s.difference(independent, rule)
            distinguishable = lo > 0 or hi < 0
        if coded[key]:      # the ◆ stays: that a gap is beyond chance does not give the exact value away
            groups.append(GroupResult(key, dim.group_label(key), s.n, None, None, None, distinguishable, False,
                                      coded[key]))
            continue
        groups.append(GroupResult(key, dim.group_label(key), s.n, s.value(rule), gap, s.interval(rule),
                                  distinguishable, False, effect=_effect(rule, s, versus)))
    return Breakdown(label or outcome, rule, dim, compare, min_n, overall, overall_hidden, tuple(groups),
                     missing_reason(overall.missing, min_n, across.missing, overall_hidden))


def _reference(compare: str, stats: dict[object, Stats], reasons: dict[object, str | None]) -> Stats | None:
    """The chosen reference group's statistics, or None when comparing to all or others, or hidden or coded
    (every gap against a coded group would give its exact rate away)."""
    if compare in (COMPARE_ALL, COMPARE_OTHERS):
        return None
    for key, s in stats.items():
        if key_text(key) == compare:
            return None if reasons[key] else s
    return None


def _effect(rule: Rule, group: Stats, versus: Stats | None) -> Effect | None:
    """Hedges' g of an average's gap, against the same comparison the gap is; rates have none."""
    if rule.is_rate or versus is None or versus.n == 0:
        return None
    return hedges_g((group.n, group.total, group.squares), (versus.n, versus.total, versus.squares))


def _comparison(compare: str, group: Stats, overall: Stats, reference: Stats | None,
                overall_hidden: bool = False) -> Stats | None:
    if compare in (COMPARE_ALL, COMPARE_OTHERS) and overall_hidden:
        return None
    if compare == COMPARE_ALL:
        return overall
    if compare == COMPARE_OTHERS:
        return overall.minus(group)
    return reference
