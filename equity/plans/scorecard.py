"""A balanced scorecard: a few indicators on one screen for a meeting, leading ones (advanced courses,
attendance, belonging, discipline: they move within a year and predict the rest) beside lagging ones
(proficiency, course passing, graduation). Each shows its latest value, the largest gap between groups (or
the highest risk ratio, or the lowest composition index), the change since the earliest term, and where a
goal on it stands.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import duckdb

from equity.data import derived
from equity.data.mapping import ColumnRole, Mapping, header_key
from equity.data.profile import ColumnProfile
from equity.model.dimensions import DIMENSIONS
from equity.model.filters import Filters
from equity.model.groups import Grouping, ordered
from equity.model.rules import Rule, counting_threshold, default_rule, default_threshold
from equity.plans import goals
from equity.sources.cells import Stats
from equity.stats import disproportionality, trends
from equity.stats.grouped import across_views, hidden, stats
from equity.stats.metrics import group_stats
from equity.stats.privacy import DEFAULT_MIN_N, SMALL
from equity.words.groupings import grouping_group
from equity.words.i18n import DEFAULT, t
from equity.words.numbers import decimal
from equity.words.reader import reading

LEADING, LAGGING = "leading", "lagging"
GAP, RISK_RATIO, COMPOSITION = "gap", "risk ratio", "composition index"
METHODS = (GAP, RISK_RATIO, COMPOSITION)
NO_GOAL = "no goal"
NONE_KEYS = {GAP: "gap", RISK_RATIO: "ratio", COMPOSITION: "composition"}   # scorecard.finding.none_<key>


@dataclass(frozen=True)
class Indicator:
    label: str
    outcome: str                      # the column name in `students`
    outcome_label: str                # the header people know
    rule: Rule
    grouping: Grouping
    kind: str                         # LEADING or LAGGING
    higher_is_better: bool = True
    method: str = GAP                 # how groups are compared: GAP, RISK_RATIO or COMPOSITION
    key: str = ""                     # the default it came from ('suspensions'), so its name is translated

    def name(self) -> str:
        """The card's title: a default's in the reader's language, a user's own as they typed it."""
        return t(f"scorecard.indicator.{self.key}") if self.key else self.label

    def describe_rule(self) -> str:
        """What is counted, briefly: 'Suspended', 'AP Courses ≥ 1', 'ELA Proficiency: Met, Exceeded'."""
        rule, outcome = self.rule, derived.header(self.outcome, self.outcome_label)
        if rule.kind == "boolean":
            return outcome
        if rule.kind == "threshold":
            return f"{outcome} ≥ {rule.threshold:g}"
        if rule.kind == "categories":
            return f"{outcome}: {', '.join(rule.categories)}"
        return t("scorecard.rule_mean", outcome=outcome)


@dataclass(frozen=True)
class GroupFigure:
    key: object                       # the group's key in its grouping, for its name in any language
    label: str                        # its English name
    n: int | None                     # None when hidden
    value: float | None               # the group's rate (or mean); None when hidden
    measure: float | None             # its gap (points), risk ratio or composition index
    flagged: bool
    hidden: bool
    small: bool = False               # hidden for being under the minimum size (else to protect a smaller one)
    method: str = ""                  # how a risk ratio was found (disproportionality.RATIO, TOO_FEW …)
    reason: str = ""                  # why hidden: privacy.SMALL, ACROSS or COMPLEMENT

    @property
    def alternate(self) -> bool:
        return self.method == disproportionality.ALTERNATE


@dataclass(frozen=True)
class Finding:
    """The card's headline finding: the group furthest behind (GAP), with the highest risk ratio, or the most
    under- or over-represented (COMPOSITION); `group` is None when no group could be judged."""

    method: str
    group: GroupFigure | None = None
    threshold: float | None = None    # the risk-ratio flag threshold in force


@dataclass(frozen=True)
class Card:
    indicator: Indicator
    trend: tuple[tuple[str, float | None], ...]   # all students' value per term (None when hidden)
    groups: tuple[GroupFigure, ...]               # in the latest term
    finding: Finding
    goal: str                                     # a goal status, or NO_GOAL
    min_n: int = DEFAULT_MIN_N
    latest_n: int = 0                             # students with a result in the latest term

    @property
    def latest_term(self) -> str | None:
        return self.trend[-1][0] if self.trend else None

    @property
    def latest(self) -> float | None:
        return self.trend[-1][1] if self.trend else None

    @property
    def baseline_term(self) -> str | None:
        return self.trend[0][0] if len(self.trend) > 1 else None

    @property
    def change(self) -> float | None:
        """Latest minus the earliest term's value; None with one term or a hidden end."""
        if len(self.trend) < 2 or self.trend[0][1] is None or self.latest is None:
            return None
        return self.latest - self.trend[0][1]

    @property
    def improving(self) -> bool | None:
        if self.change is None or self.change == 0:
            return None
        return (self.change > 0) == self.indicator.higher_is_better


