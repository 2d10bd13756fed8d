"""Two dimensions crossed (e.g. race x low income): one figure per pair of groups, same suppression."""

from dataclasses import dataclass

import duckdb

from equity.model.dimensions import DIMENSIONS, Dimension
from equity.model.filters import Filters
from equity.model.rules import Rule
from equity.sources.cells import Cells, Stats
from equity.stats import across
from equity.stats.grouped import crossed_stats
from equity.stats.privacy import DEFAULT_MIN_N, suppress_table, top_bottom_code_table


@dataclass(frozen=True)
class Cell:
    first: object
    second: object
    n: int | None              # None when hidden: a hidden cell's size is as private as its value
    value: float | None
    gap: float | None          # against all students
    suppressed: bool
    coded: str = ""            # privacy.TOP or BOTTOM when the rate is top/bottom coded: value and gap None
    reason: str = ""           # why hidden: privacy.SMALL, ACROSS, COMPLEMENT or ALL_OR_NONE


@dataclass(frozen=True)
class CrossTable:
    outcome: str
    rule: Rule
    first: Dimension
    second: Dimension
    min_n: int
    overall: Stats
    cells: tuple[Cell, ...]
    overall_hidden: bool = False       # all students' figure, and so every gap, hidden


def crosstab(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, first: str, second: str,
             filters: Filters = Filters(), min_n: int = DEFAULT_MIN_N, label: str = "", coding: bool = False,
             cells: Cells | None = None, found: across.Hidden | None = None) -> CrossTable:
    """Every pair of groups' figure and gap against all students; `coding` top/bottom-codes rates. `cells`,
    when given, hold this outcome's counts under the filters by both dimensions' columns (equity.sources.cube).
    Cells are hidden by size, by the rule across views (`found`, equity.stats.across; worked out here when not
    given) and along rows and columns."""
    a, b = DIMENSIONS[first], DIMENSIONS[second]
    if a.column == b.column:
        raise ValueError("Choose two different dimensions to cross.")
    overall, stats = (cells.crossed(a.column, b.column) if cells is not None
                      else crossed_stats(con, outcome, rule, a.column, b.column, filters))
    if found is None:
        found = across.find(con, outcome, rule, (a.column, b.column), filters, min_n)
    reasons = suppress_table({cell: s.n for cell, s in stats.items()}, min_n,
                             {cell: found.reason(cell) for cell in stats})
    codes: dict[tuple, str | None] = dict.fromkeys(stats)
    if coding and rule.is_rate:
        codes, reasons = top_bottom_code_table({cell: (s.total, s.n) for cell, s in stats.items()}, reasons)
    overall_hidden = overall.n < min_n or found.overall
    base = None if overall_hidden else overall.value(rule)
    cells = []
    for (x, y) in sorted(stats, key=lambda c: (a.order(c[0]), b.order(c[1]))):
        s, reason = stats[(x, y)], reasons[(x, y)]
        coded = codes[(x, y)]
        value = None if reason or coded else s.value(rule)
        gap = value - base if value is not None and base is not None else None
        cells.append(Cell(x, y, None if reason else s.n, value, gap, bool(reason), coded or "", reason or ""))
    return CrossTable(label or outcome, rule, a, b, min_n, overall, tuple(cells), overall_hidden)
