"""Cubes: per outcome and rule, the students counted once for every combination of the dimension columns the
views and the sidebar use, so that a click sums cells instead of scanning students. A click then costs in
proportion to the number of groups present (thousands at most), not to the number of rows (millions).

One function answers for figures: `cells` gives the counts of the students a set of filters keeps, per
combination of the columns asked for. Any view, including a view with one filter fewer, is a call to it.
"""

import itertools
import threading
import weakref
from dataclasses import dataclass, fields

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from cachetools import LRUCache

from equity.data.count_layouts import TOTALS
from equity.data.normalize import NOT_REPORTED
from equity.data.sql import query
from equity.model.dimensions import COMBINED, DIMENSIONS
from equity.model.filters import FLAG_KEYS, Filters
from equity.model.rules import Rule
from equity.sources import counts
from equity.sources.cells import Cells, Stats, key_text

# What cells/cube_build.sql groups by: every dimension's column but race alone or in combination (a list per student).
COLUMNS = tuple(dict.fromkeys(d.column for d in DIMENSIONS.values() if d.key != COMBINED))
_numbers = itertools.count(1)
CELLS = "cells_arrow"        # the name cells counted elsewhere are read under while a cube is made
STUDENTS = "students"        # the session's student rows, when it holds them
SUMS = ("n", "total", "squares", "missing")
# The columns of labels (ENUMs, equity.data.students.LABEL_TYPES): a cell without one is kept by no filter, as
# students/keep_filters.sql compares them; a text column's missing value is chosen as Not reported.
LABELLED = frozenset({"race_ethnicity", "gender"})
FLAGGED = frozenset(d.column for d in DIMENSIONS.values() if d.flag)
_HELD: LRUCache = LRUCache(16)     # recent cubes' cells in memory, by connection and table (Held.of)
_LOCK = threading.Lock()           # sessions run in threads of one process
# A session's connection -> the source that counts its students elsewhere (a Spark table): its cubes are that
# source's, and nothing reads a `students` table on the connection.
_ELSEWHERE: "weakref.WeakKeyDictionary[duckdb.DuckDBPyConnection, object]" = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Cube:
    """One outcome under one rule, counted per combination of COLUMNS in a temporary table of the session."""

    table: str
    outcome: str
    rule: Rule
    kinds: counts.Kinds = ()    # published counts: the kinds of row, when a file holds several (counts.kind_for)


def attach(con: duckdb.DuckDBPyConnection, source: object | None) -> None:
    """Count `con`'s cubes with `source` (anything with build(con, outcome, rule) -> Cube and groups(con) -> Cube),
    or again from the connection's own `students` when None."""
    if source is None:
        _ELSEWHERE.pop(con, None)
    else:
        _ELSEWHERE[con] = source


def elsewhere(con: duckdb.DuckDBPyConnection) -> object | None:
    """The source that counts the connection's students elsewhere, if any."""
    return _ELSEWHERE.get(con)


def student_rows(con: duckdb.DuckDBPyConnection) -> bool:
    """The connection holds its students' rows: not counted elsewhere, not published counts."""
    return con not in _ELSEWHERE and not counts.holds_counts(con)


def groups_table(con: duckdb.DuckDBPyConnection) -> str:
    """A table with every dimension column of the students (their terms, the values filters offer): `students`,
    or the groups cube of a source that counts them elsewhere."""
    source = _ELSEWHERE.get(con)
    return STUDENTS if source is None else source.groups(con).table


def build(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule) -> Cube:
    """Scan the students once for `outcome` under `rule` (a new temporary table on `con`); for published counts,
    sum their cells (equity.sources.counts); for students counted elsewhere, load that source's cells."""
    source = _ELSEWHERE.get(con)
    if source is not None:
        return source.build(con, outcome, rule)
    cube = Cube(f"cube_{next(_numbers)}", outcome, rule)
    if counts.holds_counts(con):        # published counts: the rows already are cells
        return Cube(cube.table, outcome, rule, counts.fill(con, cube.table, outcome))
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
    held = Held.of(con, cube.table)
    kept = held.kept(filters)
    if len(cube.kinds) > 1:     # published counts of several kinds of row: one kind is added up
        kept &= held.codes["described"] == held.code("described", _kind(cube, columns, filters))
    return held.summed(kept, columns)


