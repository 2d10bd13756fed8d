"""What every command of the command line shares: its data options, reading the file (or staging the Spark
table) and mapping it, the notices on stderr, --where, and the plain-text table and CSV writers. The commands
(equity.app.cli and the cohort, status and Spark commands) build on this module; it imports none of them."""

import argparse
import csv
import io
import sys
from dataclasses import replace
from pathlib import Path

import duckdb

from equity.data import dataset, derived, first_view
from equity.data.ingest import read_upload
from equity.data.mapping import ROLES, VALUE_ROLES, ColumnRole, Mapping, outcome_kind
from equity.data.students import BuildReport
from equity.model.cohorts import COHORT_DIMENSIONS
from equity.model.dimensions import COMBINED, DIMENSIONS, GAP_DIMENSIONS
from equity.model.filters import FILTER_NAMES, Filters
from equity.model.rules import Rule, default_rule
from equity.sources import spark
from equity.sources.cube import filter_options as options
from equity.stats.privacy import DEFAULT_MIN_N
from equity.stats.rule_check import nobody_meets
from equity.stats.trends import data_terms
from equity.words.messages import Text


class UsageError(ValueError):
    """A command-line request that cannot be met, worded for the person who typed it."""


def data_options(command: argparse.ArgumentParser, many: bool = False, outcome: bool = True) -> None:
    """The options every command shares: which file (or Spark table), which outcome (or outcomes, repeated, when
    `many`) and rule (none without `outcome`: a command that reads its own columns), n-size, mapping."""
    command.add_argument("file", type=Path, nargs="?")
    spark_options(command)
    command.add_argument("--sheet")
    if outcome:
        command.add_argument("--outcome", required=True, action="append" if many else "store",
                             help="the outcome column's header" + ("; repeat for several" if many else ""))
        command.add_argument("--threshold", type=float, help="rate of students at or above this value")
        command.add_argument("--categories", help="comma-separated categories that count as meeting the outcome")
    command.add_argument("--min-n", type=int, default=DEFAULT_MIN_N)
    command.add_argument("--min-days", type=int, default=10,
                         help="days enrolled a student needs to count for chronic absence (--outcome "
                              "chronically_absent, worked out from days enrolled and absent): the federal rule's 10")
    command.add_argument("--map", action="append", default=[], metavar="ROLE=HEADER")
    command.add_argument("--value", action="append", nargs=3, default=[], metavar=("ROLE", "RAW", "CANONICAL"),
                         help="map one raw value of a role's column to a canonical value, overriding any guess, "
                              "e.g. --value race BL7 'Black or African American' or --value low_income 3 true; "
                              "repeat for several")
    command.add_argument("--where", action="append", default=[], metavar="DIMENSION=VALUE[,VALUE...]",
                         help="keep only these students, as the sidebar filters do: values of one option are "
                              "OR-ed, options AND-ed; repeatable, e.g. --where low_income=true --where term=2024-25. "
                              "A group that a view with filters fewer would give away by subtraction is hidden")


def load(args: argparse.Namespace) -> tuple[duckdb.DuckDBPyConnection, dataset.Staged, Mapping, ColumnRole, Rule]:
    """Read the file (or profile the Spark table), map its columns (automatically, then --map) and choose the
    outcome and its rule."""
    con = dataset.connect()
    staged = stage_spark(args) if spark_wanted(args) else stage_file(con, args)
    mapping = apply_values(apply_overrides(staged.proposal, args.map, staged), args.value)
    if getattr(args, "cohort", None):       # the risk command has no cohorts
        mapping = cohort_mapping(mapping, staged, args.cohort, args.outcome)
    if _derived_chronic(staged, args.outcome):
        return con, staged, chronic_mapping(mapping, args.min_days), derived.CHRONIC, Rule("boolean")
    distance = _derived_distance(mapping, staged, args.outcome)
    if distance:
        rule = Rule("mean") if args.threshold is None else Rule("threshold", threshold=args.threshold)
        return con, staged, *distance, rule
    mapping, column = choose_outcome(mapping, staged, args.outcome,
                                     0.0 if args.categories and mapping.counts else args.threshold)
    profile = next(p for p in staged.profiles if p.header == column.header)
    rule = default_rule(column.kind, profile.distinct, args.threshold)
    if args.categories:
        rule = Rule("categories", categories=tuple(c.strip() for c in args.categories.split(",")))
    return con, staged, mapping, column, rule


