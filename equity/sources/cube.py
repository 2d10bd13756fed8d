"""Cubes: per outcome and rule, the students counted once for every combination of the dimension columns the
views and the sidebar use, so that a click sums cells instead of scanning students. A click then costs in
proportion to the number of groups present (thousands at most), not to the number of rows (millions).

One function answers for figures: `cells` gives the counts of the students a set of filters keeps, per
combination of the columns asked for. Any view, including a view with one filter fewer, is a call to it.
"""

import functools
import itertools
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from equity.data.count_layouts import TOTALS
from equity.data.sql import query, sql_name
from equity.model.dimensions import COMBINED, DIMENSIONS
from equity.model.filters import Filters
from equity.model.rules import Rule
from equity.sources import counts
from equity.sources.cells import Cells, Stats

# What cells/cube_build.sql groups by: every dimension's column but race alone or in combination (a list per student).
COLUMNS = tuple(dict.fromkeys(d.column for d in DIMENSIONS.values() if d.key != COMBINED))
_numbers = itertools.count(1)
CELLS = "cells_arrow"        # the name cells counted elsewhere are read under while a cube is made


@dataclass(frozen=True)
class Cube:
    """One outcome under one rule, counted per combination of COLUMNS in a temporary table of the session."""

    table: str
    outcome: str
    rule: Rule


def build(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule) -> Cube:
    """Scan the students once for `outcome` under `rule` (a new temporary table on `con`); for published counts,
    sum their cells (equity.sources.counts)."""
    cube = Cube(f"cube_{next(_numbers)}", outcome, rule)
    if counts.holds_counts(con):        # published counts: the rows already are cells
        counts.fill(con, cube.table, outcome)
    else:
        con.execute(query("cells/cube_build", cube=cube.table, outcome=outcome), rule.params())
    return cube


def load(con: duckdb.DuckDBPyConnection, cells: pa.Table, outcome: str, rule: Rule) -> Cube:
    """A cube of cells counted elsewhere (a Spark cluster, a count-level file): `cells` has cells/cube_build.sql's
    columns, and the cube the same types, so every view sums it as it sums one built here."""
    cube = Cube(f"cube_{next(_numbers)}", outcome, rule)
    con.register(CELLS, cells)
    try:
        con.execute(query("cells/cube_load", cube=cube.table, source=CELLS))
    finally:
        con.unregister(CELLS)
    return cube


def cells(con: duckdb.DuckDBPyConnection, cube: Cube, filters: Filters, columns: tuple[str, ...]) -> Cells:
    """The statistics of the students `filters` keep, per combination of `columns` (() for all students)."""
    unknown = set(columns) - set(COLUMNS)
    if unknown:
        raise ValueError(f"A cube has no column {sorted(unknown)}.")
    chosen = {name: values for name, values in filters.params().items() if values}
    # Only the filters in use are tested: each test costs DuckDB more to plan than a cube's cells cost to scan.
    kept = functools.reduce(lambda first, second: query("values/both", first=first, second=second),
                            [query("cells/keep", filter=sql_name(name[2:]), column=DIMENSIONS[name[2:]].column)
                             for name in chosen], query("values/always"))
    rows = con.execute(query("cells/cube_cells", cube=cube.table, columns=columns, kept=kept), chosen).fetchall()
    return Cells(columns, tuple((tuple(r[4:]), Stats(int(r[0]), float(r[1]), float(r[2]), int(r[3]))) for r in rows))


def totals(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, columns: tuple[str, ...],
           terms: tuple[str, ...] = ()) -> tuple[str, Cells] | None:
    """For published counts that carry a total row (a district's or state's), its name and its cells of
    `columns` in `terms` (all when none: a school's year is compared with the same year's total), summed from
    a cube made for this call; None when the data has none."""
    name = counts.widest_total(con)
    if name is None:
        return None
    cube = Cube(f"cube_{next(_numbers)}", outcome, rule)
    counts.fill(con, cube.table, outcome, TOTALS)
    try:
        return name, cells(con, cube, Filters(school=(name,), term=terms), columns)
    finally:
        drop(con, cube)


def drop(con: duckdb.DuckDBPyConnection, cube: Cube) -> None:
    con.execute(query("tables/drop_table", table=cube.table))


def counted(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, filters: Filters, columns: tuple[str, ...]
            ) -> Cells | None:
    """For published counts, the cells of `columns` under `filters`, summed from a cube made for this call (a
    figure asked without the session's cached cubes: the command line, a report); None for student rows, which
    the caller scans itself."""
    if not counts.holds_counts(con):
        return None
    cube = build(con, outcome, rule)
    try:
        return cells(con, cube, filters, columns)
    finally:
        drop(con, cube)
