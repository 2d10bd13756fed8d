"""Figures of a yes/no that SQL works out for each student (an early-warning flag, on track in 9th grade) rather
than read from one column: the students are counted into a cube of their own (cells/cube_build.sql with the
expression as its outcome), once per expression, so that every click sums its cells and the share by group is
suppressed as every figure is: the n-size, the complement rule and the rule across views."""

import itertools

import duckdb

from equity.data.sql import Fragment, query
from equity.model.dimensions import DIMENSIONS
from equity.model.filters import Filters
from equity.model.rules import Rule
from equity.sources import cube as cubes
from equity.stats import across as across_views
from equity.stats.metrics import COMPARE_ALL, Breakdown, breakdown

FLAGGED = Rule("boolean")       # the figure: the share of students for whom the expression is true
_numbers = itertools.count(1)


def build(con: duckdb.DuckDBPyConnection, label: str, flagged: Fragment, params: dict) -> cubes.Cube:
    """A cube (a temporary table on `con`) of the students for whom `flagged`, SQL over `students` binding
    `params`, is true, false or NULL (left out of the figure, counted as without a result); `label` names it."""
    cube = cubes.Cube(f"cube_flagged_{next(_numbers)}", label, FLAGGED)
    con.execute(query("cells/cube_build", cube=cube.table, outcome=flagged), {**FLAGGED.params(), **params})
    return cube


def share_by_group(con: duckdb.DuckDBPyConnection, cube: cubes.Cube, dimension: str, filters: Filters,
                   min_n: int, coding: bool = False) -> Breakdown:
    """The share flagged by group under `filters`, summed from `cube`'s cells."""
    columns = (DIMENSIONS[dimension].column,)
    cells = cubes.cells(con, cube, filters, columns)
    hidden = across_views.find(con, cube.outcome, FLAGGED, columns, filters, min_n, cube)
    return breakdown(con, cube.outcome, FLAGGED, dimension, COMPARE_ALL, filters, min_n, cube.outcome, cells,
                     coding, hidden)
