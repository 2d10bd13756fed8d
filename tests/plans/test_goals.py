"""Goals: interim targets, status, progress and projection, worked out by hand."""

from dataclasses import replace

import pytest

from equity.app.session import Workbench
from equity.model.rules import Rule
from equity.plans import goals
from equity.plans.goals import GAP, HALVE, HIGHER, LOWER, MET, NO_DATA, OFF_TRACK, ON_TRACK, Goal
from equity.stats.trends import Point, group_key
from equity.words.reader import reading
from tests import crossterm, multiterm
from tests.files import confirmed

RATE = Rule("categories", categories=("Met", "Exceeded"))


def ela(**changes) -> Goal:
    """Raise English learners proficient in ELA from 30% in 2022-23 to 50% by 2027-28."""
    base = dict(title="EL ELA", outcome="ela", outcome_label="ELA", rule=RATE, baseline_term="2022-23",
                baseline=30.0, target_term="2027-28", target=50.0, dimension="english_learner", group="true",
                group_label="English learners")
    return Goal(**{**base, **changes})


def points(*values) -> tuple[Point, ...]:
    return tuple(Point(term, 100, value, None) for term, value in zip(("2022-23", "2023-24", "2024-25"), values,
                                                                        strict=False))


def test_straight_line_interim_targets():
    # 5 steps from 30 to 50: 4 points a year.
    assert goals.trajectory(ela()) == (("2022-23", 30.0), ("2023-24", 34.0), ("2024-25", 38.0), ("2025-26", 42.0),
                                       ("2026-27", 46.0), ("2027-28", 50.0))
    assert goals.interim(ela(), "2024-25") == 38.0
    assert goals.interim(ela(), "2030-31") == 50.0       # after the target term: the target


def test_status_progress_and_projection_higher_is_better():
    result = goals.evaluate(ela(), points(30.0, 33.0, 37.0))
    # 2024-25: 37 < interim 38 -> off track; progress (37 - 30) / (50 - 30) = 35%.
    assert (result.current_term, result.current, result.interim) == ("2024-25", 37.0, 38.0)
    assert result.status == OFF_TRACK and result.progress == pytest.approx(35.0)
    # Pace (37 - 30) / 2 terms = 3.5 a term; 13 to go -> 13 / 3.5 = 3.71 -> 4 terms -> 2028-29, a year late.
    assert result.projection.pace == pytest.approx(3.5)
    assert (result.projection.terms_needed, result.projection.term) == (4, "2028-29")
    assert "after the target term 2027-28" in result.projection.sentence
    on_track = goals.evaluate(ela(), points(30.0, 33.0, 38.0))
    assert on_track.status == ON_TRACK                    # exactly at the interim target counts
    met = goals.evaluate(ela(), points(30.0, 40.0, 51.0))
    assert met.status == MET and met.progress == pytest.approx(105.0) and met.projection.terms_needed == 0


def test_target_below_baseline_lower_is_better():
    # Cut suspensions from 12% in 2022-23 to 6% by 2025-26: 3 steps of -2: interim 10, 8, 6.
    goal = ela(title="Suspensions", baseline=12.0, target=6.0, target_term="2025-26", direction=LOWER)
    assert [v for _, v in goals.trajectory(goal)] == [12.0, 10.0, 8.0, 6.0]
    result = goals.evaluate(goal, points(12.0, 10.5, 7.9))
    # 7.9 <= interim 8 -> on track; progress (7.9 - 12) / (6 - 12) = 4.1 / 6 = 68.3%.
    assert result.status == ON_TRACK and result.progress == pytest.approx(68.333, abs=1e-3)
    # Pace -4.1 / 2 = -2.05 a term; (6 - 7.9) / -2.05 = 0.93 -> 1 term -> 2025-26, on time.
    assert result.projection.pace == pytest.approx(-2.05)
    assert result.projection.term == "2025-26" and "after" not in result.projection.sentence
    assert goals.evaluate(goal, points(12.0, 10.5, 8.5)).status == OFF_TRACK   # 8.5 > 8
    assert goals.evaluate(goal, points(12.0, 10.5, 6.0)).status == MET


def test_a_suppressed_or_missing_current_value_is_no_data_not_an_older_value():
    hidden = (*points(30.0, 34.0), Point("2024-25", 5, None, None, "Hidden: fewer than 10 students."))
    result = goals.evaluate(ela(), hidden)
    assert result.status == NO_DATA and result.current is None and result.progress is None
    assert result.current_term == "2024-25" and "fewer than 10" in result.note
    assert result.projection.terms_needed is None
    assert goals.evaluate(ela(), ()).status == NO_DATA


