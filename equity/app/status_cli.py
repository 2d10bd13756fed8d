"""The `status` command: every student group's status, change, levels and colour on each indicator, against the
prior term, as the scorecard's accountability grid shows them, and the groups a state would identify.

    python -m equity status FILE --outcome COLUMN [--outcome COLUMN ...] [--threshold X | --categories A,B]
                             [--lower-is-better COLUMN ...] [--preset COLUMN=PRESET ...] [--colour-min-n N]
                             [--min-n N] [--map ...] [--value ...] [--where ...] [--format table|csv|json]

Cut points come from --preset (California's published tables, equity.plans.cut_presets), else from the table
the column's name suggests (suspension, chronic absence, graduation …), else the graduation or
chronic-absenteeism ones by direction. A hidden group has null figures and sizes and says why, as `gaps` does.
"""

import argparse
import json
from dataclasses import replace

from equity.app import cli_options
from equity.app.cli_options import UsageError
from equity.data import first_view
from equity.model.dimensions import DIMENSIONS
from equity.model.groups import Grouping
from equity.plans import accountability as acc
from equity.plans import scorecard as sc
from equity.plans.cut_presets import PRESETS, SOURCE, Preset, suggested
from equity.plans.group_grid import GroupPlacement, colour_words
from equity.plans.status_grid import CHANGE, COLOURS, STATUS, default_cuts
from equity.sources.cells import key_text
from equity.stats.trends import trend


def add_command(commands) -> None:
    command = commands.add_parser("status", help="status × change of every student group on each indicator, "
                                                 "coloured as the California School Dashboard does")
    cli_options.data_options(command, many=True)
    command.add_argument("--lower-is-better", action="append", default=[], metavar="COLUMN",
                         help="an outcome where a lower value is better (suspensions, absence); repeatable")
    command.add_argument("--preset", action="append", default=[], metavar="COLUMN=PRESET",
                         help=f"an outcome's cut points from a published table: one of {', '.join(PRESETS)}")
    command.add_argument("--colour-min-n", type=int, default=30,
                         help="fewest students for a colour (the Dashboard's 30); smaller groups keep their levels")
    command.add_argument("--format", default="table", choices=("table", "csv", "json"))


def _presets(items: list[str]) -> dict[str, Preset]:
    found = {}
    for item in items:
        header, _, key = item.rpartition("=")
        if not header or key.strip() not in PRESETS:
            raise UsageError(f"--preset needs COLUMN=PRESET with PRESET one of {', '.join(PRESETS)}; "
                             f"got '{item}'.")
        found[header.strip().casefold()] = PRESETS[key.strip()]
    return found


def run(args: argparse.Namespace) -> str:
    named = _presets(args.preset)
    lower = {h.strip().casefold() for h in args.lower_is_better}
    columns, used = [], []
    for number, header in enumerate(dict.fromkeys(args.outcome)):
        con, staged, mapping, column, rule = cli_options.load(argparse.Namespace(**{**vars(args), "outcome": header}))
        cli_options.activate(con, staged, mapping, quiet=number > 0)   # the notices on values once, not per outcome
        cli_options.warn_if_nobody_meets(con, column, rule)
        indicator = sc.Indicator(column.header, column.name, column.header, rule, Grouping("race"), sc.LAGGING)
        preset, guess = named.get(header.casefold()), suggested(indicator)
        higher = preset.higher_is_better if preset else \
            (header.casefold() not in lower and (guess is None or guess.higher_is_better))
        indicator = replace(indicator, higher_is_better=higher)
        cuts = preset.cuts if preset else default_cuts(indicator)
        filters = cli_options.where(con, args.where)
        offered = [d for d in acc.STUDENT_GROUPS if d in first_view.dimensions(mapping)]
        trends = [trend(con, column.name, rule, d, filters=filters, min_n=args.min_n, label=column.header)
                  for d in offered]
        columns.append(acc.column(indicator, cuts, trends, args.colour_min_n))
        used.append(preset or next((p for p in PRESETS.values() if p.cuts == cuts), None))
    return render(acc.grid(columns, args.min_n, args.colour_min_n), tuple(used), args.format)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _key(row: acc.Row) -> object:
    """The canonical key: a race's label, true for a flag's group, null for all students."""
    if row.dimension == acc.ALL:
        return None
    return True if DIMENSIONS[row.dimension].flag else row.key


