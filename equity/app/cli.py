"""The command line: the same figures as the app, for scripts and analysts.

    python -m equity gaps FILE [--sheet NAME] --outcome COLUMN [--threshold X] [--by DIMENSION]
                               [--compare all|others|GROUP] [--min-n N] [--map ROLE=HEADER ...]
                               [--value ROLE RAW CANONICAL ...] [--where DIMENSION=VALUE[,VALUE...] ...]
                               [--format table|csv|json] [--flag newcombe|ppg|pi|80] [--top-bottom-code]
    python -m equity risk FILE [--sheet NAME] --outcome COLUMN [--threshold X | --categories A,B] --by DIMENSION
                              [--compare others|GROUP] [--cell-size N] [--n-size N] [--flag-above R]
                              [--min-n N] [--map ROLE=HEADER ...] [--value ROLE RAW CANONICAL ...]
                              [--where DIMENSION=VALUE[,VALUE...] ...] [--format table|csv|json]
    python -m equity report FILE --out report.html|report.pdf|report.pptx --outcome COLUMN [--threshold X]
                            [--categories A,B] [--by DIMENSION ...] [--cross DIMENSION,DIMENSION ...]
                            [--compare all|others|GROUP] [--min-n N] [--map ROLE=HEADER ...]
                            [--title TEXT] [--notes TEXT] [--lang en|es] [--top-bottom-code]
    python -m equity cohort …   (equity.app.cohort_cli)   python -m equity status …   (equity.app.status_cli)
    python -m equity warning …  (equity.app.warning_cli)   python -m equity ontrack …  (equity.app.ontrack_cli)

Values guessed from a code convention or left unplaced are announced on stderr, one line per column, before
the figures. Errors print one line a person can act on to stderr and exit with status 2.
"""

import argparse
import csv
import functools
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb

from equity.app import cohort_cli, ontrack_cli, status_cli, warning_cli
from equity.app.cli_options import (
    UsageError,
    activate,
    aligned,
    cohort_dimension,
    csv_text,
    data_options,
    listed,
    load,
    reference_group,
    warn_if_nobody_meets,
    where,
)
from equity.data import dataset, derived
from equity.data.ingest import IngestError
from equity.model.cohorts import cohort_filters, cohort_values
from equity.model.dimensions import GAP_DIMENSIONS
from equity.model.filters import Filters
from equity.model.groups import Grouping
from equity.model.rules import Rule
from equity.sources import cube as cubes
from equity.sources.cells import key_text
from equity.sources.cube import filter_options as options
from equity.sources.spark import SparkError
from equity.stats.disproportionality import (
    CELL_SIZE,
    HIDDEN,
    N_SIZE,
    OTHERS,
    THRESHOLD,
    TOO_FEW,
    Disproportionality,
    Settings,
    disproportionality,
)
from equity.stats.gap_flag_settings import COMPARE, DEFAULTS, HPG, FlagSettings, fixed_rate
from equity.stats.gap_flags import Flag, Flags, GroupFlag, flag
from equity.stats.grouped import stats
from equity.stats.metrics import COMPARE_ALL, COMPARE_OTHERS, Breakdown, GroupResult, breakdown
from equity.stats.privacy import BOTTOM_CODE, CODING_BELOW_N, TOP_CODE, coded_text
from equity.words.i18n import LANGUAGES, t
from equity.words.labels import hidden_note
from equity.words.numbers import decimal
from equity.words.reader import DEFAULT, reading
from equity.words.summary import flag_sentence


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m equity", description="Equity gaps from a spreadsheet.")
    commands = top.add_subparsers(dest="command", required=True)
    gaps = commands.add_parser("gaps", help="an outcome by group, with gaps and 95%% intervals")
    data_options(gaps)
    gaps.add_argument("--by", default="race", choices=GAP_DIMENSIONS)
    gaps.add_argument("--format", default="table", choices=("table", "csv", "json"))
    _each_option(gaps)
    _gap_options(gaps)
    risk = commands.add_parser("risk", help="risk ratios as IDEA defines them, for discipline or identification")
    data_options(risk)
    risk.add_argument("--by", required=True, choices=GAP_DIMENSIONS)
    risk.add_argument("--compare", default=OTHERS, help="others (all other students, the default) or a group's key")
    risk.add_argument("--cell-size", type=int, default=CELL_SIZE,
                      help="fewest students with the outcome, in a group and in its comparison, for a ratio")
    risk.add_argument("--n-size", type=int, default=N_SIZE,
                      help="fewest students, in a group and in its comparison, for a ratio; below it a group is hidden")
    risk.add_argument("--flag-above", type=float, default=THRESHOLD, help="flag a risk ratio above this")
    risk.add_argument("--format", default="table", choices=("table", "csv", "json"))
    _each_option(risk)
    report = commands.add_parser("report", help="the same figures as a report: HTML, PDF or slides")
    data_options(report)
    _gap_options(report)
    report.add_argument("--out", required=True, type=Path,
                        help="the file to write: .html, .pdf or .pptx; with --each, a folder for one HTML report "
                             "per value, or a file name each report's is made from (report.pdf: report-<school>.pdf)")
    _each_option(report)
    report.add_argument("--by", action="append", choices=GAP_DIMENSIONS,
                        help="a dimension to show gaps by; repeat for several (default: race)")
    report.add_argument("--cross", action="append", default=[], metavar="DIMENSION,DIMENSION",
                        help="two dimensions to cross, e.g. race,low_income; repeat for several")
    report.add_argument("--title", default="")
    report.add_argument("--notes", default="", help="a paragraph printed under the title")
    report.add_argument("--lang", default="en", choices=tuple(LANGUAGES))
    cohort_cli.add_command(commands)
    status_cli.add_command(commands)
    warning_cli.add_command(commands)
    ontrack_cli.add_command(commands)
    return top


