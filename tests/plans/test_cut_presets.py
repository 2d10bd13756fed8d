"""The California presets against the CDE's published five-by-five tables (2023 Dashboard,
https://www.cde.ca.gov/ta/ac/cm/fivebyfivecolortables23.asp; the suspension ranges as the CDE's placement
reports print them). Each published range is checked at both of its ends, to the tenth the Dashboard reports:
"2.6% to 5.0%" means 2.6 and 5.0 are Low, so 2.5 and 5.1 are not."""

import pytest

from equity.model.groups import Grouping
from equity.model.rules import Rule
from equity.plans import scorecard as sc
from equity.plans.cut_presets import PRESETS, suggested
from equity.plans.status_grid import COLOURS, change_level, colour, status_level

# preset: (status level of each published range's two ends, from very low to very high),
#         (change level of each published range's two ends, from declined significantly to increased
#          significantly); None stands for a range open at that end.
PUBLISHED = {
    # Very low "2.5% or less", Low "2.6% to 5.0%", Medium "5.1% to 10.0%", High "10.1% to 20.0%", Very high
    # "20.1% or greater"; declined significantly "by 3.0 p.pts or more", declined "by 0.5 to 2.9",
    # maintained "declined or increased by 0.4 or fewer", increased "by 0.5 to 3.0", increased significantly
    # "by 3.1 or more".
    "chronic_absenteeism": ([(None, 2.5), (2.6, 5.0), (5.1, 10.0), (10.1, 20.0), (20.1, None)],
                            [(None, -3.0), (-2.9, -0.5), (-0.4, 0.4), (0.5, 3.0), (3.1, None)]),
    # Unified district: Very low "1.0% or less", Low "greater than 1.0% to 2.5%", Medium "greater than 2.5% to
    # 4.5%", High "greater than 4.5% to 8.0%", Very high "greater than 8.0%"; declined significantly "by 2.0%
    # or greater", declined "by 0.3% to less than 2.0%", maintained "less than 0.3%", increased "by 0.3% to
    # 2.0%", increased significantly "by greater than 2.0%".
    "suspension_unified": ([(None, 1.0), (1.1, 2.5), (2.6, 4.5), (4.6, 8.0), (8.1, None)],
                           [(None, -2.0), (-1.9, -0.3), (-0.2, 0.2), (0.3, 2.0), (2.1, None)]),
    # Elementary district: 0.5% or less, to 1.5%, to 3.0%, to 6.0%, more; change as for unified districts.
    "suspension_elementary": ([(None, 0.5), (0.6, 1.5), (1.6, 3.0), (3.1, 6.0), (6.1, None)],
                              [(None, -2.0), (-1.9, -0.3), (-0.2, 0.2), (0.3, 2.0), (2.1, None)]),
    # Very low "less than 68.0%", Low "68.0% to 79.9%", Medium "80.0% to 89.9%", High "90.0% to 94.9%", Very
    # high "95.0% or greater"; declined significantly "by more than 5.0", declined "by 1.0 to 5.0",
    # maintained "by less than 1.0", increased "by 1.0 to 4.9", increased significantly "by 5.0 or more".
    "graduation": ([(None, 67.9), (68.0, 79.9), (80.0, 89.9), (90.0, 94.9), (95.0, None)],
                   [(None, -5.1), (-5.0, -1.0), (-0.9, 0.9), (1.0, 4.9), (5.0, None)]),
    # Very low "less than 35.0%", then 45.0, 55.0 and 65.0; change at 2.0 and 10.0 points.
    "english_learner_progress": ([(None, 34.9), (35.0, 44.9), (45.0, 54.9), (55.0, 64.9), (65.0, None)],
                                 [(None, -10.1), (-10.0, -2.0), (-1.9, 1.9), (2.0, 9.9), (10.0, None)]),
    # ELA, grades 3-8: Very low "70.1 or more points below standard", Low "5.1 to 70.0 below", Medium "5.0
    # below to 9.9 above", High "10.0 to 44.9 above", Very high "45.0 or more above"; change at 3 and 15 points.
    "ela_distance": ([(None, -70.1), (-70.0, -5.1), (-5.0, 9.9), (10.0, 44.9), (45.0, None)],
                     [(None, -15.1), (-15.0, -3.0), (-2.9, 2.9), (3.0, 14.9), (15.0, None)]),
    # Mathematics, grades 3-8: Very low "95.1 or more below", Low "25.1 to 95.0 below", Medium "0.1 to 25.0
    # below", High "0 to 34.9 above", Very high "35.0 or more above".
    "math_distance": ([(None, -95.1), (-95.0, -25.1), (-25.0, -0.1), (0.0, 34.9), (35.0, None)],
                      [(None, -15.1), (-15.0, -3.0), (-2.9, 2.9), (3.0, 14.9), (15.0, None)]),
}


def _ends(ranges):
    return [(end, level) for level, pair in enumerate(ranges) for end in pair if end is not None]


def test_every_preset_is_checked():
    assert set(PRESETS) == set(PUBLISHED)


@pytest.mark.parametrize("key", sorted(PUBLISHED))
def test_status_ranges_as_published(key):
    preset = PRESETS[key]
    ends = _ends(PUBLISHED[key][0])
    assert len(ends) == 8
    assert [status_level(v, preset.cuts, preset.higher_is_better) for v, _ in ends] == [level for _, level in ends]


@pytest.mark.parametrize("key", sorted(PUBLISHED))
def test_change_ranges_as_published(key):
    preset = PRESETS[key]
    ends = _ends(PUBLISHED[key][1])
    assert [change_level(v, preset.cuts, preset.higher_is_better) for v, _ in ends] == [level for _, level in ends]


def test_the_chronic_absenteeism_colours_as_published():
    # The 2023 table, rows very low to very high, columns increased significantly to declined significantly.
    published = [["yellow", "green", "blue", "blue", "blue"],
                 ["orange", "yellow", "green", "green", "blue"],
                 ["orange", "orange", "yellow", "green", "green"],
                 ["red", "orange", "orange", "yellow", "yellow"],
                 ["red", "red", "red", "orange", "yellow"]]
    assert [[COLOURS[colour(s, c, False)] for c in reversed(range(5))] for s in range(5)] == published


@pytest.mark.parametrize(("name", "outcome", "expected"), [
    ("Chronic absence", "chronic_absent", "chronic_absenteeism"), ("Days absent 10%", "absent", "chronic_absenteeism"),
    ("Suspensions", "suspended", "suspension_unified"), ("Graduated", "grad_4yr", "graduation"),
    ("ELPI", "elpi_progress", "english_learner_progress"), ("ELA distance from standard", "ela_dfs", "ela_distance"),
    ("Math DFS", "math_dfs", "math_distance"), ("Final %", "final", None)])
def test_a_preset_suggested_by_the_indicator_name(name, outcome, expected):
    indicator = sc.Indicator(name, outcome, name, Rule("boolean"), Grouping("race"), sc.LEADING)
    found = suggested(indicator)
    assert (found.key if found else None) == expected
