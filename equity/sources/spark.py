"""Apache Spark as a cells source (DESIGN.md, "Where figures come from"): a lakehouse table of student rows stays
in the cluster, the session's own queries (`queries/*.sql`, written for DuckDB) are translated to Spark SQL by
SQLGlot, and only aggregates come back: a cube's cells, the counted values of the columns a value map reads, the
profile counts of each column. Spark Connect (`pyspark[connect]`) lets the app run beside a cluster it does not
manage; `local[2]` starts a Spark Connect server on this machine (it needs Java 17).

The mapping, value maps and derived outcomes apply on the Spark side: the `students` statement equity.students
builds for an upload is translated too, over the table's columns read as text, as an upload's are.
"""

import logging
import os
import shutil
import socket
from dataclasses import dataclass, field, replace

import duckdb
import pyarrow as pa
import sqlglot
from cachetools import LRUCache
from sqlglot import exp

from equity.data import dataset, headers
from equity.data.ingest import Upload
from equity.data.mapping import Mapping, propose
from equity.data.profile import EXCUSED, TOP_VALUES, ColumnProfile
from equity.data.sql import query
from equity.data.students import (
    CELL_MACROS,
    LABEL_TYPES,
    BuildReport,
    define_macros,
    define_types,
    students_sql,
)
from equity.model.rules import Rule
from equity.sources import cube as cubes

RAW, STUDENTS = "raw", "students"    # the names the translated queries read the table and its students under
MACROS = ("score",)                  # DuckDB macros the translated queries call: inlined, Spark has none
SHARED = 10                          # a result's value is listed for the mapping when this many rows hold it
SAMPLED = 50_000                     # rows a column's kind is judged on, as many as profile/table_sample.sql's
MAX_CELLS = 1_000_000                # more rows than this back from one query is refused: not a few cells
CACHED_CELLS = 16                    # outcome and rule pairs whose cells are kept, each a few thousand rows
TOKEN = "EQUITY_SPARK_TOKEN"         # a token for the cluster, read from the environment, never saved
INSTALL = ("Spark needs pyspark with Spark Connect: pip install 'pyspark[connect]' sqlglot; a local server "
           "(--spark local[2]) also needs Java 17: apt-get install openjdk-17-jre-headless.")


class SparkError(ValueError):
    """Spark cannot be reached or cannot answer, worded for the person who pointed the app at it."""


def connect(url: str, token: str | None = None):
    """A Spark Connect session: `sc://host:port` (a token from the argument or the environment is added to the
    address, never written anywhere) or `local[N]`, which starts a local Spark Connect server."""
    try:
        from pyspark.sql.connect.session import SparkSession  # Spark Connect's, beside a local server too
    except ImportError:
        raise SparkError(INSTALL) from None
    local = url.startswith("local")
    if local and shutil.which("java") is None:
        raise SparkError(INSTALL)
    logging.getLogger("SQLQueryContextLogger").setLevel(logging.CRITICAL)   # errors are said once, by SparkError
    token = token or os.environ.get(TOKEN)
    address = url if local or not token or ";token=" in url else f"{url.rstrip('/')}/;token={token}"
    try:
        return SparkSession.builder.remote(f"sc://localhost:{_local_server(url)}" if local else address).getOrCreate()
    except Exception as problem:      # pyspark raises many kinds; the person needs the first line of any
        raise SparkError(f"cannot connect to Spark at {url.split(';')[0]}: {_first_line(problem)}") from None


_LOCAL: dict[str, int] = {}      # "port": the port of this process's local Spark Connect server, once started


def _local_server(master: str) -> int:
    """The port of this process's local Spark Connect server (`local[N]`), started on first use on a free port of
    this machine only: pyspark's own start takes the fixed port 15002, which a second run on the machine holds.
    A process runs one local server; a later `local[M]` reuses it."""
    if "port" in _LOCAL:
        return _LOCAL["port"]
    from pyspark.sql.connect.session import SparkSession as Remote
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    with socket.socket() as probe:                 # a port free now; the server binds it a moment later
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    Remote._start_connect_server(master, {"spark.connect.grpc.binding.port": str(port),
                                          "spark.connect.grpc.binding.address": "127.0.0.1"})
    _LOCAL["port"] = port
    return port