class Held:
    """A cube's cells in memory: every column's distinct values and each cell's code for it, and the sums. A
    click sums them with a mask and a count per combination: no statement to plan, a few thousand cells to add
    (a cube table's cells never change under its name, so they are read once)."""

    def __init__(self, table: pa.Table):
        self.values: dict[str, list] = {}
        self.codes: dict[str, np.ndarray] = {}
        for name in table.column_names:
            if name in SUMS:
                continue
            column = table[name].combine_chunks()
            if pa.types.is_dictionary(column.type):
                column = column.cast(column.type.value_type)
            encoded = pc.dictionary_encode(column, null_encoding="encode")
            self.values[name] = encoded.dictionary.to_pylist()
            codes = encoded.indices.to_numpy(zero_copy_only=False)   # a national file's cube has 280,000 cells:
            self.codes[name] = codes.astype(np.int16) if len(self.values[name]) < 1 << 15 else codes   # 2 bytes each
        self.sums = {name: table[name].to_numpy().astype(np.float64) for name in SUMS}
        self.cells = table.num_rows

    @classmethod
    def of(cls, con: duckdb.DuckDBPyConnection, table: str) -> "Held":
        key = (id(con), table)
        with _LOCK:
            found = _HELD.get(key)
        if found is None:
            found = cls(con.sql(query("console/all_rows", table=table)).to_arrow_table())
            with _LOCK:
                _HELD[key] = found
        return found

    def code(self, column: str, value: object) -> int:
        """The code of one stored value of a column (-1 when no cell has it)."""
        return self.values[column].index(value) if value in self.values[column] else -1

    def kept(self, filters: Filters) -> np.ndarray:
        """The cells the sidebar's filters keep: OR within one filter, AND across filters, each value compared as
        students/keep_filters.sql compares it (flags by 'true' / 'false' / 'null'; a text without a value as
        Not reported; a label without one, never)."""
        kept = np.ones(self.cells, dtype=bool)
        for name, chosen in vars(filters).items():
            if chosen:
                column = DIMENSIONS[name].column
                wanted = np.array([_as_chosen(column, value) in chosen for value in self.values[column]], dtype=bool)
                kept &= wanted[self.codes[column]]
        return kept

    def summed(self, kept: np.ndarray, columns: tuple[str, ...]) -> Cells:
        """The kept cells' sums per combination of `columns` present among them (one row for all students)."""
        if not columns:
            n, total, squares, missing = (float(self.sums[name][kept].sum()) for name in SUMS)
            return Cells((), (((), Stats(int(n), total, squares, int(missing))),))
        shape = tuple(len(self.values[c]) for c in columns)
        combination = np.ravel_multi_index(tuple(self.codes[c][kept] for c in columns), shape)
        size = int(np.prod(shape))
        present = np.flatnonzero(np.bincount(combination, minlength=size))
        sums = {name: np.bincount(combination, weights=self.sums[name][kept], minlength=size)[present]
                for name in SUMS}
        keys = zip(*(np.take(np.array(self.values[c], dtype=object), codes)
                     for c, codes in zip(columns, np.unravel_index(present, shape), strict=True)), strict=True)
        return Cells(columns, tuple((tuple(key), Stats(int(n), float(total), float(squares), int(missing)))
                                    for key, n, total, squares, missing in zip(
                                        keys, *(sums[name] for name in SUMS), strict=True)))


