"""Figures of the groups of a grouping (one dimension, or two crossed): their statistics, summed from the
students or from a cube, and which of them privacy hides, with one suppression rule for both."""

import duckdb

from equity.data.sql import query
from equity.model.dimensions import DIMENSIONS
from equity.model.filters import Filters
from equity.model.groups import Grouping, ordered
from equity.model.rules import Rule
from equity.sources import cube as cubes
from equity.sources.cells import Cells, Stats
from equity.stats import across
from equity.stats.metrics import group_stats
from equity.stats.privacy import suppress, suppress_table


def stats(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, grouping: Grouping,
          filters: Filters = Filters(), cube: cubes.Cube | None = None) -> tuple[Stats, dict[object, Stats]]:
    """All students' statistics and each non-empty group's, in one query: over the students, or summed from the
    outcome's cube when given (a session whose cells were counted elsewhere has only its cubes)."""
    if cube is not None:
        return split(cubes.cells(con, cube, filters, grouping.columns), grouping)
    if not grouping.crossed:
        return group_stats(con, outcome, rule, DIMENSIONS[grouping.first], filters)
    first, second = grouping.columns
    return crossed_stats(con, outcome, rule, first, second, filters)


def split(found: Cells, grouping: Grouping) -> tuple[Stats, dict[object, Stats]]:
    """All students' statistics and each group's, from cells of the grouping's columns."""
    return found.crossed(*grouping.columns) if grouping.crossed else found.by(grouping.columns[0])


def crossed_stats(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, first: str, second: str,
                  filters: Filters) -> tuple[Stats, dict[object, Stats]]:
    """Statistics of every pair of groups of two canonical columns, keyed (first, second), and all students."""
    summed = cubes.counted(con, outcome, rule, filters, (first, second))
    if summed is not None:
        return summed.crossed(first, second)
    rows = con.execute(query("cells/stats", outcome=outcome, first=first, second=second),
                       {**rule.params(), **filters.params()}).fetchall()
    overall = Stats(0, 0.0, 0.0)
    cells: dict[object, Stats] = {}
    for x, y, grouping_id, n, total, squares, missing in rows:
        s = Stats(int(n), float(total), float(squares), int(missing))
        if grouping_id:
            overall = s
        elif n > 0:
            cells[(x, y)] = s
    return overall, cells


def hidden(grouping: Grouping, sizes: dict[object, int], min_n: int,
           found: across.Hidden = across.NOTHING) -> dict[object, str | None]:
    """Why each group is hidden (privacy.SMALL / ACROSS / COMPLEMENT) or None: the one-way rule for one
    dimension, the two-way table rule (rows and columns) for crossed groups; `found` is what the rule across
    views hides (`across_views`)."""
    if grouping.crossed:
        return suppress_table(sizes, min_n, {k: found.reason(k) for k in sizes})
    keys = ordered(grouping, sizes)
    return dict(zip(keys, suppress([sizes[k] for k in keys], min_n, [found.reason(k) for k in keys],
                                   lambda cells: found.exposes(frozenset(keys[i] for i in cells))),
                    strict=True))


def across_views(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, grouping: Grouping, filters: Filters,
                 min_n: int, cube: cubes.Cube | None = None) -> across.Hidden:
    """What the rule across views hides among these groups under these filters (equity.stats.across)."""
    return across.find(con, outcome, rule, grouping.columns, filters, min_n, cube)
