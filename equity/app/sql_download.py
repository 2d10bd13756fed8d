"""What may leave the SQL console as a file: decided by the app, not by the query.

On screen the console shows whatever the query returns (it is the uploader's own data). A download must be an
aggregate of `students` grouped by canonical dimension columns, and nothing else:

- The query is read by DuckDB's own parser (`json_serialize_sql`). Every selected expression must be either a
  grouping column (race_ethnicity, low_income, ...) or one aggregate of the safe kind (count, sum, avg, stddev,
  variance) over `*` or one bare column other than student_id. Any other expression is refused rather than traced
  (refusing non-aggregate expressions, not lineage detection): min, max, median, string_agg, list and the like
  return one student's value, a CASE inside an aggregate can single students out, and a WHERE, a HAVING, a join,
  a subquery or grouping sets would change the groups the app sizes.
- Group sizes are computed by the app from `students` (queries/console/download_sizes.sql), never read from a column the
  query calls `n`: all students per group, and per aggregated column those with a value.
- A group is hidden, in every figure column, when any of those sizes is under the minimum, when the rule across
  views finds it (equity.stats.across: the same group with one of its grouping columns fewer differs by 1 to min_n - 1
  students, so two downloads could be subtracted), and by the complementary rule. Its size is not printed.
"""

import json
from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from equity.data.sql import query
from equity.report.safe_cells import to_csv
from equity.stats import across
from equity.stats.privacy import suppress
from equity.words.labels import hidden_note
from equity.words.messages import Text

DIMENSION_COLUMNS = ("race_ethnicity", "low_income", "english_learner", "special_ed", "section_504", "gender",
                     "grade", "school", "term")
AGGREGATES = {"count_star", "count", "sum", "avg", "mean", "stddev", "stddev_samp", "stddev_pop", "variance",
              "var_samp", "var_pop"}
IDENTIFIER = "student_id"
SIZE_COLUMN, HIDDEN_COLUMN = "n", "Hidden"


@dataclass(frozen=True)
class Download:
    """A result as a CSV under the app's rule, or the reason it cannot be downloaded."""

    csv: bytes | None
    hidden: int = 0      # groups whose figures were blanked
    refusal: Text | None = None


@dataclass(frozen=True)
class Shape:
    """A query a download can be made of: its grouping columns (output name, canonical column) and the columns
    its aggregates read (None for count(*)), each with the output name of its figure."""

    groups: tuple[tuple[str, str], ...]
    figures: tuple[tuple[str, str | None], ...]


class Refused(ValueError):
    """Why a query's result cannot be downloaded: a catalogue key under sql.download."""

    def __init__(self, key: str, **params: object):
        super().__init__(key)
        self.text = Text(f"sql.download.{key}", **params)


def shape(con: duckdb.DuckDBPyConnection, sql: str) -> Shape:
    """The query's groups and figures, or Refused saying what keeps it from being downloaded."""
    parsed = json.loads(con.execute(query("console/parse_sql"), [sql]).fetchall()[0][0])
    if parsed.get("error") or len(parsed["statements"]) != 1:
        raise Refused("not_aggregate")
    node = parsed["statements"][0]["node"]
    table = node.get("from_table") or {}
    if node.get("type") != "SELECT_NODE" or node["cte_map"]["map"] or table.get("type") != "BASE_TABLE" \
            or table.get("table_name", "").casefold() != "students" or table.get("schema_name"):
        raise Refused("only_students")
    if any(node.get(part) for part in ("where_clause", "having", "qualify", "sample")) \
            or any(m["type"] not in ("ORDER_MODIFIER", "LIMIT_MODIFIER") for m in node["modifiers"]):
        raise Refused("no_where")
    grouped = {_column(e) for e in node["group_expressions"]}
    by_all = node["aggregate_handling"] == "FORCE_AGGREGATES"       # GROUP BY ALL
    if None in grouped or len(node["group_sets"]) > 1 or not (grouped or by_all):
        raise Refused("not_aggregate")
    groups, figures = [], []
    for position, item in enumerate(node["select_list"]):
        name = item["alias"] or _default_name(item, position)
        column = _column(item)
        if column is not None and column in DIMENSION_COLUMNS and (column in grouped or not grouped):
            groups.append((name, column))
            continue
        figures.append((name, _aggregate(item)))
    if not groups or (grouped and grouped != {c for _, c in groups}) or not figures:
        raise Refused("not_aggregate")
    return Shape(tuple(groups), tuple(figures))