def _each_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--each", choices=("school", "grade", "term"),
                         help="run the same analysis once per school (or grade, or term): one result per school of "
                              "a district, or of a file of published counts")


def _gap_options(command: argparse.ArgumentParser) -> None:
    """The options of the commands that show gaps: comparison, how gaps are flagged, top/bottom coding."""
    command.add_argument("--compare", default="all", help="all, others, or a group's key")
    command.add_argument("--cohort", metavar="COLUMN",
                         help="compute every figure separately for each value of this column (an entering year, "
                              "a term, a school or a grade), with its own all-students rate and flags; a column "
                              "not mapped to term, school or grade is read as the term")
    command.add_argument("--flag", default=Flag.NEWCOMBE.value, choices=[f.value for f in Flag],
                         help="how gaps are flagged: newcombe (95%% interval, the default), ppg (percentage-point "
                              "gap against all students unless --compare or --ppg-reference say otherwise, "
                              "flagged at or below minus its margin of error, as in California community "
                              "colleges), pi (proportionality index) or 80 (80%% index); "
                              "the last three add their figure and a 'flagged' column")
    settings = command.add_argument_group("gap flag settings (DisImpact's arguments; the defaults are today's)")
    settings.add_argument("--ppg-reference", default=COMPARE,
                          help="what the PPG gap is measured against: compare (the default: what --compare says, "
                               "all students unless told), all, others (all students except the group), hpg (the "
                               "highest-performing group), a group's key, or a fixed rate such as 65%%")
    settings.add_argument("--min-moe", type=float, default=DEFAULTS.min_moe,
                          help="the PPG margin of error's floor, as a share (default 0.03, 3 points)")
    settings.add_argument("--moe-from-rate", action="store_true",
                          help="the PPG margin of error from the group's own rate instead of 50%% "
                               "(use_prop_in_moe; 50%% stands in for a rate of 0 or 100%%)")
    settings.add_argument("--pi-cutoff", type=float, default=DEFAULTS.pi_cut,
                          help="the proportionality index flags below this (default 0.8)")
    settings.add_argument("--index-80-cutoff", type=float, default=DEFAULTS.eighty_cut,
                          help="the 80%% index flags below this (default 0.8)")
    settings.add_argument("--index-80-reference", default=HPG,
                          help="the 80%% index's reference: hpg (the highest shown group, the default) or a "
                               "group's key")
    command.add_argument("--top-bottom-code", action="store_true",
                         help=f"show a rate above {TOP_CODE}%% in a group of fewer than {CODING_BELOW_N} students as "
                              f"'>= {TOP_CODE}%%' and below {BOTTOM_CODE}%% as '<= {BOTTOM_CODE}%%', with no exact "
                              "value, gap or interval (a 'coded' column / key says which); a group of 20 or fewer, "
                              "where the code would still say 'all' or 'none', is hidden instead")


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    with reading(getattr(args, "lang", DEFAULT)):   # a report's words and figures; JSON and CSV stay as they are
        return _command(args)


