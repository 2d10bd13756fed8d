"""Groups of students to compare: one dimension, or two crossed (e.g. Black students from low-income
families), so every page that lets a user pick a dimension can also show intersections, with one set of
labels, one order and one suppression rule for both."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

import duckdb

from equity.data.normalize import NOT_REPORTED
from equity.data.sql import query
from equity.model.dimensions import DIMENSIONS, Dimension
from equity.model.filters import Filters
from equity.model.rules import Rule
from equity.sources import cube as cubes
from equity.sources.cells import Stats
from equity.stats import across
from equity.stats.metrics import group_stats
from equity.stats.privacy import suppress, suppress_table

if TYPE_CHECKING:
    from equity.sources.cube import Cube

CROSS = " × "      # between two dimensions crossed: "Race/ethnicity × Income"
PART = " · "       # between the two parts of a crossed group: "Black or African American · Low income"


@dataclass(frozen=True)
class Grouping:
    """A dimension (a key of DIMENSIONS), optionally crossed with a second one. Crossed keys are pairs."""

    first: str
    second: str | None = None

    def __post_init__(self) -> None:
        if self.second is not None and DIMENSIONS[self.first].column == DIMENSIONS[self.second].column:
            raise ValueError("Choose two different dimensions to cross.")

    @property
    def crossed(self) -> bool:
        return self.second is not None

    @property
    def dimensions(self) -> tuple[Dimension, ...]:
        return tuple(DIMENSIONS[k] for k in (self.first, self.second) if k)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(d.column for d in self.dimensions)

    @property
    def label(self) -> str:
        return CROSS.join(d.label for d in self.dimensions)

    def parts(self, key: object) -> tuple:
        return tuple(key) if self.crossed else (key,)

    def group_label(self, key: object) -> str:
        return PART.join(d.group_label(k) for d, k in zip(self.dimensions, self.parts(key), strict=True))

    def order(self, key: object) -> tuple:
        return tuple(d.order(k) for d, k in zip(self.dimensions, self.parts(key), strict=True))

    def reported(self, key: object) -> bool:
        """No part of the group is 'Not reported' (such a group is shown but is not a finding)."""
        return all(k is not None and k != NOT_REPORTED for k in self.parts(key))


def stats(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, grouping: Grouping,
          filters: Filters = Filters(), cube: "Cube | None" = None) -> tuple[Stats, dict[object, Stats]]:
    """All students' statistics and each non-empty group's, in one query: over the students, or summed from the
    outcome's cube when given (a session whose cells were counted elsewhere has only its cubes)."""
    if cube is not None:
        from equity.sources.cube import cells  # here: equity.sources.cube reads equity.stats, which reads this
        found = cells(con, cube, filters, grouping.columns)
        return found.crossed(*grouping.columns) if grouping.crossed else found.by(grouping.columns[0])
    if not grouping.crossed:
        return group_stats(con, outcome, rule, DIMENSIONS[grouping.first], filters)
    first, second = grouping.columns
    return crossed_stats(con, outcome, rule, first, second, filters)


def crossed_stats(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, first: str, second: str,
                  filters: Filters) -> tuple[Stats, dict[object, Stats]]:
    """Statistics of every pair of groups of two canonical columns, keyed (first, second), and all students."""
    summed = cubes.counted(con, outcome, rule, filters, (first, second))
    if summed is not None:
        return summed.crossed(first, second)
    rows = con.execute(query("cell_stats", outcome=outcome, first=first, second=second),
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


def ordered(grouping: Grouping, keys) -> list:
    return sorted(keys, key=grouping.order)


def hidden(grouping: Grouping, sizes: dict[object, int], min_n: int,
           found: across.Hidden = across.NOTHING) -> dict[object, str | None]:
    """Why each group is hidden (privacy.SMALL / ACROSS / COMPLEMENT) or None: the one-way rule for one
    dimension, the two-way table rule (rows and columns) for crossed groups; `found` is what the rule across
    views hides (`across_views`)."""
    if grouping.crossed:
        return suppress_table(sizes, min_n, {k: found.reason(k) for k in sizes})
    keys = ordered(grouping, sizes)
    return dict(zip(keys, suppress([sizes[k] for k in keys], min_n, [found.reason(k) for k in keys]),
                    strict=True))


def across_views(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, grouping: Grouping, filters: Filters,
                 min_n: int, cube: "Cube | None" = None) -> across.Hidden:
    """What the rule across views hides among these groups under these filters (equity.stats.across)."""
    return across.find(con, outcome, rule, grouping.columns, filters, min_n, cube)