@dataclass(frozen=True)
class Template:
    """A default indicator, used when an outcome's header matches `pattern`."""

    pattern: str
    label: str
    key: str                          # its name's catalogue key: scorecard.indicator.<key>
    dimension: str
    kind: str
    higher_is_better: bool
    method: str = GAP
    kinds: tuple[str, ...] = ("numeric", "boolean", "category")
    threshold: float | None = None    # for a numeric outcome on a 1-5 scale, e.g. belonging 4 = agree


TEMPLATES = (
    Template(r"suspen", "Suspensions", "suspensions", "race", LEADING, False, RISK_RATIO, ("boolean", "numeric")),
    Template(r"\bap\b|advanced placement", "AP participation", "ap", "low_income", LEADING, True, COMPOSITION),
    Template(r"chronic", "Chronic absence", "chronic_absence", "english_learner", LEADING, False, kinds=("boolean",)),
    Template(r"belong", "Belonging", "belonging", "special_ed", LEADING, True, threshold=4.0),
    Template(r"\bela\b|reading|english language", "ELA proficiency", "ela", "race", LAGGING, True, kinds=("category",)),
    Template(r"\bmath", "Math proficiency", "math", "low_income", LAGGING, True, kinds=("category",)),
    Template(r"\bfinal\b|course grade|grade pct", "Course passing", "course_passing", "english_learner", LAGGING, True,
             kinds=("numeric",)),
    Template(r"graduat", "Graduation", "graduation", "race", LAGGING, True, kinds=("boolean", "category")),
)


def default_indicators(mapping: Mapping, profiles: Sequence[ColumnProfile]) -> tuple[Indicator, ...]:
    """One indicator per template whose outcome the data has: the first matching outcome each."""
    values = {p.header: p.distinct for p in profiles}
    with reading(DEFAULT):          # stored and matched by its English name, translated when shown (Indicator.name)
        outcomes = derived.all_outcomes(mapping)
    found = []
    for template in TEMPLATES:
        column = next((c for c in outcomes if c.kind in template.kinds
                       and re.search(template.pattern, header_key(c.header))), None)
        if column is None:
            continue
        rule = suggested_rule(column, values.get(column.header, ()), template.threshold)
        found.append(Indicator(template.label, column.name, column.header, rule, Grouping(template.dimension),
                               template.kind, template.higher_is_better, template.method, template.key))
    return tuple(found)


def available(indicators: Sequence[Indicator], mapping: Mapping) -> list[Indicator]:
    """The indicators whose outcome the loaded data has (a saved choice may name one it lacks)."""
    names = {c.name for c in derived.all_outcomes(mapping)}
    return [i for i in indicators if i.outcome in names]


def suggested_rule(column: ColumnRole, values: Sequence[str | None], scale_point: float | None = None) -> Rule:
    """Yes for flags, 'at least one' for counts, `scale_point` or more on a 1-5 scale, else the usual default."""
    if column.kind == "numeric":
        numbers = [float(v) for v in values if v is not None and _number(v)]
        if scale_point is not None and numbers and max(numbers) <= 5:
            return Rule("threshold", scale_point)
        counting = counting_threshold(values)
        if counting is not None:
            return Rule("threshold", counting)
        return Rule("threshold", default_threshold(values))
    return default_rule(column.kind, [v for v in values if v is not None])


def _number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


GoalLookup = Callable[[Indicator], str | None]


def evaluate(con: duckdb.DuckDBPyConnection, indicator: Indicator, filters: Filters = Filters(),
             min_n: int = DEFAULT_MIN_N, settings: disproportionality.Settings = disproportionality.DEFAULT_SETTINGS,
             goal: GoalLookup | None = None) -> Card:
    """One indicator's card on the students `filters` keep: trend over terms, groups in the latest term."""
    trend, latest_n = _trend(con, indicator, filters, min_n)
    latest = replace(filters, term=(trend[-1][0],)) if trend else filters
    if indicator.method in (RISK_RATIO, COMPOSITION) and indicator.rule.is_rate:
        groups, finding = _risks(con, indicator, latest, min_n, settings)
    else:
        groups, finding = _gaps(con, indicator, latest, min_n)
    status = goal(indicator) if goal else None
    return Card(indicator, trend, groups, finding, status or NO_GOAL, min_n, latest_n)