def _command(args: argparse.Namespace) -> int:
    try:
        if args.command == "report":
            print(report(args))
            return 0
        if args.command == "risk":
            found = risk(args)
            print(render_each(args.each, found, args.format, lambda r, fmt: render_risk(r, fmt), risk_json_of)
                  if args.each else render_risk(found, args.format), end="")
            return 0
        if args.command == "cohort":
            print(cohort_cli.run(args), end="")
            return 0
        if args.command == "status":
            print(status_cli.run(args), end="")
            return 0
        if args.command in ("warning", "ontrack"):
            command = warning_cli if args.command == "warning" else ontrack_cli
            result, extra = command.run(args)
            if args.format != "json":
                print(*command.notes(extra), sep="\n", file=sys.stderr)
            print(json.dumps(as_json(result) | extra) + "\n" if args.format == "json" else render(result, args.format),
                  end="")
            return 0
        settings = flag_settings(args)
        found = gaps(args)
        for result in found.values() if isinstance(found, dict) else [found]:
            _check_flag(args.flag, result.rule)
            check_references(result, settings)
    except (IngestError, dataset.DataError, UsageError, SparkError) as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    if args.each:
        print(render_each(args.each, found, args.format,
                          lambda r, fmt: render(r, fmt, flag(r, args.flag, settings), args.top_bottom_code),
                          lambda r: as_json(r, flag(r, args.flag, settings), args.top_bottom_code)), end="")
    elif isinstance(found, dict):
        print(render_cohorts(args.cohort, found, args.format, args.flag, settings, args.top_bottom_code), end="")
    else:
        print(render(found, args.format, flag(found, args.flag, settings), args.top_bottom_code), end="")
    return 0


def flag_settings(args: argparse.Namespace) -> FlagSettings:
    """The gap flag settings the options give, or UsageError naming the one out of range."""
    try:
        return FlagSettings(args.ppg_reference.strip(), args.min_moe, args.moe_from_rate, args.pi_cutoff,
                            args.index_80_cutoff, args.index_80_reference.strip()).checked()
    except ValueError as problem:
        raise UsageError(str(problem)) from None


def check_references(result: Breakdown, settings: FlagSettings) -> None:
    """A reference group named in the settings must be one of the breakdown's groups."""
    keys = {key_text(g.key) for g in result.groups}
    named = [("--ppg-reference", settings.ppg_reference, (COMPARE, COMPARE_ALL, COMPARE_OTHERS, HPG)),
             ("--index-80-reference", settings.eighty_reference, (HPG,))]
    for option, value, words in named:
        if value not in words and fixed_rate(value) is None and value not in keys:
            raise UsageError(f"{option}: no group '{value}' by {result.dimension.key}; its groups are "
                             f"{listed(sorted(keys))}, or {', '.join(words)}.")


def _check_flag(method: str, rule: Rule) -> None:
    if Flag(method).rates_only and not rule.is_rate:
        raise UsageError(f"--flag {method} needs a share of students (a threshold, yes/no or categories); "
                         "averages are flagged by their 95% interval only (--flag newcombe).")


