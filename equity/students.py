"""Build the typed `students` table from a raw upload and its confirmed mapping.

Normalisation runs here, once per upload or mapping change, never per click: each demographic column's
distinct values are mapped in Python (a few dozen), and SQL applies that lookup to every row.
"""

from dataclasses import dataclass

import duckdb

from equity import derived, normalize
from equity.mapping import DEMOGRAPHIC_ROLES, Mapping
from equity.profile import EXCUSED, column_values
from equity.sql import Fragment, query, quote_ident

TEXT_ROLES = ("student_id", "term", "school")
CANONICAL = {  # every canonical column and its SQL type; absent roles are NULL of that type
    "student_id": "VARCHAR", "term": "VARCHAR", "school": "VARCHAR", "grade": "VARCHAR",
    "race_ethnicity": "race_label", "low_income": "BOOLEAN", "english_learner": "BOOLEAN",
    "special_ed": "BOOLEAN", "section_504": "BOOLEAN", "gender": "gender_label",
}
LABEL_TYPES = {  # ENUM types: a filter change groups and compares small integers, not text
    "race_label": (*normalize.RACE_LABELS, normalize.NOT_REPORTED),
    "gender_label": (*normalize.GENDER_LABELS, normalize.NOT_REPORTED),
}
MAX_DISTINCT = 100_000
MACROS = ("filtered_students", "score", "chosen")   # query macros defined beside every `students`

TEXT = "nullif(trim({source}), '') AS {target}"
NUMBER = "TRY_CAST(nullif(replace(trim({source}), '%', ''), '') AS DOUBLE) AS {target}"
CATEGORY = ("CASE WHEN list_contains($excused, upper(trim({source}))) THEN NULL "
            "ELSE nullif(trim({source}), '') END AS {target}")
LOOKUP = ("CAST(map_extract_value(MAP($keys_{i}::VARCHAR[], $values_{i}::VARCHAR[]), coalesce({source}, '')) "
          "AS {type}) AS {target}")
CONSTANT = "CAST(CAST($constant_{i} AS VARCHAR) AS {type}) AS {target}"


@dataclass(frozen=True)
class Unplaced:
    """Values of one column that could not be placed; their rows read as Not reported, never dropped."""

    header: str
    role: str
    values: tuple[tuple[str, int], ...]

    @property
    def rows(self) -> int:
        return sum(n for _, n in self.values)


@dataclass(frozen=True)
class BuildReport:
    rows: int
    unplaced: tuple[Unplaced, ...]


def build_students(con: duckdb.DuckDBPyConnection, source: str, mapping: Mapping) -> BuildReport:
    """(Re)create `students` from the raw table `source`, typed and normalised, and the query macros."""
    for name, labels in LABEL_TYPES.items():
        con.execute(query("label_type", type_name=name), {"labels": list(labels)})
    expressions: list[str] = []
    params: dict[str, object] = {}
    unplaced: list[Unplaced] = []
    by_role = {c.role: c for c in mapping.columns}
    for i, (column, sql_type) in enumerate(CANONICAL.items()):
        role = by_role.get(column)
        if role is None:
            constant = mapping.term if column == "term" else ("Not reported" if column in
                                                              ("race_ethnicity", "gender") else None)
            expressions.append(_fill(CONSTANT, i, column, sql_type))
            params[f"constant_{i}"] = constant
        elif column in TEXT_ROLES:
            expressions.append(TEXT.format(source=quote_ident(role.header), target=quote_ident(column)))
        else:
            lookup, missing = _lookup(con, source, role.header, column, mapping)
            expressions.append(_fill(LOOKUP, i, column, sql_type, role.header))
            params[f"keys_{i}"], params[f"values_{i}"] = lookup
            if missing.values:
                unplaced.append(missing)
    for j, column in enumerate(mapping.outcomes(), start=len(CANONICAL)):
        expressions.append(_outcome(con, source, column, j, params, unplaced))
    expressions += derived.expressions(mapping)
    con.execute(query("students", source=source, columns=Fragment(",\n    ".join(expressions))), params)
    for macro in MACROS:
        con.execute(query(macro))
    rows = con.execute(query("row_count", table="students")).fetchone()[0]
    return BuildReport(rows, tuple(unplaced))


def _fill(template: str, i: int, column: str, sql_type: str, header: str = "") -> str:
    return template.format(i=i, type=sql_type, source=quote_ident(header) if header else "",
                           target=quote_ident(column))


def _outcome(con, source, column, j, params, unplaced) -> str:
    names = {"source": quote_ident(column.header), "target": quote_ident(column.name)}
    if column.kind == "numeric":
        return NUMBER.format(**names)
    if column.kind == "boolean":
        (keys, values), missing = _lookup(con, source, column.header, "flag", None)
        params[f"keys_{j}"], params[f"values_{j}"] = keys, values
        if missing.values:
            unplaced.append(missing)
        return LOOKUP.format(i=j, type="BOOLEAN", **names)
    params["excused"] = list(EXCUSED)
    return CATEGORY.format(**names)


def _lookup(con: duckdb.DuckDBPyConnection, source: str, header: str, role: str, mapping: Mapping | None
            ) -> tuple[tuple[list[str], list[str | None]], Unplaced]:
    """The raw -> canonical lookup of one column, as two bound lists, and what could not be placed."""
    counted = column_values(con, source, header, MAX_DISTINCT)
    codebook = dict(mapping.codebook) if mapping and role == "race_ethnicity" else None
    value_map = normalize.map_values(role, [v for v, _ in counted], codebook)
    keys, values = [], []
    for raw, _ in counted:
        keys.append("" if raw is None else raw)
        values.append(_as_text(value_map.values.get(raw)))
    if role in DEMOGRAPHIC_ROLES and role in ("race_ethnicity", "gender"):
        values = [normalize.NOT_REPORTED if v is None else v for v in values]
    unplaced_values = set(value_map.unplaced)
    missing = Unplaced(header, role, tuple((raw, n) for raw, n in counted if raw in unplaced_values))
    return (keys, values), missing


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
