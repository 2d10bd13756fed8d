"""The rule across views: a figure shown under filters must not be recoverable by subtracting another view.

Each view alone hides groups under `min_n`, but two views the app can show may differ by a few students: a group
of 12 unfiltered and of 10 among low-income students gives the other 2 students' total by subtraction. So a
group's figure under filters (terms included) is hidden when a view with filters fewer holds the same group with
1 to `min_n - 1` more students, or a view with one chosen value fewer holds it with that many fewer.

"Filters fewer" means any set of the active filters dropped, not only one: when dropping one filter leaves the
group as it is and dropping a second then adds three students, the view with both filters would otherwise show
what the view with neither hides. Dropping the group's own condition counts too (all students of the view with
filters fewer), so a group that is nearly all of a wider view is hidden as well. Fewer chosen values need only be
checked one at a time: taking out more values removes at least the students one of them removes.

All of these sizes come from one grouped query over the outcome's cube (equity.sources.cube: every student counted once
per combination of the dimension columns), split by the chosen value each filter sees, so a click costs one
more small query whatever the number of filters, and no scan of the students; the sums below run over that
small result.
"""

import itertools
from dataclasses import dataclass, fields
from itertools import combinations

import duckdb

from equity.data.sql import Fragment, query, quote_ident
from equity.model.dimensions import DIMENSIONS
from equity.model.filters import Filters
from equity.model.rules import Rule
from equity.sources import cube as cubes
from equity.sources.cube import Cube

_ANY = object()           # a condition dropped: any value
COMBINED = "race_list"    # the column of races alone or in combination (dimensions.COMBINED's)
_numbers = itertools.count(1)


@dataclass(frozen=True)
class Hidden:
    """What the rule across views hides in one view: group keys, and whether all students' figure is hidden."""

    groups: frozenset = frozenset()
    overall: bool = False


NOTHING = Hidden()


@dataclass(frozen=True)
class Neighbours:
    """Students with a result per group and per the chosen value each active filter sees (None: left out)."""

    choices: tuple[tuple[str, ...], ...]                  # the active filters' chosen values
    rows: tuple[tuple[tuple, tuple, int], ...]            # (group key's parts, seen value per active filter, n)


def find(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, columns: tuple[str, ...], filters: Filters,
         min_n: int, cube: Cube | None = None) -> Hidden:
    """What the rule across views hides among the groups of `columns` (one or two canonical columns) under
    `filters`: nothing without filters. The sizes are summed from `cube` (sources.cube), built here when not given
    (or, for races alone or in combination, which no cube cell holds, from a cube of its own)."""
    if not filters.active:
        return NOTHING
    if COMBINED in columns:                # races alone or in combination: a student in several groups
        table = f"cube_combined_{next(_numbers)}"
        con.execute(query("cube_combined", cube=table, outcome=outcome), rule.params())
    else:
        table = (cube or cubes.build(con, outcome, rule)).table
    try:
        return hidden(neighbours(con, table, columns, filters), min_n)
    finally:
        if cube is None or cube.table != table:
            con.execute(query("drop_table", table=table))


def neighbours(con: duckdb.DuckDBPyConnection, cube: str, columns: tuple[str, ...], filters: Filters) -> Neighbours:
    """The one grouped query, over the cube table `cube`, for groups of `columns` under `filters` (more
    columns than a view groups by serve several views: see `narrowed`)."""
    active = [f.name for f in fields(Filters) if getattr(filters, f.name)]
    groups = Fragment("".join(f"{quote_ident(column)} AS g{i}, " for i, column in enumerate(columns)))
    keys = Fragment("".join(f"g{i}, " for i in range(len(columns))))
    # Only the filters in use are read, each column compared as it is stored: a cast of every cell to text for
    # every filter cost more than all the rest of a click.
    stored = {name: quote_ident(DIMENSIONS[name].column) for name in active}
    grouped = Fragment("".join(f"{column}, " for column in dict.fromkeys(stored.values())))
    seen = Fragment("".join(f"seen_{name}($f_{name}::VARCHAR[], {column}) AS m_{name}, "
                            for name, column in stored.items()))
    rows = con.execute(query("neighbour_counts", cube=cube, groups=groups, keys=keys, columns=grouped,
                             seen=seen),
                       {f"f_{name}": list(getattr(filters, name)) for name in active}).fetchall()
    k, width = len(columns), len(active)
    return Neighbours(tuple(getattr(filters, name) for name in active),
                      tuple((tuple(r[:k]), tuple(r[k:k + width]), int(r[-1])) for r in rows if r[-1]))


