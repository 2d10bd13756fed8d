"""Read-only SQL over a copy of one session's tables, for people who know SQL.

Each query runs in a child process (equity.isolation) over the copied tables, in a DuckDB database of its own,
opened with external access disabled and its configuration locked: a query can read the copied tables and
nothing on disk or on the network, cannot install or load an extension and cannot change a setting, whatever
it says. On top of that, DuckDB's own parser must find exactly one SELECT (or WITH … SELECT) statement. The
limits are hard ones: DuckDB is interrupted at the time limit and the child is killed shortly after if a
function does not stop (`repeat` of a billion characters runs inside one call), the child's address space is
capped at the memory limit, and a result larger than the result limit is not sent back at all.

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

from equity import isolation
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
    seconds: float = 10.0         # a query still running then is interrupted, and its process killed soon after
    memory: int = 1 << 30         # the memory a query's process may add to the tables it reads
    threads: int = 2
    result_bytes: int = 64 << 20  # a result larger than this (very long text, say) is not shown
    grace: float = 2.0            # seconds between the interrupt and the kill


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
    """A copy of a session's tables, queried in child processes. Close it (or drop it) when the data changes."""

    def __init__(self, source: duckdb.DuckDBPyConnection, limits: ConsoleLimits = LIMITS):
        self.limits = limits
        self._tables = {name: source.sql(query("all_rows", table=name)).to_arrow_table()
                        for (name,) in source.execute(query("session_tables")).fetchall()}

    def schema(self) -> tuple[Column, ...]:
        """Every column of every table with DuckDB's name for its type, as a query sees them."""
        with duckdb.connect(":memory:", config=_CONFIG) as con:
            return tuple(Column(name, column, str(kind)) for name, table in sorted(self._tables.items())
                         for column, kind in zip(table.column_names, con.from_arrow(table).types, strict=True))

    def run(self, sql: str) -> Result:
        """Run one SELECT under the row cap and the time, memory and result limits, or raise QueryError saying
        why not."""
        statement = checked_statement(sql)
        started = time.perf_counter()
        try:
            table, truncated = isolation.run(_run, self._tables, statement, self.limits,
                                             seconds=self.limits.seconds + self.limits.grace,
                                             memory=self.limits.memory)
        except isolation.Stopped as stopped:
            raise (_too_slow(self.limits) if stopped.reason == "time" else _too_much_memory(self.limits)) from None
        except MemoryError as error:
            raise _too_much_memory(self.limits) from error
        return Result(table, truncated, time.perf_counter() - started)

    def close(self) -> None:
        self._tables = {}


def _run(tables: dict[str, pa.Table], statement: str, limits: ConsoleLimits) -> tuple[pa.Table, bool]:
    """In the child: the tables as views of a locked database, the statement under DuckDB's own limits."""
    con = duckdb.connect(":memory:", config={**_CONFIG, "memory_limit": f"{limits.memory >> 20}MB",
                                             "threads": limits.threads})
    for name, table in tables.items():
        con.register(name, table)    # read in place, not copied
    con.execute(query("console_lock"))
    timer = threading.Timer(limits.seconds, con.interrupt)
    timer.start()
    try:
        table = con.sql(statement).limit(limits.rows + 1).to_arrow_table()
    except duckdb.InterruptException as error:
        raise _too_slow(limits) from error
    except duckdb.OutOfMemoryException as error:
        raise _too_much_memory(limits) from error
    except duckdb.PermissionException as error:
        raise QueryError("sql.no_access") from error
    except duckdb.Error as error:
        raise QueryError("sql.failed", detail=_first_line(error)) from error
    finally:
        timer.cancel()
    if table.nbytes > limits.result_bytes:
        raise QueryError("sql.too_large", size=f"{table.nbytes / (1 << 20):,.0f}")
    truncated = table.num_rows > limits.rows
    return (table.slice(0, limits.rows) if truncated else table), truncated


def _too_slow(limits: ConsoleLimits) -> QueryError:
    return QueryError("sql.too_slow", seconds=f"{limits.seconds:.0f}")


def _too_much_memory(limits: ConsoleLimits) -> QueryError:
    return QueryError("sql.too_much_memory", memory=f"{limits.memory >> 20:,} MB")


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
