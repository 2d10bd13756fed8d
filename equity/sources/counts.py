"""A count-level file as a cells source: its rows (a school's group: students, and students with an outcome)
already are cells, so a cube is their sum per combination of the dimension columns, with n = the denominator
and total = squares = the count. Everything above the cube (breakdowns, crossings, the rule across views,
trends, risk ratios, reports, the command line) is the same as for student rows.

The loaded `students` table holds such cells when it has a `denominator` column (equity.students builds it
only for a mapped denominator); views that need student rows ask `holds_counts` and say so.
"""

import duckdb

from equity.data.sql import query


def holds_counts(con: duckdb.DuckDBPyConnection) -> bool:
    """The loaded data is published counts (cells), not student rows."""
    return bool(con.execute(query("counts/columns")).fetchall()[0][0])


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


def nobody_counted(con: duckdb.DuckDBPyConnection, outcome: str) -> bool:
    """Students have a known count of `outcome`, and it is zero in every cell."""
    n, met = con.execute(query("counts/total", outcome=outcome)).fetchall()[0]
    return bool(n) and not met

