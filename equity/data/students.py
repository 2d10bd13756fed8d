"""Build the typed `students` table from a raw upload and its confirmed mapping.

Normalisation runs here, once per upload or mapping change, never per click: each demographic column's
distinct values are mapped in Python (a few dozen), and SQL applies that lookup to every row.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import duckdb
import pyarrow as pa

from equity.data import derived, normalize
from equity.data.codes import Codes, values_of, with_codes
from equity.data.count_layouts import (
    TOTALS,
    CountProblem,
    Suppressed,
    count_problems,
    has_totals,
    level_totals,
    set_totals_aside,
    suppressed,
)
from equity.data.mapping import RACE_FLAG_ROLES, Mapping
from equity.data.profile import EXCUSED, ColumnProfile, as_number, as_text, column_types, column_values
from equity.data.sql import Fragment, query, sql_name
from equity.sources import counts

TEXT_ROLES = ("student_id", "term", "school")
CANONICAL = {  # every canonical column and its SQL type; absent roles are NULL of that type (race_list is NULL
    # where the file names one race a student: race_ethnicity alone, as queries/cells/combined_stats.sql reads it)
    "student_id": "VARCHAR", "term": "VARCHAR", "school": "VARCHAR", "grade": "VARCHAR",
    "race_ethnicity": "race_label", "race_list": "VARCHAR[]", "low_income": "BOOLEAN", "english_learner": "BOOLEAN",
    "special_ed": "BOOLEAN", "section_504": "BOOLEAN", "gender": "gender_label",
}
LABEL_TYPES = {  # ENUM types: a filter change groups and compares small integers, not text
    "race_label": (*normalize.RACE_LABELS, normalize.NOT_REPORTED),
    "gender_label": (*normalize.GENDER_LABELS, normalize.NOT_REPORTED),
}
MAX_DISTINCT = 100_000
CODED = "raw_coded"     # the upload's table with its columns of codes beside, while `students` is built from it
SAVED_TOTAL = "count_total"     # marks the saved total rows of published counts (saved_rows)
BOOKKEEPING = ("described", "denominator", SAVED_TOTAL)     # columns of counts that are no outcome
DESCRIBED = tuple(c for c in CANONICAL if c not in (*TEXT_ROLES, "race_list"))    # the dimensions a cell can describe
CELL_MACROS = ("students/keep_filters", "students/chosen")     # query macros a cube's cells need
MACROS = (*CELL_MACROS, "students/filtered_students", "students/score",
          "warning/macros")   # defined beside every `students`

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
    totals: tuple[str, ...] = ()                # total rows (a district's, a state's) set aside as the comparison


Counted = Callable[[str], tuple[tuple[str | None, int], ...]]   # a raw column's values with their row counts


class _Build:
    """The expressions and bound lookups of one `students` table, and what the value maps reported.
    `counted` reads a raw column's distinct values wherever the rows are (DuckDB here, Spark elsewhere);
    `types` gives the raw columns' types where some are typed (a Parquet file's), else all are text; `codes`
    the columns read by their dictionary codes (equity.data.codes), each worked out once per distinct value."""

    def __init__(self, counted: Counted, mapping: Mapping, types: dict[str, str], codes: dict[str, Codes]):
        self.counted, self.mapping, self.types, self.codes = counted, mapping, types, codes
        self.params: dict[str, object] = {}
        self.unplaced: list[Unplaced] = []
        self.guessed: list[Guessed] = []
        self.lookups = 0        # value maps bound so far: the next one's parameters are $keys_N, $values_N

    def text(self, header: str) -> Fragment:
        """A raw column as text (typed columns written as the upload's reader writes them)."""
        return as_text(self.types.get(header, "VARCHAR"), header)

    def number(self, header: str) -> Fragment:
        """A raw column as a number (typed numbers as they are, text read as one: once per value where it has
        codes)."""
        if header in self.codes:
            return self.per_value(header, lambda text: as_number("VARCHAR", text))
        return as_number(self.types.get(header, "VARCHAR"), header)

    def per_value(self, header: str, of: Callable[[Fragment], Fragment]) -> Fragment:
        """`of` a raw column's text (a function making SQL from SQL): on each row's text, or for a column with
        codes once per distinct value, each row taking its value by its code."""
        codes = self.codes.get(header)
        if codes is None:
            return of(self.text(header))
        i = list(self.codes).index(header)
        self.params[f"dictionary_{i}"] = [*codes.dictionary, None]
        return query("columns/by_code", i=i, value="value", each=of(query("values/column", value="value")),
                     code=codes.column, missing=len(codes.dictionary))

    def mapped(self, header: str, role: str, type_name: str) -> Fragment:
        """A column's values through its value map, as `type_name`."""
        return self.per_value(header, self.lookup(header, role, type_name))

    def lookup(self, header: str, role: str, type_name: str) -> Callable[[Fragment], Fragment]:
        """A column's value map, bound: the SQL that reads a raw value (as text) through it, as `type_name`."""
        counted = self.counted(header)
        value_map = self.mapping.value_map(role, [v for v, _ in counted])
        i = self.lookups
        self.lookups += 1
        self.params[f"keys_{i}"] = ["" if raw is None else raw for raw, _ in counted]
        self.params[f"values_{i}"] = [_as_text(role, value_map.values[raw]) for raw, _ in counted]
        unplaced, guessed = set(value_map.unplaced), set(value_map.guessed)
        if unplaced:
            self.unplaced.append(Unplaced(header, role, tuple((raw, n) for raw, n in counted if raw in unplaced)))
        if guessed:
            self.guessed.append(Guessed(header, role, tuple(
                (raw, normalize.as_text(role, value_map.values[raw]), n) for raw, n in counted if raw in guessed)))
        return lambda text: query("columns/mapped", i=i, source=text, type=sql_name(type_name))

    def race(self, type_name: str) -> list[Fragment]:
        """race_ethnicity (the race column's value map, under the federal rule when flag columns are mapped) and
        race_list (every group each student reports)."""
        header = self.mapping.header_for("race_ethnicity")
        if header:
            race_of = self.lookup(header, "race_ethnicity", type_name)
            race = self.per_value(header, race_of)
        else:
            race = self.not_reported(query("columns/not_reported", type=sql_name(type_name)))
        flags = {role: self.mapped(h, role, "BOOLEAN") for role in RACE_FLAG_ROLES
                 if (h := self.mapping.header_for(role))}
        parts_of = self.parts(header) if header else None
        if not flags and not any(self.params.get("parts_values", ())):
            # No value names several races: race_list is NULL, each student's one race (race_ethnicity) being what
            # views of races alone or in combination read then; a list a row would take a third of the table's
            # memory and of the time to build it.
            self.params.pop("parts_keys", None)
            self.params.pop("parts_values", None)
            return [query("columns/as", value=race, target="race_ethnicity"),
                    query("columns/as", value=query("values/null_of", type=sql_name("VARCHAR[]")),
                          target="race_list")]
        flagged = {role: self.flagged(k, role, expr) for k, (role, expr) in enumerate(flags.items())}

        def reported(named: Fragment) -> Fragment:
            return self.not_reported(query("columns/race_reported", flagged=list(flagged.values()), named=named))

        def named(text: Fragment) -> Fragment:
            return query("columns/race_named", parts=parts_of(text), race=race_of(text))

        if not flags:   # the list is the race column's alone: once per value
            listed = self.per_value(header, lambda text: query("columns/race_list", reported=reported(named(text)),
                                                               race=race_of(text)))
            return [query("columns/as", value=race, target="race_ethnicity"),
                    query("columns/as", value=listed, target="race_list")]
        listed = reported(self.per_value(header, named) if header else query("columns/race_alone", race=race))
        self.params |= {"hispanic": normalize.HISPANIC, "two_or_more": normalize.TWO_OR_MORE}
        race = query("columns/race_federal", hispanic=flags.get("hispanic", query("columns/nothing")), race=race,
                     flagged=[expr for role, expr in flagged.items() if role != "hispanic"] or
                     query("columns/nothing"))
        return [query("columns/as", value=race, target="race_ethnicity"),
                query("columns/as", value=query("columns/race_list", reported=listed, race=race), target="race_list")]

    def flagged(self, k: int, role: str, flag: Fragment) -> Fragment:
        """The group a race flag names, where it is set."""
        self.params[f"race_flag_{k}"] = normalize.RACE_FLAGS[role]
        return query("columns/race_flagged", i=k, flag=flag)

    def not_reported(self, sql: Fragment) -> Fragment:
        """`sql`, which names $not_reported: bound."""
        self.params["not_reported"] = normalize.NOT_REPORTED
        return sql

    def parts(self, header: str) -> Callable[[Fragment], Fragment]:
        """The groups each raw value of the race column names when it names several (unless the person gave it
        another meaning than that reading): the SQL reading them from a raw value (as text), as a list; NULL for
        the rest."""
        raws = [raw for raw, _ in self.counted(header)]
        mapped = self.mapping.value_map("race_ethnicity", raws).values
        read = normalize.map_values("race_ethnicity", raws).values
        self.params["parts_keys"] = ["" if raw is None else raw for raw in raws]
        self.params["parts_values"] = [None if raw is None or mapped[raw] != read[raw]
                                       else "|".join(normalize.race_parts(raw)) or None for raw in raws]
        return lambda text: query("columns/race_parts", source=text)

    def report(self, rows: int) -> BuildReport:
        return BuildReport(rows, tuple(self.unplaced), tuple(self.guessed))


def build_students(con: duckdb.DuckDBPyConnection, source: str, mapping: Mapping, table: pa.Table | None = None,
                   profiles: Sequence[ColumnProfile] = ()) -> BuildReport:
    """(Re)create `students` from the raw table `source`, typed and normalised, and the query macros. `table`:
    the Arrow table `source` shows, when it is one; its dictionary-encoded columns are read by their codes.
    `profiles`: those of `source`'s columns, whose values are not counted again where they hold them all."""
    types = column_types(con, source)
    coded, codes = with_codes(table, [c.header for c in mapping.columns]) if table is not None else (None, {})
    known = {p.header: p.every for p in profiles if p.every is not None}

    def values(header: str) -> tuple[tuple[str | None, int], ...]:
        if header in known:
            return known[header]
        if header in codes:
            return values_of(coded, codes[header], MAX_DISTINCT)
        return column_values(con, source, header, MAX_DISTINCT, types[header])

    if codes:
        con.register(CODED, coded)
    try:
        sql, params, build = students_sql(values, CODED if codes else source, mapping, types, codes)
        con.execute(query("counts/cell"))
        report = build.report(_create(con, sql, params))
    finally:
        if codes:
            con.unregister(CODED)
    if not mapping.counts:
        return report
    counted = tuple(c.header for c in mapping.columns if c.role == "denominator" or c.kind == "count")
    _other_sides(con, [c.name for c in mapping.outcomes() if c.kind == "count"])
    totals = set_totals_aside(con, level_totals(con, source, tuple(types), mapping.header_for("school")))
    rows = con.execute(query("tables/row_count", table="students")).fetchall()[0][0]
    return replace(report, rows=rows, totals=totals, suppressed=suppressed(con, source, counted),
                   problems=count_problems(con, {c.name: c.header for c in mapping.outcomes() if c.kind == "count"}))


def saved_rows(con: duckdb.DuckDBPyConnection) -> str:
    """The statement reading every row to save: `students`, and the total rows of published counts set aside at
    load, marked SAVED_TOTAL (restore_students sets them aside again)."""
    return query("counts/saved_rows") if has_totals(con) else query("console/all_rows", table="students")


def _other_sides(con: duckdb.DuckDBPyConnection, outcomes: list[str]) -> None:
    """A report card that lists a yes/no group on its yes side only ('Economically Disadvantaged', 'Students with
    Disabilities') beside each school's all students: the other side is all students less the yes side, so a
    gap by income compares the two, not the group with itself (queries/counts/other_side.sql)."""
    for flag in normalize.FLAG_ROLES:
        if flag in DESCRIBED and con.execute(query("counts/one_side", flag=flag), {"described": flag}).fetchall()[0][0]:
            con.execute(query("counts/other_side", flag=flag, outcomes=[query("counts/less", outcome=o)
                                                                        for o in outcomes]), {"described": flag})


def restore_students(con: duckdb.DuckDBPyConnection, source: str, names: Sequence[str]) -> int:
    """(Re)create `students` from rows saved from it (equity.store.library) in table `source` with columns
    `names`: the canonical columns in their types (NULL of that type when absent), the others as saved; saved
    total rows (SAVED_TOTAL) set aside into `count_totals` as at load."""
    columns = [query("columns/as", target=c, value=query("values/cast", value=c, type=sql_name(t)) if c in names
                     else query("values/null_of", type=sql_name(t))) for c, t in CANONICAL.items()]
    columns += [c for c in names if c not in CANONICAL]
    con.execute(query("tables/drop_table", table=TOTALS))     # an earlier file's totals are not these rows'
    rows = _create(con, query("students/students", source=source, columns=columns), {})
    if SAVED_TOTAL not in names:
        return rows
    con.execute(query("counts/restore_totals"))
    return con.execute(query("tables/row_count", table="students")).fetchall()[0][0]


def _create(con: duckdb.DuckDBPyConnection, sql: str, params: dict) -> int:
    """The one place `students` is made: its label types, the statement, the query macros; its row count."""
    define_types(con)
    con.execute(sql, params)
    counts.note_students(con)
    define_macros(con)
    return con.execute(query("tables/row_count", table="students")).fetchall()[0][0]


def define_types(con: duckdb.DuckDBPyConnection) -> None:
    """The label ENUM types that `students` and every cube use."""
    for name, labels in LABEL_TYPES.items():
        con.execute(query("students/label_type", type_name=name), {"labels": list(labels)})


def define_macros(con: duckdb.DuckDBPyConnection, macros: tuple[str, ...] = MACROS) -> None:
    """The query macros; a session whose cells were counted elsewhere has no students and needs CELL_MACROS."""
    for macro in macros:
        con.execute(query(macro))


def students_sql(counted: Counted, source: str, mapping: Mapping, types: dict[str, str] | None = None,
                 codes: dict[str, Codes] | None = None) -> tuple[str, dict, _Build]:
    """The statement creating `students` from the raw table `source` under `mapping`, its parameters, and the
    build (what its value maps reported). `counted` reads a raw column's values with their counts; `types`
    gives the raw columns' DuckDB types (none: all text); `codes` the columns of `source` read by their codes."""
    build = _Build(counted, mapping, types or {}, codes or {})
    expressions: list[Fragment] = []
    by_role = {c.role: c for c in mapping.columns}
    for i, (column, type_name) in enumerate(CANONICAL.items()):
        role = by_role.get(column)
        if column == "race_ethnicity":
            expressions += build.race(type_name)
        elif column == "race_list":
            continue
        elif role is None:
            constant = mapping.term if column == "term" else ("Not reported" if column == "gender" else None)
            expressions.append(query("columns/constant", i=i, type=sql_name(type_name), target=column))
            build.params[f"constant_{i}"] = constant
        elif column in TEXT_ROLES:
            tidy = build.per_value(role.header, lambda text: query("columns/tidy", source=text))
            expressions.append(query("columns/as", value=tidy, target=column))
        else:
            expressions.append(query("columns/as", value=build.mapped(role.header, column, type_name), target=column))
    if mapping.counts:      # each row is a cell of students: how many and which, beside the counts of its outcomes
        expressions.append(query("columns/count", source=build.text(mapping.header_for("denominator")),
                                 target="denominator"))
        expressions.append(_described(build, by_role))
    expressions += [_outcome(build, column) for column in mapping.outcomes()]
    found, params = derived.expressions(mapping, build.types)
    build.params |= params
    expressions += found
    return query("students/students", source=source, columns=expressions), build.params, build


def _described(build: _Build, by_role: dict) -> Fragment:
    """Which dimensions each row of counts describes (queries/counts/described.sql)."""
    filled = []
    for role in DESCRIBED:
        if role in by_role:
            build.params[f"described_{len(filled)}"] = role
            filled.append(query("counts/filled", i=len(filled), source=build.text(by_role[role].header)))
    return query("counts/described", filled=filled)


def _outcome(build: _Build, column) -> Fragment:
    if column.kind == "numeric":
        return query("columns/as", value=build.number(column.header), target=column.name)
    if column.kind == "count":
        return query("columns/count", source=build.text(column.header), target=column.name)
    if column.kind == "boolean":
        return query("columns/as", value=build.mapped(column.header, "flag", "BOOLEAN"), target=column.name)
    build.params["excused"] = list(EXCUSED)
    category = build.per_value(column.header, lambda text: query("columns/category", source=text))
    return query("columns/as", value=category, target=column.name)


def _as_text(role: str, value: object) -> str | None:
    """A canonical value as the text SQL casts: labels as they are, flags 'true'/'false', NULL for missing."""
    if value is None:
        return None
    return normalize.as_text(role, value)