def gaps(args: argparse.Namespace) -> Breakdown | dict[str, Breakdown]:
    """The breakdown, or with --cohort one per cohort in order."""
    con, staged, mapping, column, rule = load(args)
    activate(con, staged, mapping, (args.by,))
    warn_if_nobody_meets(con, column, rule)

    chosen = where(con, args.where)
    if column.name == derived.CHRONIC.name:
        built = functools.cache(lambda outcome, rule: cubes.build(con, outcome, rule))   # each cube counted once
        short = derived.left_out_shown(con, mapping, chosen, args.min_n, built)
        print(f"note: {derived.rule_note(mapping, short, args.min_n)}", file=sys.stderr)

    def one(filters: Filters) -> Breakdown:
        return breakdown(con, column.name, rule, args.by, args.compare, filters, args.min_n, column.header,
                         coding=args.top_bottom_code)

    if args.each and args.cohort:
        raise UsageError("give --each or --cohort, not both: each runs the analysis once per school, grade or term.")
    if args.each:
        return each(con, chosen, args.each, one)
    if not args.cohort:
        return one(chosen)
    dimension = cohort_dimension(mapping, args.cohort)
    return {value: one(cohort_filters(chosen, dimension, value)) for value in cohort_values(options(con), dimension)}


def each(con: duckdb.DuckDBPyConnection, chosen: Filters, dimension: str, one: Callable[[Filters], object]
         ) -> dict[str, object]:
    """--each: the analysis `one` for every value of `dimension` the filters keep, in order."""
    return {value: one(cohort_filters(chosen, dimension, value)) for value in cohort_values(options(con), dimension,
                                                                                            chosen)}


def risk(args: argparse.Namespace) -> Disproportionality | dict[str, Disproportionality]:
    con, staged, mapping, column, rule = load(args)
    if not rule.is_rate:
        raise UsageError("risk needs a yes/no outcome: give --threshold or --categories for what counts as having it.")
    activate(con, staged, mapping, (args.by,))
    warn_if_nobody_meets(con, column, rule)
    grouping = Grouping(args.by)
    reference = OTHERS
    if args.compare != OTHERS:
        reference = reference_group({key_text(k): k for k in stats(con, column.name, rule, grouping)[1]},
                                    args.compare)
    settings = Settings(args.cell_size, args.n_size, args.flag_above)

    def one(filters: Filters) -> Disproportionality:
        return disproportionality(con, column.name, rule, grouping, filters, settings=settings, min_n=args.min_n,
                                  label=column.header, reference=reference)

    chosen = where(con, args.where)
    return each(con, chosen, args.each, one) if args.each else one(chosen)


def risk_json(result: Disproportionality, compare: str) -> dict:
    """The JSON object DESIGN.md specifies for `risk`. A group below the n-size or the cell size is 'hidden':
    its size, count, risks and ratio are null (its comparison risk would give its own away), with a 'why'."""
    settings = result.settings
    groups = []
    for g in result.groups:
        shown = g.method not in (HIDDEN, TOO_FEW)
        row = {"key": g.key, "label": g.label, "n": g.n if shown else None, "count": g.count if shown else None,
               "risk": _round(g.risk, 2) if shown else None,
               "comparison_risk": _round(g.comparison_risk, 2) if shown else None,
               "risk_ratio": _round(g.ratio, 2) if shown else None,
               "kind": g.method if shown else HIDDEN, "flagged": g.flagged}
        groups.append(row if shown else row | {"why": result.note(g)})
    return {"outcome": result.outcome, "by": result.grouping.first, "compare": compare,
            "cell_size": settings.cell_size, "n_size": settings.n_size, "flag_above": settings.threshold,
            "alternate_comparison": result.comparison or None, "groups": groups}


def risk_json_of(result: Disproportionality) -> dict:
    return risk_json(result, "others" if result.reference is OTHERS else key_text(result.reference))


def render_each(dimension: str, results: dict[str, object], fmt: str, render_one: Callable[[object, str], str],
                as_object: Callable[[object], dict]) -> str:
    """--each: JSON {"each": DIMENSION, "results": [{DIMENSION: VALUE, …the object of one…}, …]}, CSV with a
    leading column named for the dimension, or one table per value under its name."""
    return _per_value(("each", dimension, dimension), results, fmt, render_one, as_object)


