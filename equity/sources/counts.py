"""A count-level file as a cells source: its rows (a school's group: students, and students with an outcome)
already are cells, so a cube is their sum per combination of the dimension columns, with n = the denominator
and total = squares = the count. Everything above the cube (breakdowns, crossings, the rule across views,
trends, risk ratios, reports, the command line) is the same as for student rows.

The loaded `students` table holds such cells when it has a `denominator` column (equity.students builds it
only for a mapped denominator); views that need student rows ask `holds_counts` and say so.
"""

import weakref

import duckdb

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


def fill(con: duckdb.DuckDBPyConnection, cube: str, outcome: str, source: str = "students") -> None:
    """Create the cube table `cube` for the count column `outcome` from the cells of `source` (the schools', or
    TOTALS) (queries/counts/cube_counts.sql)."""
    con.execute(query("counts/cube_counts", cube=cube, outcome=outcome, source=source))


def widest_total(con: duckdb.DuckDBPyConnection) -> str | None:
    """The name of the loaded total row of the widest population (a state's before a district's), if any."""
    if not holds_counts(con) or not con.execute(query("counts/has_totals")).fetchall()[0][0]:
        return None
    found = con.execute(query("counts/widest_total")).fetchall()
    return found[0][0] if found else None

