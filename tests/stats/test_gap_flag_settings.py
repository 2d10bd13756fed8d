"""The gap flags' settings (DisImpact's arguments), every figure worked out by hand: the PPG reference (all students,
all other students, the highest group, a named group, a fixed rate), the margin's floor and formula, the cut-offs
and the 80% index's reference. The defaults give exactly what the flags gave before there were settings."""

from dataclasses import replace

import pytest

from equity.stats.gap_flag_settings import DEFAULTS, FlagSettings, margin_of_error
from equity.stats.gap_flags import Flag, flag
from equity.words.gap_flags import settings_line
from tests.stats.test_gap_flags import TWO, _group, _result

# TWO: Asian 40 of 100 (40%), White 210 of 300 (70%); all students 250 of 400 = 62.5%.


def _others(groups, meeting: int, compare: str = "others"):
    return replace(_result(groups, meeting), compare=compare)


def test_defaults_are_the_published_method():
    assert FlagSettings("compare", 0.03, False, 0.8, 0.8, "hpg") == DEFAULTS
    assert DEFAULTS.params() == {"ppg_reference": "compare", "min_moe": 0.03, "moe_from_rate": False, "pi_cut": 0.8,
                                 "eighty_cut": 0.8, "eighty_reference": "hpg"}
    assert settings_line(Flag.PPG, DEFAULTS) is None


def test_ppg_against_all_other_students_follows_the_comparison():
    # Asian against the other 300 students: 40% − 70% = −30 points (against all students it is −22.5).
    flags = flag(_others(TWO, 250), Flag.PPG)
    assert flags.of("Asian").index == pytest.approx(-30.0) and flags.of("Asian").reference == pytest.approx(70.0)
    # White against the other 100: 70 − 40 = +30.
    assert flags.of("White").index == pytest.approx(30.0)
    # Asked for all students explicitly, the comparison no longer matters: −22.5.
    explicit = flag(_others(TWO, 250), Flag.PPG, FlagSettings(ppg_reference="all"))
    assert explicit.of("Asian").index == pytest.approx(-22.5)


def test_ppg_against_the_highest_group_a_named_group_and_a_fixed_rate():
    groups = [*TWO, _group("Black", 50, 30)]                 # Black 60%; all 280 of 450
    hpg = flag(_result(groups, 280), Flag.PPG, FlagSettings(ppg_reference="hpg"))
    assert hpg.of("Asian").index == pytest.approx(-30.0)      # 40 − 70 (White)
    assert hpg.of("Black").index == pytest.approx(-10.0)      # 60 − 70; margin 1.96 × √(0.25/50) = 13.859: not flagged
    assert hpg.of("Black").margin == pytest.approx(13.859, abs=1e-3) and hpg.of("Black").flagged is False
    named = flag(_result(groups, 280), Flag.PPG, FlagSettings(ppg_reference="Black"))
    assert named.of("Asian").index == pytest.approx(-20.0) and named.of("Asian").flagged   # 40 − 60 ≤ −9.8
    assert named.of("White").index == pytest.approx(10.0)
    goal = flag(_result(groups, 280), Flag.PPG, FlagSettings(ppg_reference="54%"))
    assert goal.of("Asian").index == pytest.approx(-14.0) and goal.of("Asian").reference == 54.0
    assert goal.of("Black").index == pytest.approx(6.0)


def test_ppg_against_a_hidden_group_judges_nobody():
    groups = [*TWO, _group("Black", 5, None)]
    named = flag(_result(groups, 253), Flag.PPG, FlagSettings(ppg_reference="Black"))
    assert all(f.flagged is None and f.index is None and f.needed is None for f in named.groups)


def test_margin_floor_and_the_groups_own_rate():
    # 1.96 × √(0.25/2000) = 2.191 points: under the 3-point floor, above a 2-point one.
    assert margin_of_error(2000) == 3.0
    assert margin_of_error(2000, settings=FlagSettings(min_moe=0.02)) == pytest.approx(2.1913, abs=1e-4)
    # From the rate: 1.96 × √(0.3 × 0.7 / 2000) = 1.96 × 0.0102470 = 2.0084 points.
    own = FlagSettings(min_moe=0.02, moe_from_rate=True)
    assert margin_of_error(2000, 30.0, own) == pytest.approx(2.0084, abs=1e-4)
    # 0% and 100% would give no margin: 50% stands in, 1.96 × √(0.25/100) = 9.8.
    assert margin_of_error(100, 0.0, own) == pytest.approx(9.8)
    assert margin_of_error(100, 100.0, own) == pytest.approx(9.8)
    # A 40% group of 100: 1.96 × √(0.24/100) = 9.602 (less than 9.8 from 50%).
    assert flag(_result(TWO, 250), Flag.PPG, own).of("Asian").margin == pytest.approx(9.6020, abs=1e-4)


def test_cut_offs_change_who_is_flagged():
    # Asian's proportionality index 0.64 and 80% index 0.571: flagged at 0.8, not at 0.6 / 0.55.
    assert flag(_result(TWO, 250), Flag.PI).of("Asian").flagged
    assert flag(_result(TWO, 250), Flag.PI, FlagSettings(pi_cut=0.6)).of("Asian").flagged is False
    assert flag(_result(TWO, 250), Flag.EIGHTY, FlagSettings(eighty_cut=0.55)).of("Asian").flagged is False
    assert settings_line(Flag.PI, FlagSettings(pi_cut=0.6)) == "Settings: flagged below 0.6."


def test_eighty_percent_index_against_a_named_group():
    groups = [*TWO, _group("Black", 50, 30)]                 # Black 60%
    flags = flag(_result(groups, 280), Flag.EIGHTY, FlagSettings(eighty_reference="Black"))
    assert flags.reference.key == "Black"
    assert flags.of("Asian").index == pytest.approx(40 / 60) and flags.of("Asian").flagged     # 0.667
    assert flags.of("White").index == pytest.approx(70 / 60) and flags.of("White").flagged is False


@pytest.mark.parametrize("bad", [FlagSettings(min_moe=3), FlagSettings(pi_cut=0), FlagSettings(eighty_cut=1.5),
                                 FlagSettings(ppg_reference="120%")])
def test_settings_out_of_range_are_refused(bad):
    with pytest.raises(ValueError):
        bad.checked()