def _as_chosen(column: str, value: object) -> str | None:
    """A stored value as the sidebar names it (None: no choice keeps it)."""
    if column in FLAGGED:
        return key_text(value)
    if value is None:
        return None if column in LABELLED else NOT_REPORTED
    return str(value)


def of_kind(con: duckdb.DuckDBPyConnection, cube: Cube, columns: tuple[str, ...], filters: Filters) -> str:
    """The cube's table, or for published counts of several kinds of row a table of the one kind a figure over
    `columns` under `filters` adds up (counts.kind_for): everything summed from it counts each student once."""
    if len(cube.kinds) < 2:
        return cube.table
    kind = _kind(cube, columns, filters)
    kinded = _kind_tables(cube)[kind]
    con.execute(query("counts/cube_of_kind", kinded=kinded, cube=cube.table), {"described": kind})
    return kinded


def _kind(cube: Cube, columns: tuple[str, ...], filters: Filters) -> str:
    """The kind of row of published counts that a figure over `columns` under `filters` adds up (counts.kind_for:
    schools and terms are on every kind of row)."""
    asked = {*columns, *(DIMENSIONS[name].column for name, values in vars(filters).items() if values)}
    return counts.kind_for(cube.kinds, asked - {"school", "term"})


def _kind_tables(cube: Cube) -> dict[str, str]:
    """The name of the table of each kind of row of a cube of published counts (of_kind), NONE's too."""
    return {kind: f"{cube.table}_kind_{i}" for i, kind in enumerate([counts.NONE, *(k for k, _ in cube.kinds)])}


def meeting(con: duckdb.DuckDBPyConnection, cube: Cube, filters: Filters) -> int:
    """The students `filters` keep who meet the cube's rule (a rate's cube sums one per student meeting it)."""
    return round(sum(stats.total for _, stats in cells(con, cube, filters, ()).rows))


def totals(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, columns: tuple[str, ...],
           terms: tuple[str, ...] = ()) -> tuple[str, Cells] | None:
    """For published counts that carry a total row (a district's or state's), its name and its cells of
    `columns` in `terms` (all when none: a school's year is compared with the same year's total), summed from
    a cube made for this call; None when the data has none."""
    name = counts.widest_total(con)
    if name is None:
        return None
    table = f"cube_{next(_numbers)}"
    cube = Cube(table, outcome, rule, counts.fill(con, table, outcome, TOTALS))
    try:
        return name, cells(con, cube, Filters(school=(name,), term=terms), columns)
    finally:
        drop(con, cube)


def drop(con: duckdb.DuckDBPyConnection, cube: Cube) -> None:
    for table in (cube.table, *(_kind_tables(cube).values() if len(cube.kinds) > 1 else ())):
        con.execute(query("tables/drop_table", table=table))


def counted(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, filters: Filters, columns: tuple[str, ...]
            ) -> Cells | None:
    """For published counts or students counted elsewhere, the cells of `columns` under `filters`, summed from a
    cube made for this call (a figure asked without the session's cached cubes: the command line, a report); None
    for student rows, which the caller scans itself."""
    if student_rows(con):
        return None
    cube = build(con, outcome, rule)
    try:
        return cells(con, cube, filters, columns)
    finally:
        drop(con, cube)


def filter_options(con: duckdb.DuckDBPyConnection, table: str | None = None) -> dict[str, list[str]]:
    """The values each filter can take in the loaded data, in the dimension's display order; read from a cube's
    table (which has every filter's column) when given, else from the students or the groups of a source that
    counts them elsewhere."""
    if table is None:
        table = groups_table(con)
    choices = {}
    for f in fields(Filters):
        dim = DIMENSIONS[f.name]
        missing = "null" if dim.flag else NOT_REPORTED
        values = [row[0] for row in con.execute(query("students/distinct_values", column=dim.column, table=table),
                                                {"missing": missing}).fetchall()]
        choices[f.name] = sorted(values, key=lambda v: dim.order(FLAG_KEYS[v] if dim.flag else v))
    return choices
