"""The `ontrack` command: the share of an entering cohort's 9th graders on track by group, and who graduated of
the on-track and off-track students, as the On track page shows them.

    python -m equity ontrack FILE [--term TERM] [--by DIMENSION] [--min-credits N] [--max-failures M]
                             [--min-n N] [--map ...] [--value ...] [--where ...] [--format table|csv|json]

The JSON is `gaps`'s, with the term, the rule and `graduation` beside it ({"on_track": {"n", "graduated",
"suppressed"[, "why"]}, "off_track": …, "no_record": n or null, "by_group": [{"key", "label", "on_track",
"off_track"}, …] in the order of `groups`}; null without a graduation column or a later term). A hidden figure
and its size are null, as everywhere.
"""

import argparse
import itertools

from equity.app import cli_options
from equity.app.cli_options import UsageError
from equity.model.dimensions import GAP_DIMENSIONS, Dimension
from equity.plans import ontrack
from equity.stats.metrics import Breakdown
from equity.stats.trends import data_terms
from equity.words.labels import group_label, hidden_note


def add_command(commands) -> None:
    command = commands.add_parser("ontrack", help="9th graders on track (credits and core courses failed) by "
                                                  "group, and who of them graduated")
    cli_options.data_options(command, outcome=False)
    command.add_argument("--by", default="race", choices=[d for d in GAP_DIMENSIONS if d != "grade"])
    command.add_argument("--term", help="the year the cohort was in 9th grade (default: the latest)")
    command.add_argument("--min-credits", type=float, default=ontrack.MIN_CREDITS,
                         help="credits earned a 9th grader needs to be on track (default 5)")
    command.add_argument("--max-failures", type=float, default=ontrack.MAX_FAILURES,
                         help="core courses failed an on-track 9th grader may have (default 1)")
    command.add_argument("--format", default="table", choices=("table", "csv", "json"))


def run(args: argparse.Namespace) -> tuple[Breakdown, dict]:
    """The on-track breakdown, and what the JSON says beside `gaps`'s object."""
    con, mapping, _ = cli_options.load_rows(args, "ontrack follows students one by one")
    found = ontrack.find(mapping)
    if found is None:
        raise UsageError("ontrack needs a grade column and a column of credits earned (and core courses failed, "
                         "when there is one): name them with --map grade=HEADER, or headers such as "
                         "'Credits Earned' and 'Core Courses Failed'.")
    rule = found.with_settings(args.min_credits, args.max_failures)
    chosen = cli_options.where(con, args.where)
    term = cli_options.term_chosen(con, chosen, args.term)
    if term is None:
        raise UsageError("ontrack needs a term or school-year column; name it with --map term=HEADER.")
    result = ontrack.summary(con, ontrack.cube(con, rule), args.by, term, chosen, args.min_n)
    later = ontrack.later_terms(data_terms(con), term)
    finished = ontrack.graduation(con, rule, term, later, chosen, args.min_n)
    by_group = finished and ontrack.graduation_by_group(con, rule, term, later, chosen, args.min_n, finished, result)
    return result, {"term": term, "min_credits": rule.min_credits,
                    "max_failures": rule.max_failures if rule.failures else None,
                    "graduation": _graduation(finished, by_group, result.dimension, args.min_n) if finished else None}


def _graduation(found: ontrack.Graduation, by_group: tuple[ontrack.GroupGraduation, ...], dimension: Dimension,
                min_n: int) -> dict:
    """The overall rows, the number without a later record and `by_group` (each group's label and two rows)."""
    def row(figures: ontrack.Figures) -> dict:
        n, share, why = figures
        out = {"n": n, "graduated": None if share is None else round(share, 2), "suppressed": why is not None}
        return out | {"why": hidden_note(why, min_n)} if why else out
    return {"on_track": row(found.on_track), "off_track": row(found.off_track), "no_record": found.no_record,
            "by_group": [{"key": g.key, "label": group_label(dimension, g.key), "on_track": row(g.on_track),
                          "off_track": row(g.off_track)} for g in by_group]}


def notes(extra: dict) -> list[str]:
    """The rule and who graduated (overall, then by group), said on stderr before a table or CSV (the JSON carries
    them)."""
    failures = "" if extra["max_failures"] is None else f" and at most {extra['max_failures']:g} core courses failed"
    lines = [f"note: on track: at least {extra['min_credits']:g} credits{failures}, 9th graders of {extra['term']}."]
    finished = extra["graduation"]
    rows = [("", finished), *((f"{g['label']}, ", g) for g in finished["by_group"])] if finished else []
    for (prefix, found), key in itertools.product(rows, ("on_track", "off_track")):
        lines.append(f"note: {prefix}{key.replace('_', ' ')}: {_graduated(found[key])}")
    return lines


def _graduated(row: dict) -> str:
    return row.get("why") or f"{row['graduated']}% graduated of {row['n']} with a later record"