def test_moving_away_from_the_target_is_never_reached():
    result = goals.evaluate(ela(), points(30.0, 29.0, 28.0))
    assert result.status == OFF_TRACK and result.progress == pytest.approx(-10.0)
    assert result.projection.terms_needed is None and "not reached" in result.projection.sentence


def test_halve_the_distance_trajectory():
    # Baseline 40% in 2022-23, halve the distance to 100% in 4 years: target 40 + (100 - 40) / 2 = 70,
    # steps of 7.5 (DESIGN: B + t((1 - (1 - B)/2) - B)/N with B = 0.4, N = 4: 0.4 + t * 0.075).
    target = goals.halve_target(40.0, HIGHER, goals.VALUE)
    assert target == 70.0
    goal = ela(baseline=40.0, target=target, target_term="2026-27", trajectory=HALVE)
    assert [v for _, v in goals.trajectory(goal)] == [40.0, 47.5, 55.0, 62.5, 70.0]
    # Lower is better (suspensions 8%): halve the distance to 0 -> 4. A gap of -18 halves to -9.
    assert goals.halve_target(8.0, LOWER, goals.VALUE) == 4.0
    assert goals.halve_target(-18.0, HIGHER, GAP) == -9.0


def test_unsound_goals_are_refused_in_words():
    assert "must come after" in " ".join(ela(target_term="2021-22").problems())
    assert "higher than the baseline" in " ".join(ela(target=20.0).problems())
    assert "nothing to move" in " ".join(ela(target=30.0).problems())
    assert "needs a group" in " ".join(ela(measure=GAP, dimension="", group="").problems())
    with pytest.raises(ValueError):
        goals.save(ela(title=" "))


def test_goals_on_loaded_data_value_gap_and_hidden_current():
    bench = confirmed(multiterm.one_file(), "district.csv")
    outcomes = {"proficient"}
    value = ela(outcome="proficient", outcome_label="Proficient", rule=Rule("boolean"), target_term="2026-27")
    result = goals.assess(bench.con, value, outcomes, bench.min_n)
    # 2022-23's 20 are hidden beside 2024-25's 5 in English learners by term (tests/stats/test_trends.py).
    assert [p.value for p in result.actual] == [None, pytest.approx(40.0), None]
    assert result.status == NO_DATA and "fewer than 10" in result.note      # 5 English learners in 2024-25
    # The gap to all students: 30 - 48 = -18 (hidden with its value), then 40 - 52 = -12.
    gap = ela(outcome="proficient", outcome_label="Proficient", rule=Rule("boolean"), measure=GAP,
              baseline=-18.0, target=-6.0, target_term="2025-26")
    assert [p.value for p in goals.actual(bench.con, gap, bench.min_n)][:2] == [None, pytest.approx(-12.0)]
    # All students: 48%, 52%, 24 of 35 = 68.57%. With 2023-24 as the current term (min_n 40 hides 2024-25).
    everyone = ela(outcome="proficient", outcome_label="Proficient", rule=Rule("boolean"), dimension="",
                   group="", group_label="", baseline=48.0, target=60.0, target_term="2025-26")
    assert [round(p.value, 2) for p in goals.actual(bench.con, everyone)] == [48.0, 52.0, 68.57]
    hidden = goals.assess(bench.con, everyone, outcomes, min_n=40)
    assert hidden.status == NO_DATA and hidden.current_term == "2024-25"
    missing = goals.assess(bench.con, everyone, set(), bench.min_n)
    assert missing.status == NO_DATA and "not in the loaded data" in missing.note


def test_goals_round_trip_through_the_workspace_and_edits_check_revisions():
    saved = goals.save(ela())
    assert saved.id and saved.revision == 1
    loaded, problems = goals.load()
    assert loaded == (saved,) and problems == ()
    edited = goals.save(replace(saved, target=55.0))
    assert edited.revision == 2 and goals.load()[0][0].target == 55.0
    with pytest.raises(goals.records.WorkspaceError, match="Someone else changed"):
        goals.save(replace(saved, target=60.0))       # made from the stale revision 1
    goals.delete(edited)
    assert goals.load() == ((), ())


def test_the_proposed_direction():
    assert goals.default_direction("ELA Proficiency", goals.VALUE, 30.0) == HIGHER
    assert goals.default_direction("Suspended", goals.VALUE, 4.0) == LOWER
    assert goals.default_direction("Days Absent", goals.VALUE, 9.0) == LOWER
    assert goals.default_direction("ELA Proficiency", GAP, -18.0) == HIGHER     # a gap closes toward zero
    assert goals.default_direction("Suspended", GAP, 4.7) == LOWER


@pytest.fixture
def crossed_bench() -> Workbench:
    return confirmed(crossterm.one_file(), "crossed.csv")


@pytest.fixture
def shown_bench() -> Workbench:
    return confirmed(crossterm.one_file(crossterm.SHOWN), "shown.csv")


