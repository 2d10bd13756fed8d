"""The overview's sentences on the constructed district of tests/district.py, worked out by hand.

Chronic absence, all students: 10 of 144 (6.9%) in 2023-24, 17 of 156 (10.9%) in 2024-25. Hispanic students (who
are exactly the students with an IEP): 4 of 40 (10.0%), then 10 of 40 (25.0%): 14.1 points worse than all students
in 2024-25 against 3.1 in 2023-24, 11.0 points wider. Wilson intervals: 25.0% of 40 is [14.2, 40.2], 10.9% of 156
is [6.9, 16.8]; Newcombe's interval of the gap has its lower end at 14.1 - sqrt(10.8² + 5.9²) = 1.8 > 0, larger
than chance. Suspension: Black students' 4 of 30 (13.3%) against 9 of 156 (5.8%) is 7.6 points worse, but the
lower end 7.6 - sqrt(8.0² + 4.8²) is below zero: not larger than chance; no other group fares worse by more.
Suspension for all students: 5 of 144 (3.5%), then 9 of 156 (5.8%): worse by 2.3 points."""

import pytest

from equity.app.session import Workbench
from equity.model.rules import Rule
from equity.plans import overview
from equity.plans.cut_presets import PRESETS
from equity.plans.goals import Goal, evaluate
from equity.stats.trends import Point
from equity.words.reader import reading
from tests.district import CHRONIC, SUSPENSION, district_bench, district_csv


@pytest.fixture
def bench() -> Workbench:
    return district_bench()


def _trends(bench, indicators=(CHRONIC, SUSPENSION)):
    return [(i, bench.trend(i.outcome, i.rule, d, label=i.outcome_label)) for i in indicators
            for d in ("race", "special_ed")]


def test_largest_gaps_larger_than_chance(bench):
    answers = overview.gap_answers(_trends(bench))
    assert [a.text for a in answers] == [
        "Chronic absence, 2024-25: Hispanic/Latino at 25.0% against 10.9% for all students, 14.1 percentage points "
        "worse, more than chance explains; 11.0 percentage points wider than in 2023-24.",
        "Chronic absence, 2024-25: Students with disabilities at 25.0% against 10.9% for all students, 14.1 "
        "percentage points worse, more than chance explains; 11.0 percentage points wider than in 2023-24."]
    assert {a.page for a in answers} == {overview.GAPS}


def test_no_gap_larger_than_chance_is_said(bench):
    answers = overview.gap_answers(_trends(bench, (SUSPENSION,)))
    assert [a.text for a in answers] == [
        "No group fares worse than all students by more than chance explains on the indicators this file has."]


def test_what_changed_since_the_last_term(bench):
    answers = overview.change_answers(_trends(bench))
    assert [a.text for a in answers] == [
        "Chronic absence for all students: 6.9% in 2023-24, 10.9% in 2024-25 (worse by 4.0 percentage points).",
        "Suspensions for all students: 3.5% in 2023-24, 5.8% in 2024-25 (worse by 2.3 percentage points)."]
    assert answers[0].page == overview.TRENDS
    with reading("es"):
        spanish = overview.change_answers(_trends(bench))
    assert "6,9\u00a0% en 2023-24, 10,9\u00a0% en 2024-25 (peor por 4,0 puntos porcentuales)" in spanish[0].text


def test_groups_the_accountability_view_identifies(bench):
    cuts = {"Chronic absence": PRESETS["chronic_absenteeism"].cuts, "Suspensions": PRESETS["suspension_unified"].cuts}
    answers = overview.flagged_answers(bench.accountability_grid((CHRONIC, SUSPENSION), cuts, 30))
    assert answers[2].text == ("Students with disabilities: red on Chronic absence and Suspensions, which identifies "
                               "the group for differentiated assistance (red on two or more indicators).")
    assert len(answers) == 3 and answers[0].page == overview.SCORECARD
    # Only chronic absence: no group can be red on two indicators.
    one = overview.flagged_answers(bench.accountability_grid((CHRONIC,), cuts, 30))
    assert [a.text for a in one] == ["No student group is red on two or more of the 1 indicators, so none is "
                                     "identified for differentiated assistance."]


def test_goals_with_their_status():
    goal = Goal("Fewer absences", "chronic_absent", "Chronic Absent", Rule("boolean"), "2023-24", 6.9, "2025-26", 5.0,
                direction="lower")
    # Straight line from 6.9 (2023-24) to 5.0 (2025-26): 5.95 in 2024-25; 10.9 is above it, off track.
    found = evaluate(goal, (Point("2023-24", 144, 6.9, None), Point("2024-25", 156, 10.9, None)))
    answers = overview.goal_answers([found])
    assert answers[0].text.startswith("Goal 'Fewer absences': off track, at 10.9% in 2024-25")
    assert answers[0].page == overview.GOALS
    assert [a.text for a in overview.goal_answers([])] == [
        "No goal is set yet: set one on the Goals page to see here whether it is on track."]


def test_one_term_says_there_is_nothing_to_compare(bench):
    single = [(i, h) for i, h in _trends(bench)]
    first = [(i, type(h)(h.outcome, h.rule, h.dimension, h.compare, h.min_n, h.terms[:1], h.per_term[:1]))
             for i, h in single]
    assert [a.text for a in overview.change_answers(first)] == [
        "The file holds one term (2023-24), so nothing can be compared with a term before it yet."]


def test_a_file_without_terms_reads_as_one_period(bench):
    """Both years pooled: 27 of 300 chronically absent (9.0%); Hispanic students 14 of 80 (17.5%), 8.5 points worse.
    Wilson: 17.5% of 80 is [10.7, 27.3], 9.0% of 300 is [6.3, 12.8]; 8.5 - sqrt(6.8² + 3.8²) = 0.7 > 0."""
    plain = Workbench()
    rows = district_csv().decode().splitlines()
    plain.confirm(plain.upload("\n".join(",".join(r.split(",")[:1] + r.split(",")[2:]) for r in rows).encode(),
                               "pooled.csv").proposal)
    found = dict(plain.overview(30))
    assert found["Largest gaps"][0].text == (
        "Chronic absence, all terms: Hispanic/Latino at 17.5% against 9.0% for all students, 8.5 percentage points "
        "worse, more than chance explains; the file has no earlier term to compare.")
    assert [a.text for a in found["Since the last term"]] == [
        "The file has no school year or term, so nothing can be compared with an earlier one."]
