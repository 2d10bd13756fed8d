"""Status × change (DESIGN.md, Targets): each scorecard indicator placed by its latest value (status, five
levels) and its change since the baseline term (five levels), and coloured by the California School
Dashboard's five-by-five grid, so many indicators can be read at once.

Cut points are the user's (or a published preset, equity.plans.cut_presets). As the Dashboard's tables word
them, a value at a status cut point belongs to the better level (68 with cuts 68, 80, 90, 95 is Low; a chronic
absence rate of 2.5 with cuts 2.5, 5, 10, 20 is Very low), a change at the outer change cuts to the better
level, and a change at the middle two cuts leaves 'maintained'. So where higher is better, 'declined
significantly' is more than the first cut's decline, 'declined' down to the second cut inclusive, 'maintained'
strictly between the middle two, 'increased' from the third cut up to (not including) the fourth, 'increased
significantly' from the fourth; where lower is better (suspension, chronic absence) the outer bounds are
mirrored (a fall of exactly the first cut is 'declined significantly'). The grid is turned round too: a very
low rate that declined significantly is Blue. Values and changes are rounded to a tenth before they are
placed, as the Dashboard does, so a rate shown as 80.0 is never placed below 80. A hidden latest value gets no
status and no colour; a hidden or missing baseline gets no change level and no colour; under a privacy setting
with a colour minimum (the Dashboard's 30 students), a smaller population keeps its levels but gets no colour.
Colours come from a colour-blind-safe palette, and every cell names its level in words, so colour never
carries the meaning alone.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from equity.plans.cut_presets import PRESETS, Cuts, suggested
from equity.plans.scorecard import Card, Indicator
from equity.stats.privacy import coloured
from equity.words.i18n import t

STATUS = ("very_low", "low", "medium", "high", "very_high")
CHANGE = ("declined_significantly", "declined", "maintained", "increased", "increased_significantly")
COLOURS = ("red", "orange", "yellow", "green", "blue")          # worst to best
# The Dashboard's grid for an indicator where higher is better: rows status (very low → very high), columns
# change (declined significantly → increased significantly), cells an index into COLOURS.
CALIFORNIA = ((0, 0, 0, 1, 2),
              (0, 1, 1, 2, 2),
              (1, 1, 2, 3, 3),
              (1, 2, 3, 3, 4),
              (2, 3, 4, 4, 4))
# Okabe-Ito colours (distinguishable with every common colour-vision deficiency), each with a text colour
# that reads on it at 4.5:1 or more.
PALETTE = {"red": ("#D55E00", "#000000"), "orange": ("#E69F00", "#000000"), "yellow": ("#F0E442", "#000000"),
           "green": ("#009E73", "#000000"), "blue": ("#0072B2", "#FFFFFF")}
HIDDEN, ONE_TERM, BASELINE_HIDDEN, FEW = "hidden", "one_term", "baseline_hidden", "few"


# The Dashboard's graduation-rate cut points for a rate where higher is better, its chronic-absenteeism ones
# where lower is better.
HIGHER_CUTS = PRESETS["graduation"].cuts
LOWER_CUTS = PRESETS["chronic_absenteeism"].cuts


def default_cuts(indicator: Indicator) -> Cuts:
    """The published cut points the indicator's name suggests (suspension, graduation …) when they run the same
    way, else the graduation or chronic-absenteeism ones."""
    preset = suggested(indicator)
    if preset is not None and preset.higher_is_better == indicator.higher_is_better:
        return preset.cuts
    return HIGHER_CUTS if indicator.higher_is_better else LOWER_CUTS


def tenth(value: float) -> float:
    """The value to one decimal, halves away from zero, as the Dashboard rounds a rate or a change before
    placing it (12.25 is 12.3, whatever its binary form)."""
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def status_level(value: float, cuts: Cuts, higher_is_better: bool = True) -> int:
    """0 (very low) to 4 (very high): how many cut points the value (to a tenth) reaches, or passes where lower
    is better."""
    value = tenth(value)
    return sum(value >= c if higher_is_better else value > c for c in cuts.status)


def change_level(change: float, cuts: Cuts, higher_is_better: bool = True) -> int:
    """0 (declined significantly) to 4 (increased significantly), as the module says, for the change to a
    tenth."""
    change = tenth(change)
    first, second, third, fourth = cuts.change
    if change < first or (not higher_is_better and change == first):
        return 0
    if change <= second:
        return 1
    if change < third:
        return 2
    return 3 if change < fourth or (not higher_is_better and change == fourth) else 4


def colour(status: int, change: int, higher_is_better: bool = True) -> int:
    """The grid's colour (index into COLOURS) for a status and a change level, turned round where lower is
    better."""
    return CALIFORNIA[status][change] if higher_is_better else CALIFORNIA[4 - status][4 - change]


@dataclass(frozen=True)
class Placement:
    card: Card
    status: int | None        # None when the latest value is hidden
    change: int | None        # None without a change (hidden baseline, or one term)
    colour: int | None        # None unless both are known
    reason: str = ""          # why there is no colour: HIDDEN, ONE_TERM, BASELINE_HIDDEN or FEW


def place(card: Card, cuts: Cuts, colour_min_n: int = 0) -> Placement:
    """The card's levels and colour; no colour when the latest term has fewer than `colour_min_n` students."""
    if card.latest is None:
        return Placement(card, None, None, None, HIDDEN)
    higher = card.indicator.higher_is_better
    status = status_level(card.latest, cuts, higher)
    if card.change is None:
        return Placement(card, status, None, None, ONE_TERM if len(card.trend) < 2 else BASELINE_HIDDEN)
    change = change_level(card.change, cuts, higher)
    if not coloured(card.latest_n, colour_min_n):
        return Placement(card, status, change, None, FEW)
    return Placement(card, status, change, colour(status, change, higher))


def status_text(level: int | None) -> str:
    return t(f"grid.status.{STATUS[level]}") if level is not None else "—"


def change_text(level: int | None) -> str:
    return t(f"grid.change.{CHANGE[level]}") if level is not None else "—"


def colour_text(p: Placement) -> str:
    """The colour's name, or why there is none: 'Orange', 'No colour: hidden (too few students)'."""
    if p.colour is None:
        return t(f"grid.no_colour.{p.reason}", n=p.card.latest_n)
    return t(f"grid.colour.{COLOURS[p.colour]}")


CUT_COLUMNS = ("status_1", "status_2", "status_3", "status_4", "change_1", "change_2", "change_3", "change_4")


def read_cuts(indicators: list[Indicator], frame: pd.DataFrame
              ) -> tuple[dict[str, Cuts], list[str]]:
    """Cut points per indicator label from the edited table, and a problem line for each row that cannot be
    used (that indicator keeps its default cut points)."""
    chosen, problems = {}, []
    for ind, row in zip(indicators, frame.itertuples(index=False), strict=False):
        numbers = list(row)[1:]
        try:
            values = [float(v) for v in numbers]
        except (TypeError, ValueError):
            values = []
        cuts = Cuts(tuple(values[:4]), tuple(values[4:])) if len(values) == 8 and all(v == v for v in values) \
            else None
        wrong = t("grid.cuts_missing") if cuts is None else cuts.problem()
        if wrong:
            problems.append(t("grid.row_problem", indicator=ind.name(), problem=wrong))
            continue
        chosen[ind.label] = cuts
    return chosen, problems
