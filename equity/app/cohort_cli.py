"""The `cohort` command: matched students' change between two terms, as the Cohorts screen shows it.

    python -m equity cohort FILE --from TERM --to TERM --outcome COLUMN [--threshold X | --categories A,B]
                             [--levels A,B,C] --by DIMENSION [--min-n N] [--map ...] [--value ...]
                             [--where DIMENSION=VALUE[,VALUE...] ...] [--format table|csv|json]

A score without --threshold gives the mean change (and conditional percentiles); a threshold, a yes/no column
or --categories gives the share meeting it in each term; proficiency levels without --categories give the
share moving up or down a level and the level-by-level table. The match (rate, repeated IDs, IDs written
differently, terms that cannot be placed in time) is printed first; example IDs go to stderr only, never into the
figures. --where keeps the students the sidebar filters would (in each term, by the group they are in that term);
the terms are --from and --to.
"""

import argparse
import json
import sys

from equity.app import cli_options
from equity.app.cli_options import UsageError
from equity.model.dimensions import GAP_DIMENSIONS
from equity.model.rules import Rule
from equity.stats.matched import (
    LEVELS,
    MEAN,
    Cohort,
    CohortError,
    CohortGroup,
    Growth,
    Transition,
    cohort,
    growth,
    level_order,
    transitions,
    why_text,
)

GROWTH_NOTE = ("Conditional percentile: where a student's second-term score falls among students with a similar "
               "first-term score (deciles), as a median per group (50 = grew like similar students). Descriptive, "
               "not a state growth model.")


def add_command(commands) -> None:
    command = commands.add_parser("cohort", help="the same students in two terms: change by group, who left and "
                                                 "who arrived")
    cli_options.data_options(command)
    command.add_argument("--from", dest="from_term", required=True, metavar="TERM", help="the first term")
    command.add_argument("--to", dest="to_term", required=True, metavar="TERM", help="the second term")
    command.add_argument("--levels", help="a category outcome's levels, lowest first, when they are not "
                                          "recognised (e.g. 'Level 1,Level 2,Level 3')")
    command.add_argument("--by", required=True, choices=GAP_DIMENSIONS)
    command.add_argument("--format", default="table", choices=("table", "csv", "json"))


def run(args: argparse.Namespace) -> str:
    if cli_options.spark_wanted(args):
        raise UsageError("cohort follows the same students from term to term, which needs the student rows of a "
                         "file: give FILE; on a Spark table use gaps, risk, report or status.")
    con, staged, mapping, column, rule = cli_options.load(args)
    if not mapping.header_for("term"):
        raise UsageError("cohort needs a term or school-year column; name it with --map term=HEADER.")
    levels: tuple[str, ...] = ()
    if column.kind == "category" and not args.categories:
        profile = next(p for p in staged.profiles if p.header == column.header)
        levels = tuple(v.strip() for v in args.levels.split(",")) if args.levels else level_order(profile.distinct)
        if not levels:
            raise UsageError(f"the levels of '{column.header}' are not in a recognised order: give them lowest "
                             "first with --levels, or say which count as meeting it with --categories.")
        rule = Rule("mean")
    cli_options.activate(con, staged, mapping)
    filters = cli_options.where(con, args.where)
    if filters.term:
        raise UsageError("cohort compares the terms --from and --to: leave term out of --where.")
    try:
        result = cohort(con, column.name, rule, args.by, args.from_term, args.to_term, filters, args.min_n,
                        column.header, levels)
    except CohortError as problem:
        raise UsageError(str(problem)) from None
    for line in notices(result):
        print(line, file=sys.stderr)
    return render(result, transitions(con, result), growth(con, result), args.format)


def notices(result: Cohort) -> list[str]:
    """Terms that cannot be ordered, IDs repeated within a term, IDs written differently across terms, with
    examples (stderr only)."""
    m, lines = result.matching, []
    if m.unordered:
        lines.append(f"note: {', '.join(repr(t) for t in m.unordered)} cannot be placed in time; the change is "
                     f"from {m.from_term} to {m.to_term}, as given.")
    if m.repeated:
        lines.append(f"note: {m.repeated} student ID(s) repeat within a term and were left out, "
                     f"e.g. {', '.join(m.repeat_examples)}.")
    if m.reformatted:
        pairs = ", ".join(f"{a} = {b}" for a, b in m.reformat_examples)
        lines.append(f"note: {m.reformatted} matched student ID(s) are written differently in the two terms "
                     f"(leading zeros, a prefix), e.g. {pairs}.")
    return lines


