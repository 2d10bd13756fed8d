"""Cut points published by the California Department of Education for the School Dashboard's five-by-five
colours, so a principal can colour an indicator the way the state does without typing them in.

Source: the CDE's "Five-by-Five Colored Tables" for the 2023 Dashboard,
https://www.cde.ca.gov/ta/ac/cm/fivebyfivecolortables23.asp (the 2019 tables,
https://www.cde.ca.gov/ta/ac/cm/fivebyfivecolortables19.asp, have the same cut points, worded "more than"
rather than to the tenth). Each table is written here as four status cuts and four change cuts; equity.status_grid
places a value at a cut point in the better level, as the tables' ranges do ("2.5% or less" is Very low
chronic absence; "95% or greater" is Very high graduation). Suspension cut points differ by the kind of
district; the unified (K-12) and elementary district tables are given. The academic indicators are the
average distance from standard (scale score minus the grade's "Standard Met" cut) in grades 3-8. The
Dashboard's 3x5 grid for populations under 150 is not modelled."""

import re
from dataclasses import dataclass

from equity.plans.scorecard import Indicator
from equity.words.i18n import t

YEAR = 2023
SOURCE = "https://www.cde.ca.gov/ta/ac/cm/fivebyfivecolortables23.asp"


@dataclass(frozen=True)
class Cuts:
    """Four ascending cut points each for status (in the indicator's unit) and for change (in points)."""

    status: tuple[float, float, float, float]
    change: tuple[float, float, float, float]

    def problem(self) -> str | None:
        """Why these cut points cannot be used, or None."""
        for cuts in (self.status, self.change):
            if len(cuts) != 4 or any(b <= a for a, b in zip(cuts, cuts[1:], strict=False)):
                return t("grid.cuts_ascending")
        return None


@dataclass(frozen=True)
class Preset:
    key: str
    cuts: Cuts
    higher_is_better: bool
    pattern: str = ""         # words in an indicator's name or column that suggest this preset

    def name(self) -> str:
        return t(f"cut_preset.{self.key}", year=YEAR)


PRESETS = {p.key: p for p in (
    Preset("chronic_absenteeism", Cuts((2.5, 5.0, 10.0, 20.0), (-3.0, -0.5, 0.5, 3.0)), False, r"chronic|absen"),
    Preset("suspension_unified", Cuts((1.0, 2.5, 4.5, 8.0), (-2.0, -0.3, 0.3, 2.0)), False, r"suspen"),
    Preset("suspension_elementary", Cuts((0.5, 1.5, 3.0, 6.0), (-2.0, -0.3, 0.3, 2.0)), False),
    Preset("graduation", Cuts((68.0, 80.0, 90.0, 95.0), (-5.0, -1.0, 1.0, 5.0)), True, r"grad"),
    Preset("english_learner_progress", Cuts((35.0, 45.0, 55.0, 65.0), (-10.0, -2.0, 2.0, 10.0)), True,
           r"elpi|elpac|learner.?progress"),
    Preset("ela_distance", Cuts((-70.0, -5.0, 10.0, 45.0), (-15.0, -3.0, 3.0, 15.0)), True,
           r"(ela|english|reading).*(distance|dfs)|(distance|dfs).*(ela|english|reading)"),
    Preset("math_distance", Cuts((-95.0, -25.0, 0.0, 35.0), (-15.0, -3.0, 3.0, 15.0)), True,
           r"math.*(distance|dfs)|(distance|dfs).*math"),
)}


def suggested(indicator: Indicator) -> Preset | None:
    """The preset an indicator's name or column suggests (chronic absence, suspension, graduation …), if any."""
    words = " ".join((indicator.key, indicator.label, indicator.outcome, indicator.outcome_label)).casefold()
    return next((p for p in PRESETS.values() if p.pattern and re.search(p.pattern, words)), None)
