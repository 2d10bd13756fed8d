"""What each column of an upload holds, measured in DuckDB: the evidence the mapping is proposed from.

A column may be text (most uploads) or typed (a Parquet file's numbers, flags and dates, kept as they are): a
typed column is counted on its stored values, and only the values looked at are written as text, the way the
upload's reader writes them (`as_text`), so that the mapping sees the same values either way.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb
import numpy as np
import pyarrow as pa

from equity.data.codes import values_of, with_codes
from equity.data.sql import Fragment, query

EXCUSED = ("EX", "EXC", "EXCUSED", "INC", "INCOMPLETE", "I", "NG", "N/A", "--", "-")
TOP_VALUES = 200
SAMPLE_ROWS = 50_000   # rows whose values judge a column's kind (queries/profile/table_sample.sql takes as many)
MANY = 10_000   # above this many distinct values (ids, names, scores) counting them exactly is not worth a scan
Values = tuple[tuple[str | None, int], ...]     # a column's values (as text; None for blank) with their counts


@dataclass(frozen=True)
class ColumnProfile:
    header: str
    non_blank: int
    distinct_count: int
    numeric_share: float                       # of the non-blank, non-excused values
    values: tuple[tuple[str | None, int], ...]  # most frequent values with their counts

    @property
    def every(self) -> Values | None:
        """Every value of the column with its count (as `column_values` gives them), where the profile holds them
        all: a column counted exactly, with fewer values than it keeps; else None."""
        return self.values if self.distinct_count <= MANY and len(self.values) < TOP_VALUES else None

    @property
    def distinct(self) -> tuple[str | None, ...]:
        return tuple(v for v, _ in self.values)

    def examples(self, k: int = 3) -> str:
        """A few sample values for the mapping table."""
        return ", ".join([str(v)[:30] for v in self.distinct if v is not None][:k])


def column_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """Each column's DuckDB type, in order; defines the macros `as_text` and `as_number` write with."""
    con.execute(query("profile/text_of"))
    return dict(con.execute(query("profile/table_columns"), {"table": table}).fetchall())


def as_text(sql_type: str, column: str | Fragment) -> Fragment:
    """SQL writing `column` (a column of `sql_type`) as text as equity.ingest writes it; text as it is."""
    kind = sql_type.split("(")[0]
    if kind == "VARCHAR":
        return query("values/column", value=column)
    if _floating(sql_type):
        return query("values/text_of_number", value=column)
    if kind == "BOOLEAN":
        return query("values/text_of_flag", value=column)
    if kind.startswith("TIMESTAMP"):
        return query("values/text_of_time", value=column)
    return query("values/text", value=column)


def _floating(sql_type: str) -> bool:
    """Whether a column of this type can hold NaN, which its text leaves blank."""
    return sql_type in ("DOUBLE", "FLOAT")


def as_number(sql_type: str, column: str) -> Fragment:
    """SQL reading `column` as a DOUBLE: numbers as they are (NaN as missing), text as a number where it reads
    as one (a trailing % and spaces allowed), else NULL."""
    kind = sql_type.split("(")[0]
    if kind in ("DOUBLE", "FLOAT", "DECIMAL", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT",
                "USMALLINT", "UINTEGER", "UBIGINT"):
        return query("values/number_of", value=column)
    return query("values/number_of_text", text=as_text(sql_type, column))


@contextmanager
def sampled(con: duckdb.DuckDBPyConnection, table: str, arrow: pa.Table | None = None) -> Iterator[str]:
    """A temporary table of a fixed sample of `table`'s rows, for judging every column's kind. `arrow`: the Arrow
    table `table` shows, when it is one: the rows at SAMPLE_ROWS seeded random places are taken from it, where a
    reservoir sample would read every row of every column (a quarter of a second at ten million rows)."""
    sample, source = f"{table}_sample", table
    if arrow is not None and arrow.num_rows > SAMPLE_ROWS:
        source = f"{table}_drawn"
        places = np.sort(np.random.default_rng(7).choice(arrow.num_rows, SAMPLE_ROWS, replace=False))
        con.register(source, _rows_at(arrow, places))
    try:
        con.execute(query("profile/table_sample", target=sample, source=source))
    finally:
        if source != table:
            con.unregister(source)
    try:
        yield sample
    finally:
        con.execute(query("tables/drop_table", table=sample))