def as_json(result: Cohort, tables: tuple[Transition, ...], grown: tuple[Growth, ...]) -> dict:
    """The contract's conventions: hidden groups have every figure and size null, "suppressed" and a "why"."""
    m = result.matching
    out = {"outcome": result.outcome, "rule": "levels" if result.kind == LEVELS else result.rule.describe(),
           "kind": result.kind, "by": result.dimension, "from": m.from_term, "to": m.to_term, "min_n": result.min_n,
           "matching": {"matched": m.matched, "left": m.left, "arrived": m.arrived,
                        "match_rate": _round(m.rate), "repeated_ids": m.repeated, "reformatted_ids": m.reformatted,
                        "unordered_terms": list(m.unordered)},
           "all_students": _group(result, result.overall),
           "groups": [_group(result, g) for g in result.groups]}
    if result.kind == LEVELS:
        out["levels"] = list(result.levels)
        out["transitions"] = [_table(result, t) for t in tables]
    if result.kind == MEAN:
        out["growth"] = {"note": GROWTH_NOTE, "groups": [_growth(result, g) for g in grown]}
    return out


def _figures(result: Cohort, g: CohortGroup) -> dict:
    if result.kind == LEVELS:
        return {"up": _round(g.up), "down": _round(g.down)}
    return {"first": _round(g.first), "second": _round(g.second), "change": _round(g.change)}


def _group(result: Cohort, g: CohortGroup) -> dict:
    row = {"key": g.key, "label": g.label, "matched": g.matched, "left": g.left, "arrived": g.arrived,
           "n": g.scored, **_figures(result, g), "suppressed": g.hidden}
    return row | {"why": why_text(g.why, result.min_n)} if g.hidden else row


def _table(result: Cohort, table: Transition) -> dict:
    cells = []
    for (a, b), n in table.cells.items():
        cell = {"from": result.levels[a - 1], "to": result.levels[b - 1], "n": n, "share": _round(table.share((a, b))),
                "suppressed": n is None}
        cells.append(cell | {"why": why_text(table.why[a, b], result.min_n)} if n is None else cell)
    return {"key": table.key, "label": table.label, "cells": cells}


def _growth(result: Cohort, g: Growth) -> dict:
    row = {"key": g.key, "label": g.label, "n": g.n, "median_percentile": _round(g.median), "suppressed": bool(g.why)}
    return row | {"why": why_text(g.why, result.min_n)} if g.why else row


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def render(result: Cohort, tables: tuple[Transition, ...], grown: tuple[Growth, ...], fmt: str) -> str:
    out = as_json(result, tables, grown)
    if fmt == "json":
        return json.dumps(out) + "\n"
    figures = list(_figures(result, result.overall))
    columns = ["matched", "left", "arrived", "n", *figures, "suppressed"]
    rows = [["group", *columns], *([g["label"], *("" if g[c] is None else g[c] for c in columns)]
                                   for g in (out["all_students"], *out["groups"]))]
    if fmt == "csv":
        return cli_options.csv_text(rows)
    m = out["matching"]
    head = [f"Matched {m['matched']} students in both {result.matching.from_term} and {result.matching.to_term} "
            f"({m['match_rate']}% of {result.matching.from_term}'s); {m['left']} left, {m['arrived']} arrived.",
            f"{result.outcome} ({out['rule']}) by {result.dimension}, groups as in the first term; groups with "
            f"fewer than {result.min_n} students are hidden."]
    lines = [*head, *cli_options.aligned(rows)]
    for table in out.get("transitions", ()):
        lines += ["", f"Levels, {table['label']} (from → to: students)"]
        lines += [f"  {c['from']} → {c['to']}: {'hidden' if c['n'] is None else c['n']}" for c in table["cells"]]
    if "growth" in out:
        lines += ["", GROWTH_NOTE, *cli_options.aligned([["group", "n", "median_percentile"], *(
            [g["label"], "" if g["n"] is None else g["n"], "" if g["median_percentile"] is None
             else g["median_percentile"]] for g in out["growth"]["groups"])])]
    return "\n".join([*lines, ""])
