"""What the overview answers before a meeting, each in a sentence with the page that shows it: the largest gaps
larger than chance and how they moved since the prior term, where each goal stands, the groups the
accountability view identifies, and how each indicator moved for all students. Built only from what the loaded
file has: its indicators' trends by student group (equity.stats.trends), its goals' evaluations and its
accountability grid. A file without terms comes as one breakdown over all its records, with no terms named."""

from collections.abc import Sequence
from dataclasses import dataclass

from equity.plans.accountability import Grid, red_on_two, student_group
from equity.plans.goals import Evaluation
from equity.plans.scorecard import Indicator
from equity.sources.cells import key_text
from equity.stats.metrics import COMPARE_ALL, GroupResult
from equity.stats.trends import Trend
from equity.words.i18n import t
from equity.words.labels import figure, group_label, points
from equity.words.summary import goal_sentence

GAPS, GOALS, SCORECARD, TRENDS = "gaps", "goals", "scorecard", "trends"    # the page an answer links to
LARGEST = 3


@dataclass(frozen=True)
class Answer:
    text: str
    page: str          # GAPS, GOALS, SCORECARD or TRENDS


@dataclass(frozen=True)
class Gap:
    """A group's gap from all students in the latest term, on the side where the group fares worse."""

    indicator: Indicator
    history: Trend
    group: GroupResult
    worse: float                 # how far worse than all students, in the outcome's units (always > 0)
    change: float | None         # how much wider (+) or narrower (-) than in the prior term; None when unknown


def _worse(gap: float | None, indicator: Indicator) -> float | None:
    """A gap measured toward 'worse': positive when the group fares worse than all students."""
    if gap is None:
        return None
    return -gap if indicator.higher_is_better else gap


def gaps(trends: Sequence[tuple[Indicator, Trend]]) -> list[Gap]:
    """Every student group, on every indicator, whose latest gap from all students is worse and larger than chance
    (its interval excludes zero), the largest first."""
    found = []
    for indicator, history in trends:
        if not history.per_term or history.compare != COMPARE_ALL:
            continue
        latest = history.per_term[-1]
        prior = history.per_term[-2] if len(history.per_term) > 1 else None
        for g in latest.shown():
            worse = _worse(g.gap, indicator)
            if not g.distinguishable or worse is None or worse <= 0 or not student_group(history.dimension.key, g.key):
                continue
            before = None if prior is None else next((p for p in prior.shown() if key_text(p.key) == key_text(g.key)),
                                                     None)
            earlier = None if before is None else _worse(before.gap, indicator)
            found.append(Gap(indicator, history, g, worse, None if earlier is None else worse - earlier))
    return sorted(found, key=lambda gap: -gap.worse)


def gap_answer(gap: Gap) -> Answer:
    """'Chronic absence, 2024-25: Hispanic or Latino 25.0% against 10.9% for all students, 14.1 percentage points
    worse, more than chance explains; 11.0 percentage points wider than in 2023-24.'"""
    history, rate = gap.history, gap.indicator.rule.is_rate
    latest = history.per_term[-1]
    if len(history.terms) < 2:
        change = t("overview.gap_one_term")
    elif gap.change is None:
        change = t("overview.gap_not_before", term=history.terms[-2])
    elif round(gap.change, 1) == 0:
        change = t("overview.gap_same", term=history.terms[-2])
    else:
        change = t("overview.gap_wider" if gap.change > 0 else "overview.gap_narrower",
                   size=points(gap.change, rate), term=history.terms[-2])
    term = history.terms[-1] if history.terms else t("page.scorecard.all_terms")
    text = t("overview.gap", outcome=gap.indicator.name(), term=term,
             group=group_label(history.dimension, gap.group.key), value=figure(gap.group.value, rate),
             overall=figure(latest.overall_value, rate), size=points(gap.worse, rate), change=change)
    return Answer(text, GAPS)


def gap_answers(trends: Sequence[tuple[Indicator, Trend]]) -> list[Answer]:
    """The LARGEST largest gaps larger than chance, or a sentence saying there is none."""
    found = gaps(trends)
    if not found:
        return [Answer(t("overview.no_gaps"), GAPS)]
    return [gap_answer(g) for g in found[:LARGEST]]


def goal_answers(evaluations: Sequence[Evaluation]) -> list[Answer]:
    """Each saved goal's standing, or how to set one."""
    if not evaluations:
        return [Answer(t("overview.no_goals"), GOALS)]
    return [Answer(goal_sentence(e), GOALS) for e in evaluations]


def flagged_answers(grid: Grid) -> list[Answer]:
    """The groups red on two or more indicators, or a sentence saying none is."""
    flagged = red_on_two(grid)
    if not flagged:
        return [Answer(t("overview.none_flagged", count=len(grid.columns)), SCORECARD)]
    return [Answer(f.sentence, SCORECARD) for f in flagged]


def change_answers(trends: Sequence[tuple[Indicator, Trend]]) -> list[Answer]:
    """How each indicator moved for all students from the prior term to the latest; one sentence when the file
    has one term only."""
    answers, seen = [], set()
    if not trends:
        return [Answer(t("overview.no_terms"), TRENDS)]
    for indicator, history in trends:
        if indicator.label in seen or not history.per_term:
            continue
        seen.add(indicator.label)
        if not history.terms:
            return [Answer(t("overview.no_terms"), TRENDS)]
        if len(history.terms) < 2:
            return [Answer(t("overview.one_term", term=history.terms[-1]), TRENDS)]
        rate, (before, after) = indicator.rule.is_rate, history.per_term[-2:]
        then, now = before.overall_value, after.overall_value
        if then is None or now is None:
            text = t("overview.change_hidden", outcome=indicator.name(), prior=history.terms[-2],
                     latest=history.terms[-1])
        else:
            better = (now - then) * (1 if indicator.higher_is_better else -1)
            how = "overview.same" if round(now - then, 1) == 0 else \
                ("overview.better" if better > 0 else "overview.worse")
            text = t("overview.change", outcome=indicator.name(), prior=history.terms[-2],
                     latest=history.terms[-1], before=figure(then, rate), after=figure(now, rate),
                     how=t(how, size=points(now - then, rate)))
        answers.append(Answer(text, TRENDS))
    return answers


def answers(trends: Sequence[tuple[Indicator, Trend]], evaluations: Sequence[Evaluation], grid: Grid
            ) -> list[tuple[str, list[Answer]]]:
    """Every question's title and answers, in the order a meeting asks them; one sentence saying how to set
    indicators up when the file has none."""
    if not trends:
        return [(t("overview.gaps_title"), [Answer(t("overview.no_indicators"), SCORECARD)]),
                (t("overview.goals_title"), goal_answers(evaluations))]
    return [(t("overview.gaps_title"), gap_answers(trends)),
            (t("overview.goals_title"), goal_answers(evaluations)),
            (t("overview.flagged_title"), flagged_answers(grid)),
            (t("overview.changes_title"), change_answers(trends))]
