"""Figures of a yes/no that SQL works out for each student (an early-warning flag, on track in 9th grade) rather
than read from one column: the students are counted into a cube of their own (cells/cube_build.sql with the
expression as its outcome), so the share by group is summed from cells and suppressed as every figure is: the
n-size, the complement rule and the rule across views."""

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


def share_by_group(con: duckdb.DuckDBPyConnection, label: str, flagged: Fragment, params: dict, dimension: str,
                   filters: Filters, min_n: int, coding: bool = False) -> Breakdown:
    """The share of students for whom `flagged` (SQL over `students`, binding `params`) is true, by group under
    `filters`; students for whom it is NULL are left out of the figure and counted as without a result."""
    cube = cubes.Cube(f"cube_flagged_{next(_numbers)}", label, FLAGGED)
    con.execute(query("cells/cube_build", cube=cube.table, outcome=flagged), {**FLAGGED.params(), **params})
    try:
        columns = (DIMENSIONS[dimension].column,)
        cells = cubes.cells(con, cube, filters, columns)
        hidden = across_views.find(con, label, FLAGGED, columns, filters, min_n, cube)
        return breakdown(con, label, FLAGGED, dimension, COMPARE_ALL, filters, min_n, label, cells, coding, hidden)
    finally:
        cubes.drop(con, cube)
