"""The `warning` command: the share of students with an early-warning flag by group, as the Early warning screen's
summary shows it. Group totals only: the roster of students leaves only through the screen's labelled
student-level export, never the command line.

    python -m equity warning FILE [--by DIMENSION] [--term TERM] [--area any|attendance|behaviour|course]
                             [--set COLUMN=VALUE ...] [--min-n N] [--min-days N] [--map ...] [--value ...]
                             [--where DIMENSION=VALUE[,VALUE...] ...] [--format table|csv|json]

The indicators are read from the file's columns (equity.plans.warning) at the research defaults; --set changes
one: a number for a threshold ('Discipline Incidents=3', 'attendance=85' for the attendance rate worked out from
days enrolled and absent), marks for a mark column ('Letter Grade=F,D'). The JSON is `gaps`'s, with the term, the
area and the indicators beside it.
"""

import argparse
from dataclasses import replace

from equity.app import cli_options
from equity.app.cli_options import UsageError
from equity.model.dimensions import GAP_DIMENSIONS
from equity.plans import warning
from equity.stats.metrics import Breakdown

ANY = "any"


def add_command(commands) -> None:
    command = commands.add_parser("warning", help="students with early-warning flags (attendance, behaviour, "
                                                  "course performance) by group: group totals, suppressed")
    cli_options.data_options(command, outcome=False)
    command.add_argument("--by", default="race", choices=GAP_DIMENSIONS)
    command.add_argument("--term", help="the term to flag (default: the latest the data and --where keep)")
    command.add_argument("--area", default=ANY, choices=(ANY, *warning.AREAS),
                         help="count a flag in any area (the default) or in one")
    command.add_argument("--set", action="append", default=[], metavar="COLUMN=VALUE",
                         help="an indicator's threshold ('Discipline Incidents=3'; 'attendance=85' for the "
                              "attendance rate from days enrolled and absent) or marks that flag ('Letter Grade=F,D')")
    command.add_argument("--format", default="table", choices=("table", "csv", "json"))


def run(args: argparse.Namespace) -> tuple[Breakdown, dict]:
    """The summary, and what the JSON says beside `gaps`'s object: the term, the area and the indicators."""
    con, mapping, staged = cli_options.load_rows(args, "warning flags students one by one")
    signs = settings(warning.find(mapping, staged.profiles), args.set)
    if not signs:
        raise UsageError("the file has no attendance, behaviour or course-performance column: mark days enrolled "
                         "and absent with --map days_enrolled=HEADER --map days_absent=HEADER, or name discipline "
                         "and course columns in their headers.")
    chosen = cli_options.where(con, args.where)
    term = cli_options.term_chosen(con, chosen, args.term)
    area = None if args.area == ANY else args.area
    if area and all(s.area != area for s in signs):
        raise UsageError(f"--area {area}: the file has no column for it.")
    result = warning.summary(con, warning.cube(con, signs, mapping, area), args.by,
                             replace(chosen, term=(term,)) if term else chosen, args.min_n)
    return result, {"term": term, "area": args.area,
                    "indicators": [{"area": s.area, "column": s.label, "flag": s.describe()} for s in signs]}


def settings(signs: tuple[warning.WarningSign, ...], items: list[str]) -> tuple[warning.WarningSign, ...]:
    """The indicators with the --set options applied; a column that is not an indicator is an error."""
    chosen = {}
    for item in items:
        name, _, value = item.rpartition("=")
        name = name.strip().casefold()
        sign = next((s for s in signs if (s.header or "attendance").casefold() == name), None)
        if sign is None:
            raise UsageError(f"--set {item}: no indicator of that name; the indicators are "
                             f"{cli_options.listed([s.header or 'attendance' for s in signs])}.")
        if sign.test == warning.YES:
            raise UsageError(f"--set {item}: a yes/no column flags every 'yes'; it has no threshold to set.")
        try:
            chosen[sign] = float(value) if sign.test in (warning.BELOW, warning.AT_LEAST) else \
                [v.strip() for v in value.split(",") if v.strip()]
        except ValueError:
            raise UsageError(f"--set {item}: the threshold must be a number.") from None
    return tuple(s.adjusted(chosen.get(s)) for s in signs)


def notes(extra: dict) -> list[str]:
    """The flags in force, said on stderr before a table or CSV (the JSON carries them)."""
    flags = "; ".join(f"{i['column']} {i['flag']}" for i in extra["indicators"])
    return [f"note: early-warning flags in {extra['term'] or 'all terms'}: {flags}."]