def _column(expression: dict) -> str | None:
    names = expression.get("column_names") if expression.get("class") == "COLUMN_REF" else None
    return names[-1].casefold() if names and len(names) <= 2 else None


def _default_name(item: dict, position: int) -> str:
    column = _column(item)
    return column if column else f"column{position}"


def _aggregate(item: dict) -> str | None:
    """The column a safe aggregate reads (None for count(*)), or Refused."""
    if item.get("class") != "FUNCTION" or item.get("function_name", "").casefold() not in AGGREGATES \
            or item.get("distinct") or item.get("filter") or item["order_bys"]["orders"] or item.get("schema"):
        raise Refused("not_aggregate")
    arguments = item["arguments"]
    if item["function_name"].casefold() == "count_star" and not arguments:
        return None
    column = _column(arguments[0]["expression"]) if len(arguments) == 1 else None
    if column is None:
        raise Refused("not_aggregate")
    if column == IDENTIFIER:
        raise Refused("student_ids", column=IDENTIFIER)
    return column


def for_download(con: duckdb.DuckDBPyConnection, sql: str, table: pa.Table, min_n: int) -> Download:
    """The query's result as a CSV under the app's rule, or why it cannot be downloaded. `con` holds the
    session's `students`, from which the group sizes are computed."""
    try:
        found = shape(con, sql)
    except Refused as refused:
        return Download(None, refusal=refused.text)
    except duckdb.Error:
        return Download(None, refusal=Text("sql.download.not_aggregate"))
    read = tuple(dict.fromkeys(c for _, c in found.figures if c))
    counts = [query("console/size_of", column=c, i=i) for i, c in enumerate(read)] or query("console/no_sizes")
    try:
        rows = con.execute(query("console/download_sizes", groups=[c for _, c in found.groups],
                                 counts=counts)).fetchall()
    except duckdb.Error:
        return Download(None, refusal=Text("sql.download.not_aggregate"))
    width = len(found.groups)
    sizes = {tuple(_key(v) for v in row[:width]): row[width:] if read else row[width:width + 1] for row in rows}
    wider = set()
    for k in range(len(next(iter(sizes.values()), ()))):
        neighbours = across.Neighbours((), tuple((parts, (), n[k]) for parts, n in sizes.items() if n[k]))
        wider |= {g if width > 1 else (g,) for g in across.hidden(neighbours, min_n).groups}
    keys = [tuple(_key(table.column(name)[i].as_py()) for name, _ in found.groups) for i in range(table.num_rows)]
    smallest = [min(sizes[k]) if k in sizes else 0 for k in keys]
    reasons = suppress(smallest, min_n, [k in wider for k in keys])
    return Download(_file(table, found, keys, sizes, reasons, min_n), sum(r is not None for r in reasons))


def _key(value: object) -> object:
    return value if value is None or isinstance(value, bool) else str(value)


def _file(table: pa.Table, found: Shape, keys: list[tuple], sizes: dict, reasons, min_n: int) -> bytes:
    """The result with the app's sizes, every figure of a hidden group blanked, and why."""
    hidden = pa.array([r is not None for r in reasons], pa.bool_())
    group_names = {name for name, _ in found.groups}
    columns, names = [], []
    for name, column in zip(table.column_names, table.columns, strict=True):
        if name not in group_names:
            column = pc.if_else(hidden, pa.nulls(len(column), column.type), column)
            name = f"{name}_query" if name.casefold() == SIZE_COLUMN else name
        columns.append(column)
        names.append(name)
    size = pa.array([None if r else sizes[k][0] if k in sizes else None for k, r in zip(keys, reasons, strict=True)],
                    pa.int64())
    notes = pa.array([hidden_note(r, min_n) for r in reasons], pa.string())
    safe = pa.Table.from_arrays([*columns, size, notes], names=[*names, SIZE_COLUMN, HIDDEN_COLUMN])
    return to_csv(safe.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get))   # 40, not 40.0, beside blanks