def _per_value(keys: tuple[str, str, str], results: dict[str, object], fmt: str,
               render_one: Callable[[object, str], str], as_object: Callable[[object], dict]) -> str:
    """One result per value (a cohort, a school ...). `keys`: the JSON's key for what was split by, its value,
    and each result's key for its value (also the CSV's leading column)."""
    key, named, inner = keys
    if fmt == "json":
        return json.dumps({key: named, "results": [{inner: value, **as_object(r)}
                                                   for value, r in results.items()]}) + "\n"
    blocks = [(value, render_one(r, fmt)) for value, r in results.items()]
    if fmt == "csv":        # read back as CSV, not as lines: a quoted group name may hold a line break
        tables = [(value, list(csv.reader(io.StringIO(text)))) for value, text in blocks]
        rows = [[inner, *tables[0][1][0]]] if tables else []
        return csv_text(rows + [[value, *row] for value, table in tables for row in table[1:]])
    return "\n".join(f"{named} {value}:\n{text}" for value, text in blocks)


def render_risk(result: Disproportionality, fmt: str) -> str:
    """The risk ratios as JSON, CSV or an aligned table with a sentence naming the flagged groups."""
    out = risk_json_of(result)
    if fmt == "json":
        return json.dumps(out) + "\n"
    columns = ["n", "count", "risk", "comparison_risk", "risk_ratio", "kind", "flagged"]
    rows = [["group", *columns],
            *([g["label"], *("" if g[c] is None else g[c] for c in columns)] for g in out["groups"])]
    whys = [g.get("why", "") for g in out["groups"]]
    if fmt == "csv":         # as `gaps` writes it: a trailing 'why' column, and the reasons below the table
        return csv_text([[*row, why] for row, why in zip(rows, ["why", *whys], strict=True)])
    notes = [f"{g['label']}: {why}" for g, why in zip(out["groups"], whys, strict=True) if why]
    head = (f"{result.outcome} ({result.rule.describe()}) by {result.grouping.label}: risk ratios against "
            f"{'all other students' if out['compare'] == OTHERS else out['compare']}; {result.settings.describe()}"
            + (f"; alternate ratios against the other students in the published total '{result.comparison}'"
               if result.comparison else ""))
    return "\n".join([head, *aligned(rows), *(["", *notes] if notes else []), "", risk_sentence(result), ""])


def risk_sentence(result: Disproportionality) -> str:
    """The flagged groups, or, with none, how close the highest ratio comes: never a bare all-clear."""
    limit, highest = result.settings.threshold, result.highest()
    if flagged := [g.label for g in result.flagged()]:
        return f"Flagged (risk ratio above {limit:.1f}): {', '.join(flagged)}."
    if highest is None:
        return t("page.risk.no_ratio", threshold=decimal(limit, 1))
    return t("page.risk.highest_below", ratio=decimal(highest.ratio, 2), group=highest.label,
             threshold=decimal(limit, 1))


def report(args: argparse.Namespace) -> str:
    """Write the report to --out (its format from the suffix) and say what was written; with --each, one report
    per school (grade, term), into the folder --out names (HTML) or beside the file it names."""
    from equity.app.session import Workbench
    from equity.report.render import file_stem
    from equity.report.render import render as render_report  # the export libraries load only for reports
    from equity.report.sections import Choice, compose, views
    from equity.stats.settings import PrivacySettings

    fmt = {".html": "html", ".htm": "html", ".pdf": "pdf", ".pptx": "pptx"}.get(args.out.suffix.lower())
    if fmt is None and not args.each:
        raise UsageError(f"--out must end in .html, .pdf or .pptx; got '{args.out.name}'.")
    crossings = tuple(_pair(c) for c in args.cross)
    con, staged, mapping, column, rule = load(args)
    bench = Workbench(con=con, privacy=PrivacySettings(min_n=args.min_n, coding=args.top_bottom_code))
    bench.data = activate(con, staged, mapping, tuple(args.by or ["race"]))
    bench.filters = where(con, args.where)
    warn_if_nobody_meets(con, column, rule)
    _check_flag(args.flag, rule)
    choice = Choice(column.name, column.header, rule, tuple(dict.fromkeys(args.by or ["race"])), args.compare,
                    crossings, flag=Flag(args.flag), flag_settings=flag_settings(args),
                    cohort=cohort_dimension(mapping, args.cohort) if args.cohort else None)
    if not args.each:
        built = compose(views(bench, choice), bench, args.title, args.notes)
        _write(args.out, render_report(built, fmt))
        return f"{args.out} ({len(built.sections)} sections, groups under {args.min_n} students hidden)"
    chosen, written = bench.filters, []
    for value in cohort_values(options(con), args.each, chosen):
        bench.filters = cohort_filters(chosen, args.each, value)
        built = compose(views(bench, choice), bench, f"{args.title} · {value}" if args.title else value, args.notes)
        out = args.out.with_name(f"{args.out.stem}-{file_stem(value)}{args.out.suffix}") if fmt else \
            args.out / f"{file_stem(value)}.html"
        _write(out, render_report(built, fmt or "html"))
        written.append(str(out))
    return f"{len(written)} reports, one per {args.each} ({', '.join(written)}), groups under {args.min_n} " \
           "students hidden"


