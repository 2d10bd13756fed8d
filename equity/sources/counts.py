"""A count-level file as a cells source: its rows (a school's group: students, and students with an outcome)
already are cells, so a cube is their sum per combination of the dimension columns, with n = the denominator
and total = squares = the count. Everything above the cube (breakdowns, crossings, the rule across views,
trends, risk ratios, reports, the command line) is the same as for student rows.

The loaded `students` table holds such cells when it has a `denominator` column (equity.students builds it
only for a mapped denominator); views that need student rows ask `holds_counts` and say so.
"""

import weakref

import duckdb

from equity.data import count_layouts
from equity.data.sql import query

# A connection -> whether its `students` holds published counts, worked out when `students` is made (a page's
# first load asks it hundreds of times: once for every figure summed).
_HOLDS: "weakref.WeakKeyDictionary[duckdb.DuckDBPyConnection, bool]" = weakref.WeakKeyDictionary()


def note_students(con: duckdb.DuckDBPyConnection) -> None:
    """Work out, once per load, whether the `students` just made on `con` holds published counts."""
    _HOLDS[con] = bool(con.execute(query("counts/columns")).fetchall()[0][0])


def holds_counts(con: duckdb.DuckDBPyConnection) -> bool:
    """The loaded data is published counts (cells), not student rows: as noted when `students` was made."""
    if con not in _HOLDS:
        note_students(con)
    return _HOLDS[con]


Kinds = tuple[tuple[str, int], ...]     # the kinds of row of a cube (dimensions described) and students in each
NONE = "-"          # a kind no row is: what a view crossing two kinds of a report card reads (nothing)


def fill(con: duckdb.DuckDBPyConnection, cube: str, outcome: str, source: str = "students") -> Kinds:
    """Create the cube table `cube` for the count column `outcome` from the cells of `source` (the schools', or
    TOTALS) (queries/counts/cube_counts.sql), and return the kinds of row it holds."""
    con.execute(query("counts/cube_counts", cube=cube, outcome=outcome, source=source))
    return tuple((str(kind), int(n or 0)) for kind, n in con.execute(query("counts/kinds", cube=cube)).fetchall())


def kind_for(kinds: Kinds, asked: set[str]) -> str:
    """The one kind of row a figure over the dimension columns `asked` (grouped or filtered) adds up: of the kinds
    describing all of them, the one with the most students (a report card's 'All students' rows for all
    students, its income rows for income), the fewest dimensions on a tie; NONE when no kind describes them
    all (a report card lists races and incomes, never the two crossed). Rows of different kinds describe the
    same students, so adding two kinds would count them twice."""
    described = {kind: set(filter(None, kind.split(","))) for kind, _ in kinds}
    fitting = [(n, -len(described[kind]), kind) for kind, n in kinds if asked <= described[kind]]
    return max(fitting)[2] if fitting else NONE


def widest_total(con: duckdb.DuckDBPyConnection) -> str | None:
    """The name of the loaded total row of the widest population (a state's before a district's), if any."""
    return count_layouts.widest_total(con) if holds_counts(con) else None