def _cell(col: acc.Column, p: GroupPlacement) -> dict:
    hidden = p.value is None
    out = {"outcome": col.indicator.label, "n": p.n, "value": _round(p.value), "change": _round(p.change),
           "status": None if p.status is None else STATUS[p.status],
           "change_level": None if p.change_level is None else CHANGE[p.change_level],
           "colour": None if p.colour is None else COLOURS[p.colour], "suppressed": hidden,
           "needed_to_leave_red": acc.needed(p, col)}
    return out if p.colour is not None else out | {"why": colour_words(p)}


def as_json(grid: acc.Grid, presets: tuple[Preset | None, ...]) -> dict:
    """The grid, its cut points and the groups identified, in the contract's conventions (hidden: nulls)."""
    indicators = [{"outcome": c.indicator.label, "rule": c.indicator.rule.describe(),
                   "higher_is_better": c.indicator.higher_is_better,
                   "latest": c.terms[-1] if c.terms else None, "prior": c.terms[0] if len(c.terms) > 1 else None,
                   "preset": p.key if p else None,
                   "cuts": {"status": list(c.cuts.status), "change": list(c.cuts.change)}}
                  for c, p in zip(grid.columns, presets, strict=True)]
    groups = [{"dimension": r.dimension, "key": _key(r), "label": r.label,
               "indicators": [_cell(c, p) for c, p in zip(grid.columns, r.cells, strict=True) if p is not None]}
              for r in grid.rows]

    def flagged(found: tuple[acc.Flagged, ...]) -> list[dict]:
        return [{"dimension": f.row.dimension, "key": _key(f.row), "label": f.row.label,
                 "outcomes": [grid.columns[i].indicator.label for i in f.indicators], "sentence": f.sentence}
                for f in found]
    return {"min_n": grid.min_n, "colour_min_n": grid.colour_min_n, "source": SOURCE, "indicators": indicators,
            "groups": groups, "red_on_two_or_more": flagged(acc.red_on_two(grid)), "lowest": flagged(acc.lowest(grid))}


def render(grid: acc.Grid, presets: tuple[Preset | None, ...], fmt: str) -> str:
    """JSON, CSV (one row per group and indicator, the reason a cell has no colour last) or a table of words with
    the groups identified below it."""
    out = as_json(grid, presets)
    if fmt == "json":
        return json.dumps(out) + "\n"
    if fmt == "csv":
        heads = ["dimension", "key", "group", "outcome", "n", "value", "change", "status", "change_level", "colour",
                 "needed_to_leave_red", "suppressed", "why"]
        rows = [[g["dimension"], "" if g["key"] is None else key_text(g["key"]), g["label"],
                 *("" if c.get(h) is None else c[h] for h in heads[3:])]
                for g in out["groups"] for c in g["indicators"]]
        return cli_options.csv_text([heads, *rows])
    table = [["group", *(c.indicator.label for c in grid.columns)],
             *([r.label, *(acc.cell_words(p) for p in r.cells)] for r in grid.rows)]
    sentences = [f["sentence"] for f in out["red_on_two_or_more"]] or ["No student group is red on two or more "
                                                                        "indicators."]
    head = (f"{acc.caption(grid)}; groups under {grid.min_n} students hidden, no colour under {grid.colour_min_n}; "
            "cut points: " + "; ".join(f"{i['outcome']} {i['preset'] or 'own'} {i['cuts']['status']} "
                                       f"{i['cuts']['change']}" for i in out["indicators"]))
    return "\n".join([head, *cli_options.aligned(table), "", *sentences, *(f["sentence"] for f in out["lowest"]), ""])
