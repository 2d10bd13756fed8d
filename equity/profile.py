"""What each column of an upload holds, measured in DuckDB: the evidence the mapping is proposed from."""

from dataclasses import dataclass

import duckdb

from equity.sql import query

EXCUSED = ("EX", "EXC", "EXCUSED", "INC", "INCOMPLETE", "I", "NG", "N/A", "--", "-")
TOP_VALUES = 200


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
    non_blank, distinct_count, numeric, excused = con.execute(
        query("column_profile", table=table, column=header), {"excused": list(EXCUSED)}).fetchone()
    values = column_values(con, table, header, TOP_VALUES)
    gradable = non_blank - excused
    share = numeric / gradable if gradable > 0 else 0.0
    return ColumnProfile(header, non_blank, distinct_count, share, values)


def column_values(con: duckdb.DuckDBPyConnection, table: str, header: str, limit: int
                  ) -> tuple[tuple[str | None, int], ...]:
    rows = con.execute(query("column_values", table=table, column=header), {"limit": limit}).fetchall()
    return tuple((v, int(n)) for v, n in rows)


def profile_table(con: duckdb.DuckDBPyConnection, table: str) -> tuple[ColumnProfile, ...]:
    headers = [row[0] for row in con.execute(query("table_columns"), {"table": table}).fetchall()]
    return tuple(profile_column(con, table, h) for h in headers)