def _trend(con, indicator: Indicator, filters: Filters, min_n: int
           ) -> tuple[tuple[tuple[str, float | None], ...], int]:
    """All students' value per term (None when hidden, by size or by the rule across views: each term is a
    filter), and how many have a result in the latest term (0 when that is hidden)."""
    _, per_term = group_stats(con, indicator.outcome, indicator.rule, DIMENSIONS["term"], filters)
    found = across_views(con, indicator.outcome, indicator.rule, Grouping("term"), filters, min_n).groups
    terms = [term for term in trends.data_terms(con, filters) if term in per_term]
    values = tuple((term, None if term in found else _value(per_term[term], indicator.rule, min_n)) for term in terms)
    return values, per_term[terms[-1]].n if terms and values[-1][1] is not None else 0


def _value(s: Stats, rule: Rule, min_n: int) -> float | None:
    return s.value(rule) if s.n >= min_n else None


def _gaps(con, indicator: Indicator, filters: Filters, min_n: int) -> tuple[tuple[GroupFigure, ...], Finding]:
    overall, groups = stats(con, indicator.outcome, indicator.rule, indicator.grouping, filters)
    found = across_views(con, indicator.outcome, indicator.rule, indicator.grouping, filters, min_n)
    reasons = hidden(indicator.grouping, {k: s.n for k, s in groups.items()}, min_n, found)
    base = _value(overall, indicator.rule, min_n) if overall.n and not found.overall else None
    figures, worst = [], None
    for key in ordered(indicator.grouping, groups):
        s, label = groups[key], indicator.grouping.group_label(key)
        if reasons[key]:
            figures.append(GroupFigure(key, label, None, None, None, False, True, reasons[key] == SMALL,
                                       reason=reasons[key]))
            continue
        value = s.value(indicator.rule)
        gap = value - base if base is not None else None
        figures.append(GroupFigure(key, label, s.n, value, gap, False, False))
        adverse = None if gap is None else (-gap if indicator.higher_is_better else gap)
        if adverse is not None and indicator.grouping.reported(key) and (worst is None or adverse > worst[0]):
            worst = (adverse, figures[-1])
    if worst is None or worst[0] <= 0:
        return tuple(figures), Finding(GAP)
    return tuple(figures), Finding(GAP, worst[1])


def _risks(con, indicator: Indicator, filters: Filters, min_n: int, settings: disproportionality.Settings
           ) -> tuple[tuple[GroupFigure, ...], Finding]:
    result = disproportionality.disproportionality(con, indicator.outcome, indicator.rule, indicator.grouping,
                                                   filters, Filters(), settings, min_n)
    ratio = indicator.method == RISK_RATIO
    # A group with a reason is hidden even when its size is shown: the complementary rule on counts hides its
    # count, risk, ratio and composition (disproportionality._hide_counts), so the card says why, not a blank.
    figures = tuple(GroupFigure(g.key, g.label, g.n, g.risk, g.ratio if ratio else g.composition,
                                g.flagged and ratio, g.hidden or bool(g.reason), g.reason == SMALL,
                                g.method if ratio else "", g.reason) for g in result.groups)
    keyed = [f for f in figures if indicator.grouping.reported(f.key) and not f.hidden and f.measure is not None]
    if not keyed:
        return figures, Finding(indicator.method, threshold=settings.threshold)
    pick = max if ratio or not indicator.higher_is_better else min
    return figures, Finding(indicator.method, pick(keyed, key=lambda f: f.measure), settings.threshold)


def finding_text(card: Card) -> str:
    """The card's finding in one sentence: 'Largest gap: Black or African American, -12.3 pts vs all students.'"""
    finding, ind = card.finding, card.indicator
    if finding.group is None:
        return t(f"scorecard.finding.none_{NONE_KEYS[finding.method]}")
    g, name = finding.group, grouping_group(ind.grouping, finding.group.key)
    if finding.method == GAP:
        unit = "scorecard.pts" if ind.rule.is_rate else "scorecard.points"
        return t("scorecard.finding.gap", group=name, gap=decimal(g.measure, 1, signed=True),
                 unit=t(unit))
    if finding.method == RISK_RATIO:
        flag = t("scorecard.finding.flagged", threshold=decimal(finding.threshold, 1)) if g.flagged else ""
        return t("scorecard.finding.ratio", group=name, ratio=decimal(g.measure, 2), flag=flag)
    key = "scorecard.finding.under" if g.measure < 1 else "scorecard.finding.over"
    return t(key, group=name, index=decimal(g.measure, 2))


def goal_lookup(con: duckdb.DuckDBPyConnection, min_n: int = DEFAULT_MIN_N) -> GoalLookup:
    """Status of the saved goal on an indicator's outcome and rule (for all students, or a group of its
    dimension), or None when there is no such goal."""
    saved, _ = goals.load()

    def status(indicator: Indicator) -> str | None:
        dims = {indicator.grouping.first, indicator.grouping.second, ""}
        goal = next((g for g in saved if g.outcome == indicator.outcome and g.rule == indicator.rule
                     and g.dimension in dims), None)
        if goal is None:
            return None
        return goals.evaluate(goal, goals.actual(con, goal, min_n)).status
    return status