def _rows_at(table: pa.Table, places: np.ndarray) -> pa.Table:
    """The rows of `table` at the sorted `places`, taken batch by batch: a take over a chunked table joins its
    chunks first, a copy of every column."""
    parts, start = [], 0
    for batch in table.to_batches():
        first, last = np.searchsorted(places, [start, start + batch.num_rows])
        if last > first:
            parts.append(batch.take(pa.array(places[first:last] - start)))
        start += batch.num_rows
    return pa.Table.from_batches(parts, schema=table.schema)


def profile_column(con: duckdb.DuckDBPyConnection, table: str, header: str, sql_type: str = "VARCHAR",
                   sample: str | None = None, every: Values | None = None) -> ColumnProfile:
    """Exact counts for columns with few distinct values (where each value matters); estimates and a sample
    of values for the rest, so profiling a million rows stays quick. `sql_type`: the column's type; `sample`:
    a table of sampled rows of `table` (`sampled`), taken here when not given; `every`: a text column's every
    value with its count where they are counted already (on its codes: equity.data.codes), sparing two passes
    over its rows."""
    if sample is None:
        with sampled(con, table) as sample:
            return profile_column(con, table, header, sql_type, sample, every)
    if every is not None:
        sampled_count, numeric, excused = con.execute(query("profile/column_kind", table=sample, column=header),
                                                      {"excused": list(EXCUSED)}).fetchall()[0]
        return _profile(header, sum(n for v, n in every if v is not None), every, sampled_count, numeric, excused)
    text = as_text(sql_type, "value")
    stored = query("values/number_of" if _floating(sql_type) else "values/column", value=header)
    non_blank, estimate, sampled_count, numeric, excused = con.execute(
        query("profile/column_profile", table=table, column=header, sample=sample, stored=stored, text=text),
        {"excused": list(EXCUSED)}).fetchall()[0]
    if estimate > MANY:
        rows = con.execute(query("profile/column_sample", table=table, column=header, text=text),
                           {"limit": TOP_VALUES}).fetchall()
        share = _share(sampled_count, numeric, excused)
        return ColumnProfile(header, non_blank, estimate, share, tuple((v, int(n)) for v, n in rows))
    return _profile(header, non_blank, column_values(con, table, header, MANY * 2, sql_type), sampled_count, numeric,
                    excused)


def _profile(header: str, non_blank: int, every: Values, sampled_count: int, numeric: int, excused: int
             ) -> ColumnProfile:
    """The profile of a column whose every value was counted."""
    distinct_count = sum(1 for v, _ in every if v is not None)
    return ColumnProfile(header, non_blank, distinct_count, _share(sampled_count, numeric, excused),
                         every[:TOP_VALUES])


def _share(sampled_count: int, numeric: int, excused: int) -> float:
    """The share of sampled values that read as numbers, excused codes left aside."""
    gradable = sampled_count - excused
    return numeric / gradable if gradable > 0 else 0.0


def column_values(con: duckdb.DuckDBPyConnection, table: str, header: str, limit: int, sql_type: str = "VARCHAR"
                  ) -> Values:
    """The `limit` most frequent values of one column, as text, with their counts."""
    rows = con.execute(query("profile/column_values", table=table, column=header, text=as_text(sql_type, "value")),
                       {"limit": limit}).fetchall()
    return tuple((v, int(n)) for v, n in rows)


def profile_table(con: duckdb.DuckDBPyConnection, table: str, arrow: pa.Table | None = None
                  ) -> tuple[ColumnProfile, ...]:
    """Every column's profile. `arrow`: the Arrow table `table` shows, when it is one; its dictionary-encoded
    columns of few values are counted on their codes."""
    types = column_types(con, table)
    coded, codes = with_codes(arrow, types) if arrow is not None else (arrow, {})
    # Only dictionaries well below MANY: a column's distinct estimate, by which the others are judged, cannot
    # pass MANY there, so the column would have been counted exactly anyway.
    every = {h: values_of(coded, c, MANY * 2) for h, c in codes.items() if len(c.dictionary) <= MANY // 2}
    with sampled(con, table, arrow) as sample:
        return tuple(profile_column(con, table, h, t, sample, every.get(h)) for h, t in types.items())
