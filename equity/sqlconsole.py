"""Read-only SQL over a copy of one session's tables, for people who know SQL.

The copy lives in a DuckDB database of its own, opened with external access disabled and its configuration
locked: a query can read the copied tables and nothing on disk or on the network, cannot install or load an
extension and cannot change a setting, whatever it says. On top of that, DuckDB's own parser must find exactly
one SELECT (or WITH … SELECT) statement, and each query runs under a row cap, a time limit and a memory limit.

Downloads follow the app's small-group rule. A result can be downloaded only when it is a table of groups with
their size in a column named `n`; in a group smaller than the minimum size every other number is blanked and
the row says why, and when exactly one group is hidden the next smallest is hidden too. On screen the result
is shown as the query returned it: it is the uploader's own data, as on the 'Your data' page.
"""

import threading
import time
from dataclasses import dataclass

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from equity.export import to_csv
from equity.messages import Message, Text
from equity.privacy import suppress, why_hidden
from equity.sql import query

SIZE_COLUMN = "n"
HIDDEN_COLUMN = "Hidden"
STUDENT_ID = "student_id"


@dataclass(frozen=True)
class ConsoleLimits:
    rows: int = 10_000            # rows shown and downloaded
    seconds: float = 10.0         # a query still running then is interrupted
    memory: str = "1GB"           # DuckDB's memory limit for the console's database
    threads: int = 2
    result_bytes: int = 64 << 20  # a result larger than this (very long text, say) is not shown


LIMITS = ConsoleLimits()
EXAMPLE = ("SELECT race_ethnicity, low_income, count(*) AS n, avg(final_grade_pct) AS mean_final\n"
           "FROM students\nGROUP BY ALL\nORDER BY ALL")   # the query the editor opens with


class QueryError(Message, ValueError):
    """A query that cannot run here, worded for the person who typed it (a catalogue key)."""


@dataclass(frozen=True)
class Column:
    table: str
    name: str
    type: str


@dataclass(frozen=True)
class Result:
    table: pa.Table
    truncated: bool     # the query returned more rows than the cap; only the first ones are kept
    seconds: float


@dataclass(frozen=True)
class Download:
    """A result as a CSV under the small-group rule, or the reason it cannot be downloaded."""

    csv: bytes | None
    hidden: int = 0      # groups whose figures were blanked
    refusal: Text | None = None


_REFUSALS = {   # statement kinds with a refusal of their own: the key under sql.refuse
    "COPY": "copy", "COPY_DATABASE": "copy_database", "EXPORT": "export", "ATTACH": "attach", "DETACH": "detach",
    "LOAD": "extension", "EXTENSION": "extension", "SET": "set", "VARIABLE_SET": "variable_set", "PRAGMA": "pragma",
}
_WRITES = {"INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "MERGE_INTO", "CREATE_FUNC", "VACUUM",
           "ANALYZE", "TRANSACTION", "PREPARE", "EXECUTE", "CALL", "EXPLAIN", "MULTI", "RELATION",
           "LOGICAL_PLAN", "INVALID"}
_CONFIG = {"enable_external_access": False, "autoload_known_extensions": False,
           "autoinstall_known_extensions": False, "allow_community_extensions": False,
           "python_enable_replacements": False, "temp_directory": ""}   # locked by console_lock.sql


def checked_statement(sql: str) -> str:
    """The text of the one SELECT statement in `sql`, judged by DuckDB's parser, or QueryError."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as error:
        raise QueryError("sql.unreadable", detail=_first_line(error)) from error
    if not statements:
        raise QueryError("sql.empty")
    if len(statements) > 1:
        raise QueryError("sql.several", count=len(statements))
    kind = statements[0].type.name
    if kind in _REFUSALS:
        raise QueryError(f"sql.refuse.{_REFUSALS[kind]}")
    if kind != "SELECT":
        raise QueryError("sql.read_only", kind=kind.replace("_", " "))
    return statements[0].query


class Console:
    """A locked, in-memory copy of a session's tables. Close it (or drop it) when the data changes."""

    def __init__(self, source: duckdb.DuckDBPyConnection, limits: ConsoleLimits = LIMITS):
        self.limits = limits
        self._con = duckdb.connect(":memory:", config={**_CONFIG, "memory_limit": limits.memory,
                                                       "threads": limits.threads})
        self._con.execute(query("console_lock"))
        for (name,) in source.execute(query("session_tables")).fetchall():
            rows = source.sql(query("all_rows", table=name)).to_arrow_table()
            self._con.from_arrow(rows).create(name)   # creating tables is allowed; settings stay locked
            del rows

    def schema(self) -> tuple[Column, ...]:
        return tuple(Column(*row) for row in self._con.execute(query("console_schema")).fetchall())

    def run(self, sql: str) -> Result:
        """Run one SELECT under the row cap and the time limit, or raise QueryError saying why not."""
        statement = checked_statement(sql)
        timer = threading.Timer(self.limits.seconds, self._con.interrupt)
        started = time.perf_counter()
        timer.start()
        try:
            table = self._con.sql(statement).limit(self.limits.rows + 1).to_arrow_table()
        except duckdb.InterruptException as error:
            raise QueryError("sql.too_slow", seconds=f"{self.limits.seconds:.0f}") from error
        except duckdb.OutOfMemoryException as error:
            raise QueryError("sql.too_much_memory", memory=self.limits.memory) from error
        except duckdb.PermissionException as error:
            raise QueryError("sql.no_access") from error
        except duckdb.Error as error:
            raise QueryError("sql.failed", detail=_first_line(error)) from error
        finally:
            timer.cancel()
        if table.nbytes > self.limits.result_bytes:
            raise QueryError("sql.too_large", size=f"{table.nbytes / (1 << 20):,.0f}")
        truncated = table.num_rows > self.limits.rows
        return Result(table.slice(0, self.limits.rows) if truncated else table, truncated,
                      time.perf_counter() - started)

    def close(self) -> None:
        self._con.close()


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def for_download(table: pa.Table, min_n: int) -> Download:
    """The result as a CSV with small groups hidden, or why it cannot be downloaded."""
    names = {name.casefold(): name for name in table.column_names}
    if STUDENT_ID in names:
        return Download(None, refusal=Text("sql.refuse.student_ids", column=STUDENT_ID))
    size = names.get(SIZE_COLUMN)
    if size is None or not pa.types.is_integer(table.schema.field(size).type):
        return Download(None, refusal=Text("sql.refuse.no_size", column=SIZE_COLUMN, min_n=min_n))
    if any(pa.types.is_nested(field.type) for field in table.schema):
        return Download(None, refusal=Text("sql.refuse.nested"))
    reasons = suppress([n or 0 for n in table.column(size).to_pylist()], min_n)
    hidden = pa.array([reason is not None for reason in reasons])
    columns = [pc.if_else(hidden, pa.nulls(len(column), column.type), column)
               if _is_figure(name, column.type, size) else column
               for name, column in zip(table.column_names, table.columns, strict=True)]
    notes = pa.array([why_hidden(reason, min_n) for reason in reasons], pa.string())
    safe = pa.Table.from_arrays([*columns, notes], names=[*table.column_names, HIDDEN_COLUMN])
    return Download(to_csv(safe.to_pandas()), sum(reason is not None for reason in reasons))


def _is_figure(name: str, kind: pa.DataType, size: str) -> bool:
    """Numbers other than the group size are figures; text, booleans and dates label the group."""
    return name != size and (pa.types.is_integer(kind) or pa.types.is_floating(kind)
                             or pa.types.is_decimal(kind))
