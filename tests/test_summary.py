"""The one-sentence summary says what the figures support, no more."""

from equity.dimensions import DIMENSIONS
from equity.metrics import Breakdown, GroupResult, Rule, Stats
from equity.summary import largest_gap_sentence


def _result(groups, rule=Rule("threshold", 70)):
    return Breakdown("Final %", rule, DIMENSIONS["race"], "all", 10, Stats(100, 60, 60), False, tuple(groups))


def _group(label, gap, distinguishable, value=50.0):
    return GroupResult(label, label, 40, value, gap, (40.0, 60.0), distinguishable, False)


def test_names_the_largest_gap_and_says_it_is_beyond_chance():
    text = largest_gap_sentence(_result([_group("Asian", 3.0, False), _group("White", -12.25, True)]))
    assert text.startswith("The largest gap by race/ethnicity is for White")
    assert "12.2 percentage points below all students" in text and "larger than chance" in text


def test_a_gap_that_could_be_chance_is_said_to_be():
    text = largest_gap_sentence(_result([_group("Asian", 4.0, False)]))
    assert "could be due to chance" in text and "above" in text


def test_not_reported_is_never_the_headline():
    text = largest_gap_sentence(_result([_group("Not reported", -30.0, True), _group("Asian", 2.0, False)]))
    assert "for Asian" in text


def test_everyone_hidden():
    hidden = GroupResult("Asian", "Asian", 4, None, None, None, None, True)
    assert "fewer than 10" in largest_gap_sentence(_result([hidden]))


def test_means_speak_in_points():
    text = largest_gap_sentence(_result([_group("Asian", -5.0, True, value=60.0)], Rule("mean")))
    assert "average Final %" in text and "5.0 points below" in text
