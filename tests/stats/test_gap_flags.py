"""Gap flags beside Newcombe's interval, every figure worked out by hand: the percentage-point gap (PPG) against all
students with its margin of error, the proportionality index and the 80% index; hidden groups are never flagged or
given an index."""

import pytest

from equity.model.dimensions import DIMENSIONS
from equity.model.rules import Rule
from equity.sources.cells import Stats
from equity.stats.gap_flags import Flag, flag, highest, margin_of_error
from equity.stats.metrics import Breakdown, GroupResult
from equity.words.i18n import catalogue

RATE = Rule("threshold", 70)


def _group(key: str, n: int, meeting: int | None, distinguishable: bool | None = None) -> GroupResult:
    """A shown group of n students of whom `meeting` meet the outcome; None for a hidden group."""
    if meeting is None:
        return GroupResult(key, key, n, None, None, None, None, True, reason="small")
    return GroupResult(key, key, n, meeting / n * 100, 0.0, (0.0, 100.0), distinguishable, False)


def _result(groups, meeting_overall: int, rule: Rule = RATE) -> Breakdown:
    n = sum(g.n for g in groups)
    return Breakdown("Final %", rule, DIMENSIONS["race"], "all", 10, Stats(n, meeting_overall, meeting_overall),
                     False, tuple(groups))


# A: 40 of 100 meet (40%); B: 210 of 300 (70%); all students 250 of 400 (62.5%).
TWO = [_group("Asian", 100, 40), _group("White", 300, 210)]


def test_margin_of_error_by_hand():
    assert margin_of_error(100) == pytest.approx(9.8)              # 1.96 × √(0.25/100) = 1.96 × 0.05
    assert margin_of_error(300) == pytest.approx(5.658, abs=1e-3)  # 1.96 × 0.028868
    assert margin_of_error(1) == pytest.approx(98.0)               # one student: 1.96 × 0.5
    assert margin_of_error(10_000) == 3.0                          # 1.96 × 0.005 = 0.0098, below the 3-point floor
    assert margin_of_error(1068) == 3.0                            # 0.029997: still the floor


def test_ppg_compares_with_all_students():
    flags = flag(_result(TWO, 250), Flag.PPG)
    asian, white = flags.of("Asian"), flags.of("White")
    # Asian: 40% against all 400 students' 250/400 = 62.5% (Asian included) → −22.5 points, beyond its 9.8-point
    # margin. (Against the other 300 students' 70% it would have been −30.)
    assert asian.index == pytest.approx(-22.5) and asian.margin == pytest.approx(9.8) and asian.flagged
    # White: 70% against 62.5% → +7.5: above, never flagged.
    assert white.index == pytest.approx(7.5) and white.margin == pytest.approx(5.658, abs=1e-3)
    assert white.flagged is False
    assert [f.key for f in flags.flagged()] == ["Asian"]


def test_ppg_at_exactly_minus_the_margin_is_flagged():
    # Asian 40 of 100 (40%), White 209 of 400: all students 249 of 500 = 49.8% → 40 − 49.8 = −9.8 points, exactly
    # minus the margin 1.96 × √(0.25/100) = 9.8: disproportionately impacted.
    flags = flag(_result([_group("Asian", 100, 40), _group("White", 400, 209)], 249), Flag.PPG)
    assert flags.of("Asian").index == pytest.approx(-9.8) and flags.of("Asian").margin == pytest.approx(9.8)
    assert flags.of("Asian").flagged is True


def test_ppg_just_inside_the_margin_is_not_flagged():
    # One White student fewer meeting (208 of 400): all students 248 of 500 = 49.6% → 40 − 49.6 = −9.6 > −9.8.
    flags = flag(_result([_group("Asian", 100, 40), _group("White", 400, 208)], 248), Flag.PPG)
    assert flags.of("Asian").index == pytest.approx(-9.6) and flags.of("Asian").flagged is False


def test_ppg_margin_floor_of_3_points():
    # Asian 600 of 2000 (30%), White 2480 of 8000 (31%): all students 3080 of 10000 = 30.8% → −0.8 points for Asian;
    # White +0.2. Margins: 1.96 × √(0.25/2000) = 2.19 and 1.96 × √(0.25/8000) = 1.10, both raised to the 3-point floor.
    flags = flag(_result([_group("Asian", 2000, 600), _group("White", 8000, 2480)], 3080), Flag.PPG)
    assert flags.of("Asian").index == pytest.approx(-0.8) and flags.of("Asian").margin == 3.0
    assert flags.of("White").index == pytest.approx(0.2) and flags.of("White").margin == 3.0
    assert flags.flagged() == ()


def test_ppg_one_student_has_a_margin_of_98_points():
    # One student, not meeting: 0% against all 301 students' 210/301 = 69.767% → −69.767, inside the 98-point margin.
    flags = flag(_result([_group("Asian", 1, 0), _group("White", 300, 210)], 210), Flag.PPG)
    assert flags.of("Asian").index == pytest.approx(-21000 / 301) and flags.of("Asian").flagged is False


