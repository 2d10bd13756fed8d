"""Summaries (one sentence on screen, two or three for a board) say what the figures support, no more."""

from equity.model.dimensions import DIMENSIONS
from equity.model.rules import Rule
from equity.plans import goals
from equity.sources.cells import Stats
from equity.stats.gap_flags import Flag
from equity.stats.metrics import Breakdown, GroupResult
from equity.stats.trends import Point, Trend
from equity.words.reader import reading
from equity.words.summary import (
    breakdown_summary,
    change_sentence,
    flag_sentence,
    focus_group,
    goal_sentence,
    largest_gap_sentence,
)


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


# Board summaries: two or three sentences, each claim backed by an interval.

EL = DIMENSIONS["english_learner"]


def _flag_result(value: float, n: int, gap: float = -20.0, other_gap: float = 25.0) -> Breakdown:
    groups = (GroupResult(True, "English learners", n, value, gap, (value - 4, value + 4), True, False),
              GroupResult(False, "Not English learners", 3 * n, value + 30, other_gap, (value + 27, value + 33),
                          True, False))
    return Breakdown("ELA", Rule("categories", categories=("Met",)), EL, "all", 10, Stats(4 * n, 0.5 * 4 * n, 0),
                     False, groups)


def _trend(first: Breakdown, last: Breakdown) -> Trend:
    return Trend("ELA", first.rule, EL, "all", 10, ("2022-23", "2024-25"), (first, last))


def test_a_flag_is_about_the_flagged_group_even_when_the_other_gap_is_larger():
    result = _flag_result(31.0, 400)
    assert focus_group(result).key is True
    sentences = breakdown_summary(result)
    assert sentences[1].startswith("English learners: 31.0% on ELA (in Met), 20.0 percentage points below all "
                                   "students — larger than chance")


def test_change_over_terms_is_said_to_be_chance_when_it_could_be():
    big = change_sentence(_trend(_flag_result(23.4, 400), _flag_result(33.0, 420)), _flag_result(33.0, 420).groups[0])
    assert big == ("English learners: from 23.4% in 2022-23 to 33.0% in 2024-25 (up 9.6 percentage points), a change "
                   "larger than chance alone would explain.")
    small = change_sentence(_trend(_flag_result(23.4, 20), _flag_result(28.0, 22)), _flag_result(28.0, 22).groups[0])
    assert small.endswith("(up 4.6 percentage points); a change this size could be due to chance.")
    with reading("es"):
        spanish = change_sentence(_trend(_flag_result(33.0, 20), _flag_result(28.0, 22)),
                                  _flag_result(28.0, 22).groups[0])
    assert spanish.startswith("Aprendices de inglés: de 33,0\u00a0% en 2022-23 a 28,0\u00a0% en 2024-25 "
                              "(bajó 5,0 puntos porcentuales); un cambio de este tamaño podría deberse al azar")


def test_no_change_sentence_when_an_end_is_hidden():
    hidden = _flag_result(30.0, 400)
    hidden = Breakdown(hidden.outcome, hidden.rule, EL, "all", 10, hidden.overall, False,
                       (GroupResult(True, "English learners", 4, None, None, None, None, True), hidden.groups[1]))
    assert change_sentence(_trend(hidden, _flag_result(33.0, 420)), _flag_result(33.0, 420).groups[0]) is None


def test_goal_status_in_words():
    goal = goals.Goal("EL reading", "ela", "ELA", Rule("categories", categories=("Met",)), "2022-23", 23.4,
                      "2027-28", 50.0, dimension="english_learner", group="true", group_label="English learners")
    on_track = goals.evaluate(goal, (Point("2022-23", 400, 23.4, None), Point("2024-25", 420, 35.0, None)))
    assert goal_sentence(on_track) == ("Goal 'EL reading': on track, at 35.0% in 2024-25 against this term's "
                                       "interim target of 34.0% (target 50.0% by 2027-28).")
    hidden = goals.evaluate(goal, (Point("2022-23", 400, 23.4, None), Point("2024-25", 4, None, None, "Hidden")))
    assert "no figure for 2024-25" in goal_sentence(hidden)
    with reading("es"):
        assert goal_sentence(hidden).startswith("Meta «EL reading»: no hay cifra para 2024-25")


def test_spanish_largest_gap():
    with reading("es"):
        text = largest_gap_sentence(_result([_group("Asian", 3.0, False), _group("White", -12.25, True)]))
    assert text.startswith("La mayor brecha por raza/etnia es la del grupo Blanco: 50,0\u00a0% en Final % (>= 70), "
                           "12,2 puntos porcentuales por debajo de todos los estudiantes")


# The sentence under another way of flagging gaps names the method and every flagged group with its figure.

def _shown(key: str, n: int, meeting: int) -> GroupResult:
    return GroupResult(key, key, n, meeting / n * 100, 0.0, (0.0, 100.0), False, False)


def _flagged_result(groups, meeting: int) -> Breakdown:
    return Breakdown("Final %", Rule("threshold", 70), DIMENSIONS["race"], "all", 10,
                     Stats(sum(g.n for g in groups), meeting, meeting), False, tuple(groups))