def translate(sql: str | exp.Expression, params: dict | None = None,
              tables: dict[str, exp.Expression] | None = None) -> str:
    """A DuckDB statement of `queries/` (its text, or its parsed tree) as Spark SQL: the SELECT of a CREATE ... AS,
    values bound as typed literals, the `score` macro inlined, label ENUMs read as text, `tables` (name ->
    relation) put in place."""
    tree = sql.copy() if isinstance(sql, exp.Expression) else sqlglot.parse_one(sql, read="duckdb")
    if isinstance(tree, exp.Create):
        tree = tree.expression
    tree = tree.transform(lambda node: _bound(node, params or {}))
    for name, relation in (tables or {}).items():
        for table in list(tree.find_all(exp.Table)):
            if table.name == name and not table.db:
                put = relation.copy().as_(name) if isinstance(relation, exp.Subquery) else relation.copy()
                put.set("pivots", table.args.get("pivots"))
                table.replace(put)
    return tree.transform(_spark_node).sql(dialect="spark")


def _bound(node: exp.Expression, params: dict) -> exp.Expression:
    """A parameter ($name) as a typed literal of its value: text quoted, numbers, lists as arrays, None as NULL."""
    if not isinstance(node, exp.Placeholder):
        return node
    if node.name not in params:
        raise KeyError(f"no value for the parameter ${node.name}")
    return exp.convert(params[node.name])


def _macro(name: str) -> tuple[list[str], exp.Expression]:
    """A DuckDB macro of `queries/students/<name>.sql`: its parameter names and body."""
    tree = sqlglot.parse_one(query(f"students/{name}"), read="duckdb")
    return [p.name for p in tree.this.expressions], tree.expression


def _spark_node(node: exp.Expression) -> exp.Expression:
    """What SQLGlot's dialects do not carry over: the session's macros, its ENUM types, DuckDB's map lookup and
    sample of a subquery."""
    if isinstance(node, exp.Anonymous) and node.name.lower() in MACROS:
        names, body = _macro(node.name.lower())
        given = dict(zip(names, node.expressions, strict=True))
        return body.copy().transform(
            lambda n: given[n.name].copy() if isinstance(n, exp.Column) and not n.table and n.name in given else n
        ).transform(_spark_node)
    if isinstance(node, exp.DataType) and node.this == exp.DataType.Type.USERDEFINED and \
            node.args.get("kind") in LABEL_TYPES:
        return exp.DataType.build("VARCHAR")
    if isinstance(node, exp.TableSample):     # Spark samples no subquery; a count over every row is as good
        return None
    if isinstance(node, exp.Anonymous) and node.name.lower() == "map_extract_value":
        return exp.Anonymous(this="try_element_at", expressions=[e.copy() for e in node.expressions])
    return node


@dataclass(frozen=True)
class SparkStaged(dataset.Staged):
    """A Spark table profiled from counts and waiting for its mapping, as an upload is staged: its `upload` names
    the table and holds its columns, no rows."""

    table: "SparkTable | None" = None

    @property
    def rows(self) -> int:
        return self.table.size()


def stage(url: str, name: str, outcomes: tuple[str, ...] = (), token: str | None = None) -> SparkStaged:
    """Connect, read the table's columns and profile them from counts (the `outcomes` named listed with their
    values), and propose a mapping, as for an upload."""
    table = SparkTable(connect(url, token), name)
    profiles = table.profiles(outcomes)
    shown = Upload(name, pa.table({c: pa.array([], pa.string()) for c in table.columns}), None, (), 0, ())
    return SparkStaged(shown, profiles, propose(profiles), table)


def activate(con: duckdb.DuckDBPyConnection, staged: SparkStaged, mapping: Mapping,
             previous: dataset.Dataset | None = None) -> dataset.Dataset:
    """The staged table under `mapping` as `con`'s data, as an upload is activated: the mapping applies on Spark,
    as SQL, and every cube of `con` is counted there (equity.sources.cube.attach)."""
    dataset.check(mapping, staged.profiles)
    source = SparkSource(staged.table, mapping)
    cubes.attach(con, source)
    return dataset.Dataset(None, staged.profiles, mapping, source.report, title=staged.table.name,
                           version=previous.version + 1 if previous else 1)


def remap(con: duckdb.DuckDBPyConnection, data: dataset.Dataset, mapping: Mapping) -> dataset.Dataset:
    """The Spark table `con`'s cubes are counted on, under a changed mapping (the days enrolled chronic absence asks
    for), as an upload's `students` is rebuilt: the students statement is made again and counted there."""
    dataset.check(mapping, data.profiles)
    source = SparkSource(cubes.elsewhere(con).table, mapping)
    cubes.attach(con, source)
    return replace(data, mapping=mapping, report=source.report, version=data.version + 1)