def narrowed(found: Neighbours, positions: tuple[int, ...]) -> Neighbours:
    """The counts of `found` for groups of only the columns at `positions` of its own, summed: one query over
    the columns of every breakdown of a click gives each breakdown's counts."""
    sizes: dict[tuple, int] = {}
    for parts, seen, n in found.rows:
        key = (tuple(parts[i] for i in positions), seen)
        sizes[key] = sizes.get(key, 0) + n
    return Neighbours(found.choices, tuple((parts, seen, n) for (parts, seen), n in sizes.items()))


def hidden(found: Neighbours | None, min_n: int) -> Hidden:
    """The groups (keys as the breakdowns use them: a value, or a pair for two columns) and whether all
    students, that the rule across views hides."""
    if found is None or not found.rows:
        return NOTHING
    width = len(found.rows[0][0])
    conditions = width + len(found.choices)
    tables = {dropped: _sizes(found, dropped) for size in range(conditions + 1)
              for dropped in combinations(range(conditions), size)}
    own = tables[()]
    keys = {parts for parts, _ in own}
    shape = (width, len(found.choices))
    hide = {parts for parts in keys if _differs(parts, shape, tables, min_n)}
    everyone = tuple(range(width))
    overall = _differs((_ANY,) * width, shape, {d: t for d, t in tables.items() if d[:width] == everyone},
                       min_n)
    overall |= _fewer_values(found, None, min_n)
    hide |= {parts for parts in keys if _fewer_values(found, parts, min_n)}
    return Hidden(frozenset(p[0] if width == 1 else p for p in hide), overall)


def _sizes(found: Neighbours, dropped: tuple[int, ...]) -> dict[tuple, int]:
    """Students per group with the conditions at `dropped` positions left out (group parts, then filters)."""
    width, sizes = len(found.rows[0][0]), {}
    for parts, seen, n in found.rows:
        group = tuple(_ANY if i in dropped else p for i, p in enumerate(parts))
        kept = tuple(_ANY if width + j in dropped else value is not None for j, value in enumerate(seen))
        if all(k is _ANY or k for k in kept):
            key = (group, kept)
            sizes[key] = sizes.get(key, 0) + n
    return sizes


def _differs(parts: tuple, shape: tuple[int, int], tables: dict, min_n: int) -> bool:
    """Whether a wider view holds the group `parts` with 1 to min_n - 1 students more. `shape`: how many group
    parts and active filters; `tables`: sizes with conditions dropped, the first one with none dropped."""
    width, filters = shape
    base = next(iter(tables.values())).get((parts, (True,) * filters), 0)
    for dropped, sizes in tables.items():
        group = tuple(_ANY if i in dropped else p for i, p in enumerate(parts))
        kept = tuple(_ANY if width + j in dropped else True for j in range(filters))
        if 0 < sizes.get((group, kept), 0) - base < min_n:
            return True
    return False


def _fewer_values(found: Neighbours, parts: tuple | None, min_n: int) -> bool:
    """Whether taking one chosen value out of a filter with several removes 1 to min_n - 1 of the group."""
    removed: dict[tuple[int, str], int] = {}
    for group, seen, n in found.rows:
        if (parts is None or group == parts) and all(v is not None for v in seen):
            for j, value in enumerate(seen):
                if len(found.choices[j]) > 1:
                    removed[(j, value)] = removed.get((j, value), 0) + n
    return any(0 < n < min_n for n in removed.values())
