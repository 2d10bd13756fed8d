"""Read-only SQL over a copy of one session's tables, for people who know SQL.

Each query runs in a child process (equity.data.isolation) over the copied tables, in a DuckDB database of its own,
opened with external access disabled and its configuration locked: a query can read the copied tables and
nothing on disk or on the network, cannot install or load an extension and cannot change a setting, whatever
it says. On top of that, DuckDB's own parser must find exactly one SELECT (or WITH … SELECT) statement. The
limits are hard ones: DuckDB is interrupted at the time limit and the child is killed shortly after if a
function does not stop (`repeat` of a billion characters runs inside one call), the child's address space is
capped at the memory limit, and a result larger than the result limit is not sent back at all.

On screen the result is shown as the query returned it: it is the uploader's own data, as on the 'Your data'
page. What may be downloaded is decided by the app's own rule, in equity.app.sql_download.
"""

import threading
import time
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from equity.data import isolation
from equity.data.dataset import CURRENT
from equity.data.sql import query
from equity.words.messages import Message


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


_REFUSALS = {   # statement kinds with a refusal of their own: the key under sql.refuse
    "COPY": "copy", "COPY_DATABASE": "copy_database", "EXPORT": "export", "ATTACH": "attach", "DETACH": "detach",
    "LOAD": "extension", "EXTENSION": "extension", "SET": "set", "VARIABLE_SET": "variable_set", "PRAGMA": "pragma",
}
_WRITES = {"INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "MERGE_INTO", "CREATE_FUNC", "VACUUM",
           "ANALYZE", "TRANSACTION", "PREPARE", "EXECUTE", "CALL", "EXPLAIN", "MULTI", "RELATION",
           "LOGICAL_PLAN", "INVALID"}
_CONFIG = {"enable_external_access": False, "autoload_known_extensions": False,
           "autoinstall_known_extensions": False, "allow_community_extensions": False,
           "python_enable_replacements": False, "temp_directory": ""}   # locked by console/lock.sql


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
        self._tables = {name: source.sql(query("console/all_rows", table=name)).to_arrow_table()
                        for (name,) in source.execute(query("console/session_tables"), {"views": [CURRENT]}).fetchall()}

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
    con.execute(query("console/lock"))
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