def el_low_income(**changes) -> Goal:
    """Raise English learners from low-income families proficient from 25% in 2022-23 to 60% by 2026-27."""
    base = dict(title="EL low income", outcome="proficient", outcome_label="Proficient", rule=Rule("boolean"),
                baseline_term="2022-23", baseline=25.0, target_term="2026-27", target=60.0,
                dimension="english_learner", group="true", second="low_income", second_group="true")
    return goals.labelled(Goal(**{**base, **changes}))


def test_a_goal_for_a_crossed_group(crossed_bench):
    # tests/crossterm.py: EL · low income 25% (2022-23), hidden (2023-24), 50% (2024-25).
    # 25 -> 60 in 4 steps of 8.75: 2024-25's interim 42.5; 50 is past it but short of 60: on track.
    # Progress (50 - 25) / (60 - 25) = 71.4%; pace (50 - 25) / 2 = 12.5 a term; 10 to go: 1 term, 2025-26.
    goal = el_low_income()
    assert goal.group_label == "English learners · Low income" and goal.problems() == []
    # On the loaded data every term of every combination is hidden (tests/stats/test_trends.py): no data.
    assert goals.assess(crossed_bench.con, goal, {"proficient"}, crossed_bench.min_n).status == NO_DATA
    result = goals.evaluate(goal, points(25.0, None, 50.0))
    assert (result.current_term, result.interim, result.status) == ("2024-25", pytest.approx(42.5), ON_TRACK)
    assert result.progress == pytest.approx(2500 / 35)
    assert result.projection.sentence == "At the current pace (+12.5 a term) the target is reached in 2025-26."
    assert goals.describe(goal) == ("Proficient (= yes), % of English learners · Low income: from 25.0% in "
                                    "2022-23 to 60.0% by 2026-27 (higher is better; equal steps each term).")
    # Its gap to all other students: 25 - 27/48 = -31.25, then 50 - 33/50 = -16 (lower gap, closing upward).
    gap = el_low_income(measure=GAP, compare="others", baseline=-31.25, target=-10.0)
    assert gap.compare_label == "all other students"
    assert [p.value for p in goals.actual(crossed_bench.con, gap)] == [None, None, None]
    assert gap.problems() == []


def test_a_goal_for_a_crossed_group_on_data_that_shows_it(shown_bench):
    # crossterm.SHOWN shows every combination: 25%, 6 of 15 = 40%, 50%; the 2024-25 verdict above, from the data.
    goal = el_low_income()
    gap = el_low_income(measure=GAP, compare="others", baseline=-31.25, target=-10.0)
    loaded = goals.assess(shown_bench.con, goal, {"proficient"}, shown_bench.min_n)
    assert (loaded.current_term, loaded.interim, loaded.status) == ("2024-25", pytest.approx(42.5), ON_TRACK)
    # All other students 27 of 48, 31 of 51, 33 of 50: gaps -31.25, 40 - 60.78 = -20.78, -16.
    assert [round(p.value, 2) for p in goals.actual(shown_bench.con, gap)] == [-31.25, -20.78, -16.0]


def test_crossed_goal_choices_and_problems(crossed_bench):
    choices = goals.group_choices(crossed_bench.con, "proficient", Rule("boolean"), "english_learner", "low_income")
    assert choices[group_key((True, True))] == "English learners · Low income" and len(choices) == 4
    with reading("es"):
        spanish = goals.group_choices(crossed_bench.con, "proficient", Rule("boolean"), "english_learner", "low_income")
    assert spanish[group_key((False, True))] == "No aprendices de inglés · Bajos ingresos"
    assert "crossed group compares with all students" in " ".join(el_low_income(measure=GAP,
                                                                                 compare="false").problems())
    assert "Choose the group" in " ".join(el_low_income(second_group="").problems())
    itself = replace(el_low_income(), second="english_learner")
    assert "two different dimensions" in " ".join(itself.problems())
    goals.STORE.add(goals.to_data(itself))                                  # e.g. a file edited by hand
    assert goals.load()[0] == () and "could not be read (ValueError)" in goals.load()[1][0].message
    goals.STORE.add({**goals.to_data(el_low_income()), "direction": "sideways"})
    assert goals.load()[0] == () and len(goals.load()[1]) == 2