@dataclass
class SparkTable:
    """A Spark table of student rows (any Spark identifier, `parquet.`/path`` included), read as text columns."""

    spark: object
    name: str
    columns: tuple[str, ...] = ()
    _raw: exp.Expression | None = field(default=None, repr=False)
    _counted: dict = field(default_factory=dict, repr=False)     # header -> its values with their counts
    _size: int | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        table = exp.to_table(self.name, dialect="spark")   # never pasted: a name SQLGlot cannot read stays one name
        try:
            schema = self.spark.sql(f"SELECT * FROM {table.sql(dialect='spark')} LIMIT 0").columns
        except Exception as problem:
            raise SparkError(f"cannot read the table {self.name}: {_first_line(problem)}") from None
        self.columns = tuple(schema)
        text = [query("columns/as_text", column=c) for c in self.columns]
        select = sqlglot.parse_one(query("profile/text_view", target=RAW, source=RAW, columns=text),
                                   read="duckdb").expression
        select.from_(table, copy=False)
        self._raw = select.subquery()

    def run(self, sql: str, params: dict | None = None, students: exp.Expression | None = None) -> pa.Table:
        """The rows of a query of `queries/` (an aggregate) run on Spark; refused beyond MAX_CELLS rows."""
        text = self.sql(sql, params, students)
        try:
            found = self.spark.sql(text).limit(MAX_CELLS + 1).toArrow()
        except Exception as problem:
            raise SparkError(f"Spark could not run the query on {self.name}: {_first_line(problem)}") from None
        if found.num_rows > MAX_CELLS:
            raise SparkError(f"{self.name}: more than {MAX_CELLS:,} cells; filter the table to fewer schools or terms.")
        return found

    def sql(self, sql: str, params: dict | None = None, students: exp.Expression | None = None) -> str:
        """A query of `queries/` as the Spark SQL that runs: over this table's text columns, and `students`."""
        return translate(sql, params, {RAW: self._raw, **({STUDENTS: students} if students is not None else {})})

    def size(self) -> int:
        """The table's rows, counted once."""
        if self._size is None:
            self._size = int(self.run(query("tables/row_count", table=RAW)).column(0)[0].as_py())
        return self._size

    def counted(self, header: str) -> tuple[tuple[str | None, int], ...]:
        """A column's values with their row counts (as equity.data.profile.column_values), read once."""
        if header not in self._counted:
            self._counted |= self._values([header], [header])
        return self._counted[header]

    def _values(self, names: list[str], every: list[str]) -> dict[str, tuple[tuple[str | None, int], ...]]:
        """Several columns' values with their counts in one Spark job (every value of the columns in `every`, the
        values SHARED rows or more hold of the others), most frequent first, blank read as missing as an upload
        reads it."""
        found: dict[str, dict[str | None, int]] = {h: {} for h in names}
        for row in self.run(query("profile/column_value_counts", table=RAW, columns=names),
                            {"shared": SHARED, "every": every}).to_pylist():
            value = None if row["value"] == "" else row["value"]
            found[row["header"]][value] = found[row["header"]].get(value, 0) + int(row["n"])
        return {h: tuple(sorted(values.items(), key=lambda vn: (-vn[1], vn[0] is None, vn[0] or "")))
                for h, values in found.items()}

    def _each_column(self, name: str, source: exp.Expression, params: dict | None = None,
                     also: tuple[exp.Expression, ...] = ()) -> tuple[dict, dict[str, dict]]:
        """The figures `queries/<name>.sql` counts for one column, for every column in one Spark job over `source`
        (one read of it, whatever the number of columns): the `also` figures, and per header its figures."""
        figures = list(also)
        for i, header in enumerate(self.columns):
            one = sqlglot.parse_one(query(name, table=RAW, column=header), read="duckdb")
            figures += [exp.alias_(e.this, f"{e.alias}_{i}") for e in one.expressions]
        found = self.run(exp.select(*figures).from_(source), params).to_pylist()[0]
        names = [e.alias for e in one.expressions]
        return found, {h: {n: found[f"{n}_{i}"] for n in names} for i, h in enumerate(self.columns)}

    def profiles(self, outcomes: tuple[str, ...] = ()) -> tuple[ColumnProfile, ...]:
        """Each column measured as an upload's are (equity.profile), from counts only, in three Spark jobs of which
        two read the table: every column's non-blank and distinct counts (and the table's rows) in one read; the
        kind of its values (numbers, excused codes) on the first SAMPLED rows; and the values, in one read, of the
        columns with few values that repeat and of the `outcomes` named, all of them, and of a column whose header
        names a result (a grade %, a scale score) those SHARED rows or more hold, enough to propose it as an
        outcome and a threshold. Ids and names never leave Spark."""
        size = sqlglot.parse_one(query("tables/row_count", table=RAW), read="duckdb").expressions[0]
        found, spread = self._each_column("profile/column_spread", exp.to_table(RAW), also=(size.as_("rows"),))
        self._size = int(found["rows"])
        head = sqlglot.parse_one(query("profile/table_head", table=RAW), read="duckdb").subquery("head")
        _, kinds = self._each_column("profile/column_kind", head, {"excused": list(EXCUSED), "rows": SAMPLED})
        listed = [h for h, r in spread.items() if h in outcomes or (r["distinct_estimate"] <= TOP_VALUES
                                                                    and 2 * r["distinct_estimate"] <= r["non_blank"])]
        measured = [h for h in self.columns if h not in listed and _names_a_result(h)]
        counted = self._values(listed + measured, listed) if listed or measured else {}
        self._counted |= {h: counted[h] for h in listed}
        return tuple(_profile(h, spread[h] | kinds[h], self._counted.get(h)) if h not in measured else
                     replace(_profile(h, spread[h] | kinds[h], counted[h]),
                             distinct_count=int(spread[h]["distinct_estimate"]))
                     for h in self.columns)