def load_rows(args: argparse.Namespace, what: str) -> tuple[duckdb.DuckDBPyConnection, Mapping, dataset.Staged]:
    """For a command that reads each student's row (`what` says what it does, for the error): the file read and
    mapped (automatically, then --map and --value) and its students built, noted on stderr as every command does."""
    if spark_wanted(args):
        raise UsageError(f"{what}, which needs the student rows of a file: give FILE.")
    con = dataset.connect()
    staged = stage_file(con, args)
    mapping = apply_values(apply_overrides(staged.proposal, args.map, staged), args.value)
    if mapping.counts:
        raise UsageError(f"{what}, which needs a file of student rows; this one holds published counts.")
    mapping = replace(mapping, min_days=args.min_days)
    activate(con, staged, mapping, (args.by,))
    return con, mapping, staged


def term_chosen(con: duckdb.DuckDBPyConnection, chosen: Filters, term: str | None) -> str | None:
    """--term checked against the terms the data and --where keep; the latest of them when not given (None for
    a file without terms)."""
    terms = data_terms(con, chosen)
    if term and term not in terms:
        raise UsageError(f"--term {term}: no such term among {listed(terms)}.")
    return term or (terms[-1] if terms else None)


def stage_file(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> dataset.Staged:
    if args.file is None:
        raise UsageError("give FILE, or --spark URL and --table NAME for a Spark table.")
    try:
        data = args.file.read_bytes()
    except OSError as problem:
        raise UsageError(f"cannot read '{args.file}': {problem.strerror or problem}.") from None
    return dataset.stage(con, read_upload(data, args.file.name, args.sheet))


def _derived_chronic(staged: dataset.Staged, outcome: str) -> bool:
    """--outcome names chronic absence worked out from days enrolled and absent (the file has no such column)."""
    wanted = outcome.strip().casefold()
    return wanted in (derived.CHRONIC.name, derived.CHRONIC.header.casefold()) and \
        all(p.header != outcome for p in staged.profiles)


def _derived_distance(mapping: Mapping, staged: dataset.Staged, outcome: str) -> tuple[Mapping, ColumnRole] | None:
    """--outcome names a scale score's distance from standard (by its name or its header, e.g. 'ELA Scale Score:
    distance from standard'): the mapping with that score as the outcome, and the derived column."""
    wanted = outcome.strip().casefold()
    if any(p.header == outcome for p in staged.profiles):
        return None
    for score, _ in derived.score_columns(mapping):
        found = next((c for c in derived.outcomes(mapping) if c.name == score.name + derived.DISTANCE), None)
        if found and wanted in (found.name, found.header.casefold()):
            mapping, _ = choose_outcome(mapping, staged, score.header, None)
            return mapping, found
    return None


def chronic_mapping(mapping: Mapping, min_days: int) -> Mapping:
    """The mapping with chronic absence as the only outcome, counted under --min-days."""
    for other in mapping.outcomes():
        if other.role == "outcome":
            mapping = mapping.with_role(other.header, "ignore")
    mapping = replace(mapping, min_days=min_days)
    if not derived.has_chronic(mapping):
        raise UsageError("chronic absence needs a days-enrolled column and a days-absent (or days-present) column; "
                         "mark them with --map days_enrolled=HEADER --map days_absent=HEADER.")
    return mapping


def activate(con: duckdb.DuckDBPyConnection, staged: dataset.Staged, mapping: Mapping, by: tuple[str, ...] = (),
             quiet: bool = False) -> dataset.Dataset:
    """Build the students table (or, for a Spark table, count its cells there), first saying on stderr (unless
    `quiet`) which values were guessed or left unplaced, and which of the dimensions `by` the file has no column
    for."""
    if isinstance(staged, spark.SparkStaged):
        if COMBINED in by:
            raise UsageError(f"--by {COMBINED} counts each student once per race reported, which needs the student "
                             "rows of a file; on Spark use --by race.")
        data = spark.activate(con, staged, mapping)
    else:
        data = dataset.activate(con, staged, mapping)
    if quiet:
        return data
    layout = [f"note: {n}" for n in staged.upload.notes if getattr(n, "key", "").startswith("counts.")]
    for line in [*layout, *value_notices(data.report), *suppressed_notices(data.report),
                 *dimension_notices(mapping, by)]:
        print(line, file=sys.stderr)
    return data


def dimension_notices(mapping: Mapping, by: tuple[str, ...]) -> list[str]:
    """A dimension with no column in the file gives one 'Not reported' group: said, with the ones it has."""
    has = first_view.dimensions(mapping)
    return [f"note: the file has no column for {by_name} (every student is Not reported); map one with "
            f"--map {DIMENSIONS[by_name].column}=HEADER. Dimensions it has: {', '.join(has) or 'none'}."
            for by_name in dict.fromkeys(by) if by_name in GAP_DIMENSIONS and by_name not in has]


def suppressed_notices(report: BuildReport) -> list[str]:
    """Cells of published counts that cannot be right, and one line per column with suppressed cells: they are
    unknown, never zero."""
    problems = [Text(f"counts.problem.{p.kind}", cells=f"{p.cells:,}", header=p.header, examples="; ".join(p.examples))
                for p in report.problems]
    totals = [Text("counts.totals", names=", ".join(report.totals))] if report.totals else []
    return [*(f"note: {problem}" for problem in [*totals, *problems]),
            *(f"note: suppressed cells of '{s.header}', read as unknown (never as zero): "
              f"{', '.join(f'{raw} x {n:,}' for raw, n in s.values)}." for s in report.suppressed)]


def value_notices(report: BuildReport) -> list[str]:
    """One line per column whose values were guessed from a code convention or could not be placed."""
    columns = dict.fromkeys((u.header, u.role) for u in (*report.guessed, *report.unplaced))
    guessed = {(g.header, g.role): g.values for g in report.guessed}
    unplaced = {(u.header, u.role): u.values for u in report.unplaced}
    lines = []
    for header, role in columns:
        name = ROLE_NAMES.get(role, role)
        parts = [f"guessed from common codes: {', '.join(f'{raw} = {c}' for raw, c, _ in guessed[header, role])}"
                 ] if (header, role) in guessed else []
        if (header, role) in unplaced:
            parts.append(f"not placed (read as Not reported): {', '.join(raw for raw, _ in unplaced[header, role])}")
        hint = f" Set them with --value {name} RAW CANONICAL." if role in VALUE_ROLES else ""
        lines.append(f"note: values of '{header}' ({name}): {'; '.join(parts)}.{hint}")
    return lines


def where(con: duckdb.DuckDBPyConnection, items: list[str], table: str | None = None) -> Filters:
    """The --where options as sidebar filters, each value checked against the values the data (its students, or
    a cube's `table`) has."""
    chosen: dict[str, tuple[str, ...]] = {}
    offered = options(con, table) if items else {}
    for item in items:
        name, _, values = item.partition("=")
        name = name.strip()
        if name not in offered or not values.strip():
            raise UsageError(f"--where needs DIMENSION=VALUE[,VALUE...] with DIMENSION one of "
                             f"{', '.join(offered or FILTER_NAMES)}; got '{item}'.")
        for value in (v.strip() for v in values.split(",")):
            match = next((o for o in offered[name] if o.casefold() == value.casefold()), None)
            if match is None:
                raise UsageError(f"--where {name}: no value '{value}' in the data; its values are "
                                 f"{listed(offered[name])}.")
            chosen[name] = (*chosen.get(name, ()), match)
    return Filters(**{name: tuple(dict.fromkeys(values)) for name, values in chosen.items()})


def cohort_mapping(mapping: Mapping, staged: dataset.Staged, header: str, outcome: str) -> Mapping:
    """The mapping with the --cohort column as a term, unless it already is the term, school or grade."""
    if header not in {p.header for p in staged.profiles}:
        raise UsageError(f"--cohort: no column '{header}' in the file; its columns are "
                         f"{listed(p.header for p in staged.profiles)}.")
    if header == outcome:
        raise UsageError(f"--cohort: '{header}' is the outcome; name the column that says which cohort a student "
                         "is in (an entering year, a term, a school or a grade).")
    return mapping if cohort_dimension(mapping, header) else mapping.with_role(header, "term")


def cohort_dimension(mapping: Mapping, header: str) -> str | None:
    """The dimension (term, school or grade) the cohort column is mapped to, or None."""
    role = next((c.role for c in mapping.columns if c.header == header), None)
    return role if role in COHORT_DIMENSIONS else None


def reference_group(keys: dict[str, object], compare: str) -> object:
    """The group --compare names, among the groups' keys as text."""
    if compare not in keys:
        raise UsageError(f"--compare must be 'others' or one of the groups: {listed(keys)}; got '{compare}'.")
    return keys[compare]


def warn_if_nobody_meets(con: duckdb.DuckDBPyConnection, column: ColumnRole, rule: Rule) -> None:
    """A rule no student meets (a category nobody has, a threshold above every value) is said on stderr."""
    problem = nobody_meets(con, column.name, rule, column.header)
    if problem:
        print(f"note: {problem}", file=sys.stderr)


def apply_overrides(mapping: Mapping, overrides: list[str], staged: dataset.Staged) -> Mapping:
    headers = {p.header for p in staged.profiles}
    for item in overrides:
        role, _, header = item.partition("=")
        if role not in ROLES or not header:
            raise UsageError(f"--map needs ROLE=HEADER with ROLE one of {', '.join(ROLES)}; got '{item}'.")
        if header not in headers:
            raise UsageError(f"--map: no column '{header}' in the file; its columns are {listed(headers)}.")
        profile = next(p for p in staged.profiles if p.header == header)
        mapping = mapping.with_role(header, role, outcome_kind(profile) if role == "outcome" else "")
    return mapping


ROLE_NAMES = {"race_ethnicity": "race"}    # what --value calls a role, as --by calls its dimension


def apply_values(mapping: Mapping, values: list[list[str]]) -> Mapping:
    """The value map given with --value ROLE RAW CANONICAL; it is checked against the file when the students
    table is built (dataset.check_values), so a bad one changes nothing."""
    roles = {ROLE_NAMES.get(role, role): role for role in VALUE_ROLES}
    for name, raw, canonical in values:
        role = roles.get(name, name)
        if role not in VALUE_ROLES:
            raise UsageError(f"--value needs ROLE RAW CANONICAL with ROLE one of {', '.join(roles)}; got '{name}'.")
        mapping = mapping.with_values(role, {raw: canonical})
    return mapping


def choose_outcome(mapping: Mapping, staged: dataset.Staged, header: str, threshold: float | None):
    """Make `header` an outcome (numeric when a threshold is given) and return it."""
    profile = next((p for p in staged.profiles if p.header == header), None)
    if profile is None:
        raise UsageError(f"no column '{header}' in the file; its columns are "
                         f"{listed(p.header for p in staged.profiles)}.")
    if mapping.counts and threshold is not None:
        raise UsageError(f"'{header}' is a count of students in a file of published counts: its rate is the count "
                         "over the students in the group, so --threshold and --categories do not apply.")
    kind = "count" if mapping.counts else \
        "numeric" if threshold is not None else (outcome_kind(profile) or "category")
    problem = dataset.outcome_problem(profile, kind)
    if problem:
        raise UsageError(problem)
    mapping = mapping.with_role(header, "outcome", kind)
    # Only the chosen outcome matters here: other outcome columns are not checked or built.
    for other in mapping.outcomes():
        if other.header != header:
            mapping = mapping.with_role(other.header, "ignore")
    return mapping, mapping.outcome(header)


def listed(headers) -> str:
    names = [f"'{h}'" for h in headers]
    return ", ".join(names[:12]) + (" …" if len(names) > 12 else "")


def csv_text(rows: list[list]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def aligned(rows: list[list]) -> list[str]:
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]


def spark_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--spark", metavar="URL",
                         help="read the students from a Spark table through Spark Connect instead of FILE: "
                              "sc://host:15002, or local[2] to start a local server (needs Java 17); a token for "
                              f"the cluster is read from ${spark.TOKEN}. Only counted cells leave Spark")
    command.add_argument("--table", metavar="NAME",
                         help="the Spark table of student rows, e.g. catalog.schema.students or "
                              "parquet.`/data/students.parquet`")


def spark_wanted(args: argparse.Namespace) -> bool:
    if not (getattr(args, "spark", None) or getattr(args, "table", None)):
        return False
    if not (args.spark and args.table) or args.file is not None:
        raise UsageError("give FILE, or --spark URL and --table NAME instead of it, not both.")
    return True


def stage_spark(args: argparse.Namespace) -> spark.SparkStaged:
    """Connect, read the table's columns and profile them from counts, and propose a mapping."""
    return spark.stage(args.spark, args.table, (args.outcome,))