def test_a_goal_saved_before_crossed_groups_loads_and_evaluates_unchanged():
    bench = confirmed(multiterm.one_file(), "district.csv")
    before = goals.to_data(ela(outcome="proficient", outcome_label="Proficient", rule=Rule("boolean"),
                               target_term="2026-27"))
    del before["second"], before["second_group"]                   # as goals were stored until now
    record = goals.STORE.add(before)
    stored = goals.STORE.path(record.id).read_bytes()
    (loaded,), problems = goals.load()
    assert problems == () and (loaded.second, loaded.second_group) == ("", "")
    assert loaded == replace(ela(outcome="proficient", outcome_label="Proficient", rule=Rule("boolean"),
                                 target_term="2026-27"), id=record.id, revision=1)
    result = goals.assess(bench.con, loaded, {"proficient"}, bench.min_n)
    assert [p.value for p in result.actual] == [None, pytest.approx(40.0), None]
    assert result.status == NO_DATA and goals.population(loaded) == "English learners"
    assert goals.STORE.path(record.id).read_bytes() == stored        # reading never rewrites the file


def test_goal_words_in_spanish():
    goal = ela()
    with reading("es"):
        assert goals.describe(goal) == ("ELA (en Met, Exceeded), % de Aprendices de inglés: de 30,0\u00a0% en "
                                        "2022-23 a 50,0\u00a0% para 2027-28 (más alto es mejor; pasos iguales cada "
                                        "periodo).")
        late = goals.evaluate(goal, points(30.0, 33.0, 37.0))
        assert late.projection.sentence == ("Al ritmo actual (+3,5 por periodo) la meta se alcanza en 2028-29, "
                                            "después del periodo de la meta, 2027-28.")
        away = goals.evaluate(goal, points(30.0, 28.0, 26.0))
        assert away.projection.sentence.startswith("Al ritmo actual no se alcanza la meta")
        assert goals.evaluate(goal, ()).note == "No hay periodos cargados desde 2022-23 en adelante."
        assert ela(target=20.0).problems() == ["«Más alto es mejor» necesita una meta más alta que el valor de "
                                               "referencia."]
        gap = ela(measure=GAP, compare="false", baseline=-18.0, target=-6.0)
        assert goals.measure_label(gap) == ("Brecha en ELA (en Met, Exceeded): Aprendices de inglés frente a "
                                            "No aprendices de inglés (puntos porcentuales)")
        assert goals.population(ela(dimension="", group="")) == "Todos los estudiantes"


def test_a_new_goal_is_suggested_a_real_improvement_never_its_baseline():
    # A share where higher is better: half way from 48.9% to 100%; lower is better: half way to 0.
    assert goals.suggested_target(48.9, HIGHER, goals.VALUE, rate=True) == pytest.approx(74.45)
    assert goals.suggested_target(10.9, LOWER, goals.VALUE, rate=True) == pytest.approx(5.45)
    # A gap of -18 points closes half way; an average of 2450 moves a tenth of itself; a small one at least 1.
    assert goals.suggested_target(-18.0, HIGHER, GAP, rate=True) == -9.0
    assert goals.suggested_target(2450.0, HIGHER, goals.VALUE, rate=False) == 2695.0
    assert goals.suggested_target(2.4, LOWER, goals.VALUE, rate=False) == pytest.approx(1.4)


def test_a_goal_measured_on_the_students_present_at_baseline():
    from tests.files import students_of
    from tests.matched_files import ROWS, Y1, Y2

    con = students_of(ROWS)
    goal = Goal("Scores", "score", "Score", Rule("mean"), Y1, 50.0, Y2, 60.0)
    # every student enrolled: 2023-24, 11 rows summing to 570; 2024-25, 11 rows summing to 540
    assert [(p.n, p.value) for p in goals.actual(con, goal, 1)] == [(11, pytest.approx(570 / 11)),
                                                                    (11, pytest.approx(540 / 11))]
    # the 2023-24 students only, matched by ID across formats (1 = 001, S102 = 102): the two arrivals (S0006 and
    # 7, 5 points each) are out, 005 has left: 15 + 30 + 30 + 50 + 70 + 70 + 90 + 100 + 75 = 530 for 9 students
    stayed = replace(goal, population=goals.AT_BASELINE)
    assert [(p.n, p.value) for p in goals.actual(con, stayed, 1)] == [(11, pytest.approx(570 / 11)),
                                                                      (9, pytest.approx(530 / 9))]
    white = replace(stayed, dimension="race", group="White", group_label="White")
    assert goals.actual(con, white, 1)[1].value == pytest.approx((70 + 70 + 90 + 100 + 75) / 5)
    # n-size 3: 11 enrolled against the baseline's 9 would give the two arrivals' figure away
    hidden = goals.actual(con, stayed, 3)[1]
    assert (hidden.n, hidden.value) == (None, None) and "fewer than 3 more" in hidden.note
    assert goals.population(stayed) == f"All students, enrolled in {Y1}"
    # a target of 55 by 2024-25: the students served reached it (58.9); the students enrolled did not (49.1)
    for measured, status in ((replace(stayed, target=55.0), MET), (replace(goal, target=55.0), OFF_TRACK)):
        assert goals.evaluate(measured, goals.actual(con, measured, 1)).status == status