def _names_a_result(header: str) -> bool:
    """The header reads as a kind of result (equity.data.headers), never as an id, a name or another role."""
    reading = headers.read(header)
    return reading is not None and reading.label.startswith(headers.MEASURE)


def _profile(header: str, row: dict, values: tuple | None) -> ColumnProfile:
    """A column's profile from its counts (profile/column_spread.sql, column_kind.sql) and, when listed, its
    values."""
    gradable = int(row["sampled"]) - int(row["excused_count"])
    share = int(row["numeric_count"]) / gradable if gradable > 0 else 0.0
    distinct = int(row["distinct_estimate"]) if values is None else sum(1 for v, _ in values if v is not None)
    return ColumnProfile(header, int(row["non_blank"]), distinct, share, (values or ())[:TOP_VALUES])


@dataclass
class SparkSource:
    """The cells source of a session whose students live in a Spark table: the `students` relation is the
    translated statement equity.students builds under the mapping, and each cube is counted by Spark."""

    table: SparkTable
    mapping: Mapping
    report: BuildReport | None = None
    _students: exp.Expression | None = field(default=None, repr=False)
    _cells: LRUCache = field(default_factory=lambda: LRUCache(CACHED_CELLS), repr=False)   # (outcome, rule) -> cells
    _groups: dict = field(default_factory=dict, repr=False)    # id of a connection -> its groups cube

    def __post_init__(self) -> None:
        sql, params, build = students_sql(self.table.counted, RAW, self.mapping)
        tree = sqlglot.parse_one(self.table.sql(sql, params), read="spark")
        self._students = tree.subquery()
        rows = self.table.run(query("tables/row_count", table=STUDENTS), students=self._students).column(0)[0].as_py()
        self.report = build.report(int(rows))

    def cells(self, outcome: str, rule: Rule) -> pa.Table:
        """The cube's cells for `outcome` under `rule`, counted by Spark: cells/cube_build.sql's columns. The last
        few are kept (a few thousand rows each), so a view that makes its own cube costs no second Spark job."""
        key = (outcome, rule)
        if key not in self._cells:
            self._cells[key] = self.table.run(query("cells/cube_build", cube="cube", outcome=outcome), rule.params(),
                                              self._students)
        return self._cells[key]

    def groups(self, con: duckdb.DuckDBPyConnection) -> cubes.Cube:
        """The students counted per combination of the dimension columns (queries/cells/cube_groups.sql), loaded
        on `con` once: the terms and the values each filter offers."""
        if id(con) not in self._groups:
            found = self.table.run(query("cells/cube_groups", cube="cube"), students=self._students)
            self.prepare(con)
            self._groups[id(con)] = cubes.load(con, found, "", Rule("mean"))
        return self._groups[id(con)]

    def prepare(self, con: duckdb.DuckDBPyConnection) -> None:
        """The label types and macros a cube's cells are read with, on `con`."""
        define_types(con)
        define_macros(con, CELL_MACROS)

    def build(self, con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule) -> cubes.Cube:
        """The cube as equity.cube builds it from student rows, its cells counted on Spark."""
        self.prepare(con)
        return cubes.load(con, self.cells(outcome, rule), outcome, rule)


def _first_line(problem: Exception) -> str:
    return (str(problem).strip().splitlines() or [type(problem).__name__])[0][:300]

