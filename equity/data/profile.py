"""What each column of an upload holds, measured in DuckDB: the evidence the mapping is proposed from."""

from dataclasses import dataclass

import duckdb

from equity.data.sql import query

EXCUSED = ("EX", "EXC", "EXCUSED", "INC", "INCOMPLETE", "I", "NG", "N/A", "--", "-")
TOP_VALUES = 200
MANY = 10_000   # above this many distinct values (ids, names, scores) counting them exactly is not worth a scan


@dataclass(frozen=True)
class ColumnProfile:
    header: str
    non_blank: int
    distinct_count: int
    numeric_share: float                       # of the non-blank, non-excused values
    values: tuple[tuple[str | None, int], ...]  # most frequent values with their counts

    @property
    def distinct(self) -> tuple[str | None, ...]:
        return tuple(v for v, _ in self.values)

    def examples(self, k: int = 3) -> str:
        """A few sample values for the mapping table."""
        return ", ".join([str(v)[:30] for v in self.distinct if v is not None][:k])


def profile_column(con: duckdb.DuckDBPyConnection, table: str, header: str) -> ColumnProfile:
    """Exact counts for columns with few distinct values (where each value matters); estimates and a sample
    of values for the rest, so profiling a million rows stays quick."""
    non_blank, estimate, sampled, numeric, excused = con.execute(
        query("column_profile", table=table, column=header), {"excused": list(EXCUSED)}).fetchone()
    if estimate > MANY:
        distinct_count = estimate
        rows = con.execute(query("column_sample", table=table, column=header), {"limit": TOP_VALUES}).fetchall()
        values = tuple((v, int(n)) for v, n in rows)
    else:
        every = column_values(con, table, header, MANY * 2)
        distinct_count = sum(1 for v, _ in every if v is not None)
        values = every[:TOP_VALUES]
    gradable = sampled - excused
    share = numeric / gradable if gradable > 0 else 0.0
    return ColumnProfile(header, non_blank, distinct_count, share, values)


def column_values(con: duckdb.DuckDBPyConnection, table: str, header: str, limit: int
                  ) -> tuple[tuple[str | None, int], ...]:
    rows = con.execute(query("column_values", table=table, column=header), {"limit": limit}).fetchall()
    return tuple((v, int(n)) for v, n in rows)


def profile_table(con: duckdb.DuckDBPyConnection, table: str) -> tuple[ColumnProfile, ...]:
    headers = [row[0] for row in con.execute(query("table_columns"), {"table": table}).fetchall()]
    return tuple(profile_column(con, table, h) for h in headers)