def test_ppg_of_a_group_that_is_every_student_is_zero():
    # Asian is the whole cohort: 40% − 40% = 0, not flagged.
    flags = flag(_result([_group("Asian", 100, 40)], 40), Flag.PPG)
    assert flags.of("Asian").index == pytest.approx(0.0) and flags.of("Asian").flagged is False


def test_proportionality_index_by_hand():
    flags = flag(_result(TWO, 250), Flag.PI)
    # Asian: 40/250 = 16% of those meeting, 100/400 = 25% of all → 0.64, flagged.
    assert flags.of("Asian").index == pytest.approx(0.64) and flags.of("Asian").flagged
    # White: 210/250 = 84% of those meeting, 75% of all → 1.12.
    assert flags.of("White").index == pytest.approx(1.12) and flags.of("White").flagged is False


def test_proportionality_index_at_exactly_0_8_is_not_flagged():
    # 20 of 50 and 30 of 50: Asian holds 20/50 = 40% of those meeting and 50% of all → 0.8.
    flags = flag(_result([_group("Asian", 50, 20), _group("White", 50, 30)], 50), Flag.PI)
    assert flags.of("Asian").index == pytest.approx(0.8) and flags.of("Asian").flagged is False


def test_proportionality_index_when_nobody_meets_the_outcome():
    flags = flag(_result([_group("Asian", 50, 0), _group("White", 50, 0)], 0), Flag.PI)
    assert all(f.index is None and f.flagged is None for f in flags.groups)


def test_hidden_groups_count_in_the_cohort_but_get_no_index():
    # A hidden group of 5 (3 meeting) is part of all students: 405 students, 253 meeting.
    groups = [*TWO, _group("Black or African American", 5, None)]
    for method in Flag:
        hidden = flag(_result(groups, 253), method).of("Black or African American")
        assert hidden.flagged is None and hidden.index is None and hidden.margin is None
    # Asian's index: (40/253) / (100/405) = 16200/25300 = 0.64032.
    assert flag(_result(groups, 253), Flag.PI).of("Asian").index == pytest.approx(0.640316, abs=1e-6)
    # Asian's PPG against all 405 (hidden ones included): 40 − 25300/405 = (16200 − 25300)/405 = −9100/405 = −22.469.
    assert flag(_result(groups, 253), Flag.PPG).of("Asian").index == pytest.approx(-9100 / 405)


def test_eighty_percent_index_by_hand():
    # Highest: White at 70%. Asian 40/70 = 0.571 (flagged); Two or More Races 14 of 25 = 56%, 56/70 = 0.8 exactly.
    groups = [*TWO, _group("Two or More Races", 25, 14)]
    flags = flag(_result(groups, 264), Flag.EIGHTY)
    assert flags.reference.key == "White"
    assert flags.of("Asian").index == pytest.approx(4 / 7) and flags.of("Asian").flagged
    assert flags.of("Two or More Races").index == pytest.approx(0.8)
    assert flags.of("Two or More Races").flagged is False
    assert flags.of("White").index == pytest.approx(1.0) and flags.of("White").flagged is False


def test_eighty_percent_index_never_measures_against_not_reported():
    groups = [*TWO, _group("Not reported", 20, 18)]            # 90%, above White's 70%
    result = _result(groups, 268)
    assert highest(result).key == "White"
    assert flag(result, Flag.EIGHTY).of("Not reported").index == pytest.approx(90 / 70)


def test_eighty_percent_index_when_the_highest_rate_is_zero():
    flags = flag(_result([_group("Asian", 50, 0), _group("White", 50, 0)], 0), Flag.EIGHTY)
    assert flags.reference.value == 0
    assert all(f.index is None and f.flagged is None for f in flags.groups)


def test_newcombe_is_the_interval_already_computed():
    groups = [_group("Asian", 100, 40, True), _group("White", 300, 210, False), _group("Black", 4, None)]
    flags = flag(_result(groups, 252))
    assert flags.method is Flag.NEWCOMBE
    assert [f.flagged for f in flags.groups] == [True, False, None]


def test_averages_take_newcombe_only():
    result = _result(TWO, 250, Rule("mean"))
    assert flag(result, Flag.NEWCOMBE).method is Flag.NEWCOMBE
    for method in (Flag.PPG, Flag.PI, Flag.EIGHTY):
        assert method.rates_only
        with pytest.raises(ValueError, match="95% interval"):
            flag(result, method)


def test_flag_values_are_what_the_command_line_takes():
    assert [f.value for f in Flag] == ["newcombe", "ppg", "pi", "80"]
    assert Flag("80") is Flag.EIGHTY


def test_every_method_has_its_words_in_both_languages():
    for lang in ("en", "es"):
        words = catalogue(lang)
        for method in Flag:
            assert f"flag.{method.value}.name" in words
        for method in (Flag.PPG, Flag.PI, Flag.EIGHTY):
            for key in ("flag.{}.how", "chart.flag.{}.yes", "chart.flag.{}.no", "chart.flag.{}.subtitle",
                        "summary.flag_{}", "summary.flag_{}_none"):
                assert key.format(method.value) in words, (lang, key, method)