# Asian 40 of 100 (40%), White 210 of 300 (70%): 250 of 400 meet.
ASIAN_WHITE = _flagged_result([_shown("Asian", 100, 40), _shown("White", 300, 210)], 250)


def test_newcombe_sentence_is_the_largest_gap():
    result = _result([_group("Asian", 3.0, False), _group("White", -12.25, True)])
    assert flag_sentence(result) == largest_gap_sentence(result)
    with reading("es"):
        assert flag_sentence(result, Flag.NEWCOMBE) == largest_gap_sentence(result)


def test_ppg_sentence_names_the_method_the_groups_and_their_margins():
    # Asian: 40% against all students' 250/400 = 62.5% → −22.5 points; margin 1.96 × √(0.25/100) = 9.8.
    assert flag_sentence(ASIAN_WHITE, Flag.PPG) == (
        "Percentage-point gap (PPG): gap to all students on Final % (>= 70) at or below minus the margin of "
        "error: Asian (-22.5 points, margin of error 9.8). "
        # Students needed, as DisImpact counts them: parity ⌈(0.625 − 0.40) × 100⌉ = ⌈22.5⌉ = 23; to end the flag
        # ⌈(0.625 − 0.40 − 0.098) × 100⌉ = ⌈12.7⌉ = 13.
        "Asian: 23 more students meeting Final % (>= 70) would close the gap with all students; 13 more would end "
        "the flag.")
    with reading("es"):
        assert flag_sentence(ASIAN_WHITE, Flag.PPG) == (
            "Brecha en puntos porcentuales (PPG): brecha frente a todos los estudiantes en Final % (>= 70) igual o "
            "menor que menos el margen de error: Asiático (-22,5 puntos, margen de error 9,8). Asiático: 23 "
            "estudiantes más que alcancen Final % (>= 70) cerrarían la brecha con todos los estudiantes; con 13 más "
            "el grupo dejaría de estar señalado.")


def test_ppg_sentence_when_no_group_reaches_the_margin():
    # Asian 45 of 100 (45%), White 205 of 400 (51.25%): all 250 of 500 = 50% → Asian −5.0, inside its 9.8 points.
    close = _flagged_result([_shown("Asian", 100, 45), _shown("White", 400, 205)], 250)
    assert flag_sentence(close, Flag.PPG) == ("Percentage-point gap (PPG): no group's gap to all students on "
                                              "Final % (>= 70) is at or below minus its margin of error.")
    with reading("es"):
        assert flag_sentence(close, Flag.PPG).startswith("Brecha en puntos porcentuales (PPG): la brecha de ningún")


def test_proportionality_sentence():
    # Asian: (40/250) / (100/400) = 0.64.
    # Needed, the 250 successes growing with each one added: (0.8 × 0.25 × 250 − 40) / (1 − 0.8 × 0.25) = 12.5 → 13
    # to end the flag; (0.25 × 250 − 40) / 0.75 = 30 for parity.
    assert flag_sentence(ASIAN_WHITE, Flag.PI).endswith(
        "(below 0.8): Asian (0.64). Asian: 30 more students meeting Final % (>= 70) would close the gap with its "
        "share of all students; 13 more would end the flag.")
    with reading("es"):
        assert flag_sentence(ASIAN_WHITE, Flag.PI).startswith("Índice de proporcionalidad: una proporción menor")
    even = _flagged_result([_shown("Asian", 50, 20), _shown("White", 50, 30)], 50)   # Asian exactly 0.8
    assert flag_sentence(even, Flag.PI).startswith("Proportionality index: no group's share")
    nobody = _flagged_result([_shown("Asian", 50, 0), _shown("White", 50, 0)], 0)
    assert flag_sentence(nobody, Flag.PI) == ("Proportionality index: no student meets Final % (>= 70), so the "
                                              "index cannot be worked out.")


def test_eighty_percent_sentence_names_the_highest_group():
    # 40 / 70 = 0.571.
    assert flag_sentence(ASIAN_WHITE, Flag.EIGHTY) == (
        "80% index: below 80% of the highest rate on Final % (>= 70) (White, 70.0%): Asian (0.57). "
        # (0.8 × 0.70 − 0.40) × 100 = 16 to end the flag, (0.70 − 0.40) × 100 = 30 for parity.
        "Asian: 30 more students meeting Final % (>= 70) would close the gap with the highest group's rate; "
        "16 more would end the flag.")
    with reading("es"):
        assert flag_sentence(ASIAN_WHITE, Flag.EIGHTY).startswith(
            "Índice del 80%: menos del 80% de la tasa más alta en Final % (>= 70) (Blanco, 70,0\u00a0%): "
            "Asiático (0,57).")
    zero = _flagged_result([_shown("Asian", 50, 0), _shown("White", 50, 0)], 0)
    assert "highest rate on Final % (>= 70) is 0%" in flag_sentence(zero, Flag.EIGHTY)


def test_flag_sentence_when_every_group_is_hidden():
    hidden = _result([GroupResult("Asian", "Asian", 4, None, None, None, None, True)])
    for method in Flag:
        assert "fewer than 10" in flag_sentence(hidden, method)
