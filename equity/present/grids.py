"""The scorecard page's colour grids as HTML (the Dashboard's five-by-five grid, every student group on every
indicator, one indicator by group), and the cut-point table a user edits.
Each cell names its colour, status and change in words, so colour never carries the meaning alone; the HTML
comes from the autoescaped templates of equity.present.html."""

from collections import defaultdict

import pandas as pd
from markupsafe import Markup

from equity.plans.accountability import Grid, caption, cell_words
from equity.plans.group_grid import GroupPlacement, colour_words
from equity.plans.scorecard import Indicator
from equity.plans.status_grid import (
    COLOURS,
    CUT_COLUMNS,
    PALETTE,
    Cuts,
    Placement,
    change_text,
    colour,
    default_cuts,
    status_text,
)
from equity.present.html import fragment
from equity.words.i18n import t


def grid_html(placements: list[Placement], higher_is_better: bool) -> Markup:
    """The five-by-five grid for one direction: very high status on top, each cell coloured, naming its
    colour in words and listing the indicators placed in it."""
    placed: dict[tuple[int, int], list[str]] = defaultdict(list)
    for p in placements:
        if p.colour is not None:
            placed[(p.status, p.change)].append(p.card.indicator.name())
    rows = []
    for s in reversed(range(5)):
        cells = []
        for c in range(5):
            name = COLOURS[colour(s, c, higher_is_better)]
            cells.append({"palette": PALETTE[name], "words": t(f"grid.colour.{name}"),
                          "names": placed.get((s, c), [])})
        rows.append((status_text(s), cells))
    return fragment("status_grid.html", rows=rows, corner=t("grid.corner"),
                    changes=[change_text(c) for c in range(5)],
                    caption=t("grid.higher_caption" if higher_is_better else "grid.lower_caption"))


def accountability_html(grid_: Grid) -> Markup:
    """Groups down, indicators across, each cell coloured as the Dashboard would and naming its colour, status
    and change in words (an uncoloured cell says why), so colour never carries the meaning alone."""
    rows = [{"name": row.label,
             "cells": [{"palette": None if p is None or p.colour is None else PALETTE[COLOURS[p.colour]],
                        "words": cell_words(p)} for p in row.cells]} for row in grid_.rows]
    return fragment("accountability.html", caption=caption(grid_), corner=t("column.group"),
                    heads=[c.indicator.name() for c in grid_.columns], rows=rows)


def group_grid_html(placements: tuple[GroupPlacement, ...], title: str) -> Markup:
    """One row per group: its name, then a cell coloured as the Dashboard would, naming the colour, the status
    and the change in words (an uncoloured cell says why)."""
    rows = [{"name": p.label, "palette": None if p.colour is None else PALETTE[COLOURS[p.colour]],
             "words": " · ".join((colour_words(p), status_text(p.status),
                                  change_text(p.change_level)))} for p in placements]
    return fragment("group_grid.html", rows=rows, title=title)


def cuts_frame(indicators: list[Indicator], chosen: dict[str, Cuts]) -> pd.DataFrame:
    """The cut points in force, one row per indicator, for the user to edit."""
    rows = []
    for ind in indicators:
        cuts = chosen.get(ind.label, default_cuts(ind))
        rows.append([ind.name(), *cuts.status, *cuts.change])
    return pd.DataFrame(rows, columns=[t("grid.column.indicator"), *(t(f"grid.column.{c}")
                                                                             for c in CUT_COLUMNS)])
