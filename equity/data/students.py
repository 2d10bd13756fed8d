"""Build the typed `students` table from a raw upload and its confirmed mapping.

Normalisation runs here, once per upload or mapping change, never per click: each demographic column's
distinct values are mapped in Python (a few dozen), and SQL applies that lookup to every row.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import duckdb

from equity.data import derived, normalize
from equity.data.count_layouts import CountProblem, Suppressed, count_problems, suppressed
from equity.data.mapping import RACE_FLAG_ROLES, Mapping
from equity.data.profile import EXCUSED, as_number, as_text, column_types, column_values
from equity.data.sql import Fragment, query, quote_ident

TEXT_ROLES = ("student_id", "term", "school")
CANONICAL = {  # every canonical column and its SQL type; absent roles are NULL of that type
    "student_id": "VARCHAR", "term": "VARCHAR", "school": "VARCHAR", "grade": "VARCHAR",
    "race_ethnicity": "race_label", "race_list": "VARCHAR[]", "low_income": "BOOLEAN", "english_learner": "BOOLEAN",
    "special_ed": "BOOLEAN", "section_504": "BOOLEAN", "gender": "gender_label",
}
LABEL_TYPES = {  # ENUM types: a filter change groups and compares small integers, not text
    "race_label": (*normalize.RACE_LABELS, normalize.NOT_REPORTED),
    "gender_label": (*normalize.GENDER_LABELS, normalize.NOT_REPORTED),
}
MAX_DISTINCT = 100_000
CELL_MACROS = ("keep_filters", "chosen")     # query macros a cube's cells need
MACROS = (*CELL_MACROS, "filtered_students", "score")   # query macros defined beside every `students`

TEXT = "nullif(trim({source}), '') AS {target}"
COUNT = "count_cell({source}) AS {target}"     # a published count; suppressed cells unknown (count_cell.sql)
CATEGORY = ("CASE WHEN list_contains($excused, upper(trim({source}))) THEN NULL "
            "ELSE nullif(trim({source}), '') END AS {target}")
MAPPED = ("CAST(map_extract_value(MAP($keys_{i}::VARCHAR[], $values_{i}::VARCHAR[]), coalesce({source}, '')) "
          "AS {type})")
CONSTANT = "CAST(CAST($constant_{i} AS VARCHAR) AS {type}) AS {target}"
# The federal rule over a Hispanic/Latino flag and one flag per race (each a MAPPED boolean), falling back to
# the race column's own value (or Not reported) when no race is flagged.
FEDERAL = ("CAST(CASE WHEN coalesce({hispanic}, false) THEN '" + normalize.HISPANIC + "' "
           "WHEN {count} > 1 THEN '" + normalize.TWO_OR_MORE + "' {single} ELSE {race} END AS race_label)")
# Every group a student reports, for counts alone or in combination: the flagged ones and those the race
# column names (several in a value such as `Black/White`), else the one race_ethnicity says.
PARTS = ("string_split(map_extract_value(MAP($parts_keys::VARCHAR[], $parts_values::VARCHAR[]), "
         "coalesce({source}, '')), '|')")
LISTED = ("CASE WHEN array_length({reported}) > 0 THEN {reported} ELSE [CAST({race} AS VARCHAR)] END AS race_list")


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
class Guessed:
    """Values of one column placed by a code convention rather than given or recognised: (raw, canonical, rows)."""

    header: str
    role: str
    values: tuple[tuple[str, str, int], ...]


@dataclass(frozen=True)
class BuildReport:
    rows: int
    unplaced: tuple[Unplaced, ...]
    guessed: tuple[Guessed, ...] = ()
    suppressed: tuple[Suppressed, ...] = ()     # published counts hidden by their publisher: unknown, listed
    problems: tuple[CountProblem, ...] = ()     # published counts that cannot be right, listed


Counted = Callable[[str], tuple[tuple[str | None, int], ...]]   # a raw column's values with their row counts


class _Build:
    """The expressions and bound lookups of one `students` table, and what the value maps reported.
    `counted` reads a raw column's distinct values wherever the rows are (DuckDB here, Spark elsewhere);
    `types` gives the raw columns' types where some are typed (a Parquet file's), else all are text."""

    def __init__(self, counted: Counted, mapping: Mapping, types: dict[str, str]):
        self.counted, self.mapping, self.types = counted, mapping, types
        self.params: dict[str, object] = {}
        self.unplaced: list[Unplaced] = []
        self.guessed: list[Guessed] = []

    def text(self, header: str) -> str:
        """A raw column as text (typed columns written as the upload's reader writes them)."""
        return as_text(self.types.get(header, "VARCHAR"), quote_ident(header))

    def number(self, header: str) -> str:
        """A raw column as a number (typed numbers as they are, text read as one)."""
        return as_number(self.types.get(header, "VARCHAR"), quote_ident(header))

    def mapped(self, i: int | str, header: str, role: str, sql_type: str) -> str:
        """A column's values through its value map, as `sql_type`."""
        counted = self.counted(header)
        value_map = self.mapping.value_map(role, [v for v, _ in counted])
        self.params[f"keys_{i}"] = ["" if raw is None else raw for raw, _ in counted]
        self.params[f"values_{i}"] = [_as_text(role, value_map.values[raw]) for raw, _ in counted]
        unplaced, guessed = set(value_map.unplaced), set(value_map.guessed)
        if unplaced:
            self.unplaced.append(Unplaced(header, role, tuple((raw, n) for raw, n in counted if raw in unplaced)))
        if guessed:
            self.guessed.append(Guessed(header, role, tuple(
                (raw, normalize.as_text(role, value_map.values[raw]), n) for raw, n in counted if raw in guessed)))
        return MAPPED.format(i=i, source=self.text(header), type=sql_type)

    def race(self, i: int, sql_type: str) -> list[str]:
        """race_ethnicity (the race column's value map, under the federal rule when flag columns are mapped) and
        race_list (every group each student reports)."""
        header = self.mapping.header_for("race_ethnicity")
        race = (self.mapped(i, header, "race_ethnicity", sql_type) if header
                else f"CAST('{normalize.NOT_REPORTED}' AS {sql_type})")
        flags = {role: self.mapped(role, h, role, "BOOLEAN") for role in RACE_FLAG_ROLES
                 if (h := self.mapping.header_for(role))}
        parts = self.parts(header) if header else None
        if not flags and not any(self.params.get("parts_values", ())):
            # No value names several races: each student's list is their one race (and building lists row by
            # row from parts would cost half of the whole statement).
            self.params.pop("parts_keys", None)
            self.params.pop("parts_values", None)
            return [f"{race} AS race_ethnicity", f"[CAST({race} AS VARCHAR)] AS race_list"]
        flagged = ", ".join(f"CASE WHEN coalesce({expr}, false) THEN '{normalize.RACE_FLAGS[role]}' END"
                            for role, expr in flags.items())
        named = f"coalesce({parts}, [CAST({race} AS VARCHAR)])" if header else "[]"
        reported = (f"list_distinct(list_filter(list_concat([{flagged}], {named}), "
                    f"lambda x: x IS NOT NULL AND x <> '{normalize.NOT_REPORTED}'))")
        if flags:
            races = {role: expr for role, expr in flags.items() if role != "hispanic"}
            count = " + ".join(f"coalesce(CAST({expr} AS INTEGER), 0)" for expr in races.values()) or "0"
            single = " ".join(f"WHEN coalesce({expr}, false) THEN '{normalize.RACE_FLAGS[role]}'"
                              for role, expr in races.items())
            race = FEDERAL.format(hispanic=flags.get("hispanic", "NULL"), count=count, single=single,
                                  race=f"coalesce(CAST({race} AS VARCHAR), '{normalize.NOT_REPORTED}')")
        return [f"{race} AS race_ethnicity", LISTED.format(reported=reported, race=race)]

    def parts(self, header: str) -> str:
        """The groups each raw value of the race column names when it names several (unless the person gave it
        another meaning than that reading), as a list; NULL for the rest."""
        raws = [raw for raw, _ in self.counted(header)]
        mapped = self.mapping.value_map("race_ethnicity", raws).values
        read = normalize.map_values("race_ethnicity", raws).values
        self.params["parts_keys"] = ["" if raw is None else raw for raw in raws]
        self.params["parts_values"] = [None if raw is None or mapped[raw] != read[raw]
                                       else "|".join(normalize.race_parts(raw)) or None for raw in raws]
        return PARTS.format(source=self.text(header))

    def report(self, rows: int) -> BuildReport:
        return BuildReport(rows, tuple(self.unplaced), tuple(self.guessed))


def build_students(con: duckdb.DuckDBPyConnection, source: str, mapping: Mapping) -> BuildReport:
    """(Re)create `students` from the raw table `source`, typed and normalised, and the query macros."""
    types = column_types(con, source)
    sql, params, build = students_sql(lambda header: column_values(con, source, header, MAX_DISTINCT, types[header]),
                                      source, mapping, types)
    con.execute(query("count_cell"))
    report = build.report(_create(con, sql, params))
    if not mapping.counts:
        return report
    counted = tuple(c.header for c in mapping.columns if c.role == "denominator" or c.kind == "count")
    return replace(report, suppressed=suppressed(con, source, counted), problems=count_problems(
        con, {c.name: c.header for c in mapping.outcomes() if c.kind == "count"}))


def restore_students(con: duckdb.DuckDBPyConnection, source: str, names: Sequence[str]) -> int:
    """(Re)create `students` from rows saved from it (equity.store.library) in table `source` with columns
    `names`: the canonical columns in their types (NULL of that type when absent), the others as saved."""
    columns = [f"CAST({quote_ident(c)} AS {t}) AS {quote_ident(c)}" if c in names
               else f"CAST(NULL AS {t}) AS {quote_ident(c)}" for c, t in CANONICAL.items()]
    columns += [quote_ident(c) for c in names if c not in CANONICAL]
    return _create(con, query("students", source=source, columns=Fragment(",\n    ".join(columns))), {})


def _create(con: duckdb.DuckDBPyConnection, sql: str, params: dict) -> int:
    """The one place `students` is made: its label types, the statement, the query macros; its row count."""
    define_types(con)
    con.execute(sql, params)
    define_macros(con)
    return con.execute(query("row_count", table="students")).fetchall()[0][0]


def define_types(con: duckdb.DuckDBPyConnection) -> None:
    """The label ENUM types that `students` and every cube use."""
    for name, labels in LABEL_TYPES.items():
        con.execute(query("label_type", type_name=name), {"labels": list(labels)})


def define_macros(con: duckdb.DuckDBPyConnection, macros: tuple[str, ...] = MACROS) -> None:
    """The query macros; a session whose cells were counted elsewhere has no students and needs CELL_MACROS."""
    for macro in macros:
        con.execute(query(macro))


def students_sql(counted: Counted, source: str, mapping: Mapping, types: dict[str, str] | None = None
                 ) -> tuple[str, dict, _Build]:
    """The statement creating `students` from the raw table `source` under `mapping`, its parameters, and the
    build (what its value maps reported). `counted` reads a raw column's values with their counts; `types`
    gives the raw columns' DuckDB types (none: all text)."""
    build = _Build(counted, mapping, types or {})
    expressions: list[str] = []
    by_role = {c.role: c for c in mapping.columns}
    for i, (column, sql_type) in enumerate(CANONICAL.items()):
        role = by_role.get(column)
        if column == "race_ethnicity":
            expressions += build.race(i, sql_type)
        elif column == "race_list":
            continue
        elif role is None:
            constant = mapping.term if column == "term" else ("Not reported" if column == "gender" else None)
            expressions.append(_fill(CONSTANT, i, column, sql_type))
            build.params[f"constant_{i}"] = constant
        elif column in TEXT_ROLES:
            expressions.append(TEXT.format(source=build.text(role.header), target=quote_ident(column)))
        else:
            expressions.append(f"{build.mapped(i, role.header, column, sql_type)} AS {quote_ident(column)}")
    if mapping.counts:      # each row is a cell of students: how many, beside the counts of its outcomes
        expressions.append(COUNT.format(source=build.text(mapping.header_for("denominator")), target="denominator"))
    for j, column in enumerate(mapping.outcomes(), start=len(CANONICAL)):
        expressions.append(_outcome(build, column, j))
    expressions += derived.expressions(mapping, build.types)
    return query("students", source=source, columns=Fragment(",\n    ".join(expressions))), build.params, build


def _fill(template: str, i: int, column: str, sql_type: str) -> str:
    return template.format(i=i, type=sql_type, target=quote_ident(column))


def _outcome(build: _Build, column, j) -> str:
    names = {"source": build.text(column.header), "target": quote_ident(column.name)}
    if column.kind == "numeric":
        return f"{build.number(column.header)} AS {names['target']}"
    if column.kind == "count":
        return COUNT.format(**names)
    if column.kind == "boolean":
        return f"{build.mapped(j, column.header, 'flag', 'BOOLEAN')} AS {names['target']}"
    build.params["excused"] = list(EXCUSED)
    return CATEGORY.format(**names)


def _as_text(role: str, value: object) -> str | None:
    """A canonical value as the text SQL casts: labels as they are, flags 'true'/'false', NULL for missing."""
    if value is None:
        return None
    return normalize.as_text(role, value)
