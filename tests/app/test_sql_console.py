"""The read-only SQL console: it reads the session's tables and nothing else, refuses every other kind of
statement with a clear message and stops long queries (downloads: test_sql_download)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from equity.app.session import Workbench
from equity.app.sql_console import LIMITS, Console, ConsoleLimits, QueryError, checked_statement
from tests.files import csv_bytes

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bench() -> Workbench:
    bench = Workbench()
    bench.load_sample()
    return bench


@pytest.fixture(scope="module")
def console(bench) -> Console:
    console = Console(bench.con, ConsoleLimits(rows=50, seconds=2))
    yield console
    console.close()


FORBIDDEN = {
    "file read": ("SELECT * FROM read_csv('/etc/passwd')", "tables listed"),
    "file read, text": ("SELECT * FROM read_text('/etc/hostname')", "tables listed"),
    "file as table": ("SELECT * FROM '/etc/passwd'", "does not exist"),
    "glob": ("SELECT * FROM glob('/*')", "tables listed"),
    "network": ("SELECT * FROM read_parquet('https://example.invalid/x.parquet')", "tables listed"),
    "copy to": ("COPY students TO '/tmp/leak.csv'", "writing files"),
    "copy select to": ("COPY (SELECT * FROM students) TO '/tmp/leak.csv' (HEADER)", "writing files"),
    "export": ("EXPORT DATABASE '/tmp/leak'", "exporting"),
    "attach": ("ATTACH '/tmp/other.duckdb' AS other", "attached"),
    "detach": ("DETACH other", "detached"),
    "install": ("INSTALL httpfs", "extensions"),
    "load": ("LOAD httpfs", "extensions"),
    "set": ("SET enable_external_access = true", "settings"),
    "reset": ("RESET lock_configuration", "settings"),
    "pragma": ("PRAGMA enable_external_access", "settings"),
    "create": ("CREATE TABLE copy AS SELECT * FROM students", "only reads"),
    "create macro": ("CREATE MACRO leak() AS 1", "only reads"),
    "insert": ("INSERT INTO students (student_id) VALUES ('x')", "only reads"),
    "update": ("UPDATE students SET grade = '1'", "only reads"),
    "delete": ("DELETE FROM students", "only reads"),
    "drop": ("DROP TABLE students", "only reads"),
    "alter": ("ALTER TABLE students ADD COLUMN x INTEGER", "only reads"),
    "call": ("CALL pragma_version()", "only reads"),
    "checkpoint": ("CHECKPOINT", "only reads"),
    "transaction": ("BEGIN TRANSACTION", "only reads"),
    "two statements": ("SELECT 1; DROP TABLE students", "one statement at a time"),
    "select then select": ("SELECT 1; SELECT 2", "one statement at a time"),
    "a write inside query()": ("SELECT * FROM query('DROP TABLE students')", "select"),
    "empty": ("  -- nothing but a comment", "type a query"),
    "not sql": ("SELEKT 1", "could not read"),
}


@pytest.mark.parametrize("sql,word", FORBIDDEN.values(), ids=FORBIDDEN.keys())
def test_forbidden_statements_are_refused_with_a_clear_message(console, sql, word):
    with pytest.raises(QueryError) as refused:
        console.run(sql)
    assert word in str(refused.value).lower()
    assert console.run("SELECT count(*) AS n FROM students").table.column("n")[0].as_py() > 0  # still intact


def test_nothing_was_written_to_disk(console):
    for sql in ("COPY students TO '/tmp/leak.csv'", "EXPORT DATABASE '/tmp/leak'"):
        with pytest.raises(QueryError):
            console.run(sql)
    assert not os.path.exists("/tmp/leak.csv") and not os.path.exists("/tmp/leak")


def test_the_statement_kind_comes_from_duckdbs_parser_not_the_text():
    assert checked_statement("  with t AS (SELECT 1 AS x) SELECT * FROM t ") .strip().lower().startswith("with")
    assert checked_statement("FROM students SELECT grade")   # DuckDB's FROM-first form is a SELECT
    with pytest.raises(QueryError):
        checked_statement("/* SELECT */ DELETE FROM students")


def test_a_select_reads_the_session_tables(console, bench):
    result = console.run("SELECT race_ethnicity, count(*) AS n FROM students GROUP BY ALL ORDER BY n DESC")
    expected = bench.con.execute("SELECT count(DISTINCT race_ethnicity) FROM students").fetchone()[0]
    assert result.table.num_rows == expected and not result.truncated
    assert console.run("SELECT count(*) AS rows FROM raw").table.column("rows")[0].as_py() > 0


def test_the_schema_lists_the_canonical_students_columns(console):
    columns = {(c.name, c.type) for c in console.schema() if c.table == "students"}
    assert {("student_id", "VARCHAR"), ("low_income", "BOOLEAN"), ("final_grade_pct", "DOUBLE")} <= columns
    assert "raw" in {c.table for c in console.schema()}


def test_results_are_capped(console):
    result = console.run("SELECT * FROM range(1000000)")
    assert result.table.num_rows == 50 and result.truncated


def test_a_long_query_is_interrupted(console):
    with pytest.raises(QueryError, match="longer than 2 seconds"):
        console.run("SELECT count(*) FROM range(1000000000000) a")
    assert console.run("SELECT 1 AS one").table.num_rows == 1      # the console still works afterwards


def test_the_session_connection_keeps_its_own_rights(bench, console):
    """Locking is the console's own database: the session's connection (saving to the workspace) is untouched."""
    assert bench.con.execute("SELECT current_setting('enable_external_access')").fetchone()[0] is True
    assert console.run("SELECT current_setting('enable_external_access') AS on").table.column("on")[0].as_py() \
        is False


def test_a_console_copies_an_upload_not_the_original_connection():
    bench = Workbench()
    rows = [["Student ID", "Race", "Score"], *[[f"{i:03d}", "Asian" if i % 2 else "White", str(60 + i)]
                                               for i in range(40)]]
    staged = bench.upload(csv_bytes(rows), "class.csv")
    bench.confirm(staged.proposal, remember=False)
    console = Console(bench.con)
    bench.con.execute("DELETE FROM students")        # the session changes; the copy does not follow
    assert console.run("SELECT count(*) AS n FROM students").table.column("n")[0].as_py() == 40
    console.close()


ESCAPES = {   # statements whose work happens inside one function call or one aggregate, past DuckDB's own limits
    "repeat": "SELECT length(repeat('x', 3000000000)) AS n",
    "string_agg over a cross join": "SELECT length(string_agg(a.range::VARCHAR, ',')) AS n "
                                    "FROM range(100000) a, range(100000) b",
    "range as a list": "SELECT len(range(3000000000)) AS n",
    "list aggregate": "SELECT length(list(repeat('y', 1000))::VARCHAR) AS n FROM range(10000000)",
    "list comprehension": "SELECT len([repeat('y', 100) FOR x IN range(100000000)]) AS n",
    "huge rows": "SELECT repeat('x', 100000000) AS t FROM range(3)",
}
PARSER_SCRIPT = """
import sys
import pyarrow as pa
from equity.data import isolation
from equity.app.sql_console import LIMITS, QueryError, _run
from benchmarks.memory import peak_mb
tables = {"students": pa.table({"student_id": [f"{i:04d}" for i in range(5000)], "score": list(range(5000))})}
before = peak_mb()
isolation._limit(LIMITS.memory, LIMITS.seconds + LIMITS.grace)   # as the console's child process is limited
try:
    _run(tables, sys.argv[1], LIMITS)
    outcome = "ran"
except (QueryError, MemoryError) as error:
    outcome = getattr(error, "key", "MemoryError")
print(before, peak_mb(), outcome)
"""


@pytest.mark.parametrize("sql", ESCAPES.values(), ids=ESCAPES.keys())
def test_statements_that_run_past_duckdbs_limits_stop_within_the_consoles(console, sql):
    """The console's process is capped and killed, so these stop at once or at the time limit, with the
    console's message; the process that runs them grows by no more than the memory limit."""
    started = time.perf_counter()
    with pytest.raises(QueryError) as stopped:
        console.run(sql)
    assert stopped.value.key in {"sql.too_slow", "sql.too_much_memory", "sql.too_large"}, str(stopped.value)
    assert time.perf_counter() - started < console.limits.seconds + console.limits.grace + 5
    assert console.run("SELECT 1 AS one").table.num_rows == 1

    done = subprocess.run([sys.executable, "-c", PARSER_SCRIPT, sql], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    before_mb, peak_mb, outcome = done.stdout.split()
    assert outcome != "ran"
    assert int(peak_mb) - int(before_mb) < LIMITS.memory >> 20, f"grew from {before_mb} to {peak_mb} MB"