def _write(out: Path, data: bytes) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as problem:
        raise UsageError(f"cannot write '{out}': {problem.strerror or problem}.") from None


def _pair(text: str) -> tuple[str, str]:
    first, _, second = text.partition(",")
    if first not in GAP_DIMENSIONS or second not in GAP_DIMENSIONS or first == second:
        raise UsageError(f"--cross needs two different dimensions from {', '.join(GAP_DIMENSIONS)}, "
                         f"e.g. race,low_income; got '{text}'.")
    return first, second


def as_json(result: Breakdown, flags: Flags | None = None, coding: bool = False) -> dict:
    """The JSON object DESIGN.md specifies; under a flag other than Newcombe's, also "flag" and each group's
    figure under it and whether it is flagged. An average's groups also have "hedges_g" (equity.stats.effect_size;
    null where hidden or not estimable). With `coding` (--top-bottom-code) every group also has "coded":
    "≥ 95%" or "≤ 5%" when its rate is coded (value, gap and ci then null), else null."""
    out = {
        "outcome": result.outcome,
        "rule": result.rule.describe(),
        "by": result.dimension.key,
        "compare": result.compare,
        "min_n": result.min_n,
        "all_students": {"n": result.overall_size, "value": _round(result.overall_value, 2),
                         **_why(result.overall_reason, result.min_n)},
        "groups": [
            {"key": g.key, "label": g.label, "n": g.n, "value": _round(g.value, 2), "gap": _round(g.gap, 2),
             "ci": [round(g.ci[0], 1), round(g.ci[1], 1)] if g.ci else None, "suppressed": g.suppressed,
             **_why(g.reason if g.suppressed else None, result.min_n)}
            for g in result.groups
        ],
    }
    if coding:
        for group, g in zip(out["groups"], result.groups, strict=True):
            group["coded"] = _coded(g)
    if not result.rule.is_rate:
        for group, g in zip(out["groups"], result.groups, strict=True):
            group["hedges_g"] = _round(g.effect and g.effect.hedges_g, 3)
    if _extra(flags):
        out["flag"] = flags.method.value
        out["flag_settings"] = flags.settings.params()
        if flags.method is Flag.EIGHTY:
            best = flags.reference
            out["index_80_reference"] = None if best is None else {"key": best.key, "value": _round(best.value, 4)}
        for group, verdict in zip(out["groups"], flags.groups, strict=True):
            group |= dict(zip(_flag_columns(flags.method), _flag_row(flags.method, verdict), strict=True))
            group |= _needed(flags.method, verdict)
    return out


def _why(reason: str | None, min_n: int) -> dict:
    """A hidden figure's "why" (its size and value are null); nothing for a shown one."""
    return {"why": hidden_note(reason, min_n)} if reason else {}


def _needed(method: Flag, verdict: GroupFlag) -> dict:
    """The students needed to stop being flagged and to reach parity (DisImpact's success_needed_not_di and
    success_needed_full_parity), and PPG's reference rate for the group; null where the group is not judged."""
    extra = {"students_needed": verdict.needed, "students_needed_parity": verdict.parity}
    if method is Flag.PPG:
        extra["ppg_reference"] = _round(verdict.reference, 4)
    return extra


FLAG_COLUMNS = {Flag.PPG: ("ppg_gap", "margin"), Flag.PI: ("proportionality_index",), Flag.EIGHTY: ("index_80",)}


def _extra(flags: Flags | None) -> bool:
    """Newcombe's flag is already the 'distinguishable' column; the others add their own."""
    return flags is not None and flags.method is not Flag.NEWCOMBE


def _flag_columns(method: Flag) -> tuple[str, ...]:
    return (*FLAG_COLUMNS[method], "flagged")


def _flag_row(method: Flag, verdict: GroupFlag) -> list:
    figures = [verdict.index, verdict.margin][:len(FLAG_COLUMNS[method])]
    return [*(None if f is None else round(f, 4) for f in figures), verdict.flagged]


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _coded(group: GroupResult) -> str | None:
    return coded_text(group.coded) if group.coded else None


def render(result: Breakdown, fmt: str, flags: Flags | None = None, coding: bool = False) -> str:
    """The breakdown as JSON, CSV or an aligned table; `coding` adds the 'coded' column (or key)."""
    if fmt == "json":
        return json.dumps(as_json(result, flags, coding)) + "\n"
    extra = _flag_columns(flags.method) if _extra(flags) else ()
    coded = ["coded"] if coding else []
    rows = [["group", "n", "value", "gap", "ci_low", "ci_high", "distinguishable", "suppressed", *coded, *extra]]
    verdicts = flags.groups if extra else [None] * len(result.groups)
    for g, verdict in zip(result.groups, verdicts, strict=True):
        cells = [_text(c) for c in _flag_row(flags.method, verdict)] if verdict else []
        rows.append([g.label, "" if g.n is None else g.n, _cell(g.value), _cell(g.gap), _cell(g.ci and g.ci[0]),
                     _cell(g.ci and g.ci[1]), "" if g.distinguishable is None else g.distinguishable,
                     g.suppressed, *([_coded(g) or ""] if coding else []), *cells])
    whys = [hidden_note(g.reason, result.min_n) for g in result.groups]
    if fmt == "csv":
        return csv_text([[*row, why] for row, why in zip(rows, ["why", *whys], strict=True)])
    lines = aligned(rows)
    overall = _cell(result.overall_value)
    head = (f"{result.outcome} ({result.rule.describe()}) by {result.dimension.label}, compared with "
            f"{result.comparison_label()}; all students: n={_size(result)}, value={overall}")
    notes = [f"{g.label}: {why}" for g, why in zip(result.groups, whys, strict=True) if why]
    sentence = flag_sentence(result, flags.method, settings=flags.settings) if flags else flag_sentence(result)
    return "\n".join([head, *lines, *(["", *notes] if notes else []), "", sentence, ""])


def _size(result: Breakdown) -> str:
    """All students' size in the table's heading: a band, or 'hidden', when their figure is hidden."""
    if result.overall_size is not None:
        return str(result.overall_size)
    return f"fewer than {result.min_n}" if result.overall.n < result.min_n else "hidden"


def render_cohorts(column: str, results: dict[str, Breakdown], fmt: str, method: str, settings: FlagSettings,
                   coding: bool = False) -> str:
    """One breakdown per cohort: JSON {"cohort": COLUMN, "results": [{"cohort": VALUE, …}, …]}, CSV with a
    leading 'cohort' column, or one table per cohort under its name."""
    return _per_value(("cohort", column, "cohort"), results, fmt,
                      lambda r, f: render(r, f, flag(r, method, settings), coding),
                      lambda r: as_json(r, flag(r, method, settings), coding))


def _text(value) -> str:
    """A flag's cell: an index to four decimals, flagged as True/False, blank when not judged."""
    if value is None:
        return ""
    return str(value) if isinstance(value, bool) else f"{value:.4f}"



def _cell(value) -> str:
    return "" if value is None else f"{value:.2f}"
