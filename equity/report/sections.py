"""A report for a board or a family meeting: chosen views of the data, each a section with a title, two or
three plain-language sentences, a chart and the table behind it, all in one language.

Only aggregates enter a report. Every figure is read from a Breakdown, CrossTable, Trend or goal Evaluation,
which are already suppressed exactly as on screen; a hidden group keeps its name and why it is hidden, and
loses its figures and its exact size. Anything that can be put into a section plugs in through `ReportView`.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from functools import cached_property
from typing import Protocol

import altair as alt

from equity.data.dataset import Dataset
from equity.model.cohorts import Cohort, cohort_values
from equity.model.dimensions import DIMENSIONS, Dimension
from equity.model.filters import FLAG_KEYS, Filters
from equity.model.rules import Rule
from equity.plans import accountability as acc
from equity.plans import goals as goal_math
from equity.plans import ontrack, status_grid
from equity.plans import scorecard as sc
from equity.plans.group_grid import GroupPlacement, colour_words, place_groups
from equity.plans.warning import WarningSign
from equity.present.charts import (
    INDEX_COLUMNS,
    change_chart,
    change_title,
    effect_headers,
    effect_values,
    gap_chart,
    gap_title,
    heat_table,
    heat_title,
    shown_as,
)
from equity.present.ontrack_tables import graduation_group_table
from equity.present.scorecard_charts import direction_word, goal_text, scorecard_chart
from equity.present.tables import COUNT, GAP, INDEX, TEXT, VALUE, Column, Table
from equity.sources.cells import key_text
from equity.stats.crosstab import Cell, CrossTable
from equity.stats.gap_flag_settings import DEFAULTS, FlagSettings
from equity.stats.gap_flags import Flag, Flags, GroupFlag, flag
from equity.stats.metrics import COMPARE_ALL, Breakdown, GroupResult
from equity.stats.privacy import BOTTOM_CODE, CODING_BELOW_N, SMALL, TOP_CODE, coded_text, coded_value
from equity.stats.settings import PrivacySettings
from equity.stats.trends import Trend
from equity.words.gap_flags import flag_params, settings_line
from equity.words.i18n import t
from equity.words.labels import (
    comparison_label,
    dimension_label,
    dimension_phrase,
    figure,
    group_label,
    hidden_note,
    yes_no,
)
from equity.words.numbers import day, decimal, percent
from equity.words.reader import language
from equity.words.summary import (
    breakdown_summary,
    change_beyond_chance,
    change_sentence,
    ends,
    flag_sentence,
    focus_group,
    goal_sentence,
    overall_change_sentence,
    overall_ends,
)


class Figures(Protocol):
    """What a report reads from the session (equity.app.session.Workbench is one): its data and settings, and
    its figures under them. Named here so that reports need nothing from the app layer that calls them."""

    data: Dataset | None
    filters: Filters
    privacy: PrivacySettings

    @property
    def min_n(self) -> int: ...

    @property
    def coding(self) -> bool: ...

    def filter_options(self) -> dict[str, list[str]]: ...

    def terms(self, filtered: bool = False, cohort: Cohort | None = None) -> tuple[str, ...]: ...

    def breakdown(self, outcome: str, rule: Rule, dimension: str, compare: str = COMPARE_ALL,
                  label: str = "", cohort: Cohort | None = None) -> Breakdown: ...

    def crosstab(self, outcome: str, rule: Rule, first: str, second: str, label: str = "",
                 cohort: Cohort | None = None) -> CrossTable: ...

    def trend(self, outcome: str, rule: Rule, dimension: str, compare: str = COMPARE_ALL, label: str = "",
              second: str | None = None, cohort: Cohort | None = None) -> Trend: ...

    def chronic_note(self, outcome: str, cohort: Cohort | None = None) -> str | None: ...

    def assess_goals(self, saved: Sequence[goal_math.Goal]) -> list[goal_math.Evaluation]: ...

    def scorecard(self, indicators: Sequence[sc.Indicator]) -> list[sc.Card]: ...

    def accountability_grid(self, indicators: Sequence[sc.Indicator], cuts: dict[str, status_grid.Cuts],
                            colour_min_n: int) -> acc.Grid: ...

    def without_rows(self) -> str | None: ...

    def warning_signs(self) -> tuple[WarningSign, ...]: ...

    def warning_summary(self, signs: tuple[WarningSign, ...], dimension: str, term: str | None,
                        area: str | None = None) -> Breakdown: ...

    def on_track_rule(self) -> ontrack.OnTrackRule | None: ...

    def on_track(self, rule: ontrack.OnTrackRule, dimension: str, term: str) -> Breakdown: ...

    def graduation_by_group(self, rule: ontrack.OnTrackRule, dimension: str,
                            term: str) -> tuple[ontrack.GroupGraduation, ...] | None: ...


@dataclass(frozen=True, eq=False)
class Section:
    title: str
    summary: tuple[str, ...]
    table: Table
    chart: alt.TopLevelMixin | None = None     # None when every group is hidden, or the view has no chart
    alt_text: str = ""                         # the chart in words, for screen readers and slide alt text


class ReportView(Protocol):
    """Anything a report can include. A view holds figures already computed and suppressed; `section` only
    puts them into words, so one view renders in every language without touching the data again."""

    @property
    def key(self) -> str: ...

    def section(self) -> Section: ...


def _hidden_count(reason: str, min_n: int) -> str | None:
    """A hidden group's size as exports show it: '<10' when it is the small one, nothing when it is hidden
    for another reason (its size, with the total or another view, would give a small group's size away)."""
    return f"<{min_n}" if reason == SMALL else None


def rule_note(min_n: int) -> str:
    """The suppression rule, stated on every export."""
    return t("report.rule", min_n=min_n)


def coding_note(coded: bool) -> tuple[str, ...]:
    """The top/bottom coding rule, under a table where it coded a figure (nothing otherwise)."""
    return (t("report.coding_rule", top=TOP_CODE, bottom=BOTTOM_CODE, n=CODING_BELOW_N),) if coded else ()


def _ranked(cell: Cell) -> float:
    """Where a shown cell ranks: its value, or its code's boundary (a coded rate is beyond it)."""
    return coded_value(cell.coded) if cell.coded else cell.value


def _figure(cell: Cell, unit: str) -> str:
    """A shown cell's figure in a sentence: '61.5%', or '≥ 95%' when coded, never the exact coded value."""
    return coded_text(cell.coded) if cell.coded else figure(cell.value, unit == "%")


def _alt_text(description: str, summary: Sequence[str]) -> str:
    return " ".join([description, *summary])


def in_cohort(title: str, cohort: Cohort | None) -> str:
    """A view's title, naming its cohort when it is one: '… — Term 2017'."""
    if cohort is None:
        return title
    dimension = DIMENSIONS[cohort[0]]
    return t("cohort.title", title=title, dimension=dimension_label(dimension),
             cohort=group_label(dimension, cohort[1]))


def _titled(chart, title: str, cohort: Cohort | None):
    """A cohort's chart carries the cohort in its own title too, so a downloaded image says whom it shows."""
    if cohort is None:
        return chart
    old = chart.title
    return chart.properties(title=alt.TitleParams(title, subtitle=old.subtitle) if isinstance(old, alt.TitleParams)
                            else title)


def _cohort_key(cohort: Cohort | None) -> str:
    return f":{cohort[0]}={cohort[1]}" if cohort else ""


@dataclass(frozen=True)
class GapView:
    """An outcome by one dimension against a comparison; `history` (the same by term) and `goal` (a saved
    goal on the summary's focus group) add a sentence each when known. Gaps are flagged by `flag`, as on the
    gaps screen; a shown group under `colour_min_n` students gets no colour in the chart."""

    result: Breakdown
    history: Trend | None = None
    goal: goal_math.Evaluation | None = None
    flag: Flag = Flag.NEWCOMBE
    colour_min_n: int = 0
    settings: FlagSettings = DEFAULTS
    cohort: Cohort | None = None              # the cohort the figures are for, named in the title
    outcome_note: str = ""                    # how the outcome is counted, when a rule says (chronic absence)

    @property
    def key(self) -> str:
        return f"gaps:{self.result.dimension.key}:{self.result.compare}" + _cohort_key(self.cohort)

    @cached_property
    def flags(self) -> Flags:
        """Every group's verdict under the view's flag, worked out once for its table, chart and sentences."""
        return flag(self.result, self.flag, self.settings)

    def section(self) -> Section:
        result, rate = self.result, self.result.rule.is_rate
        unit, flag_columns = "%" if rate else "", self._flag_columns()
        heads = effect_headers(result)
        effect_columns = (Column(heads[0], INDEX), Column(heads[1], VALUE)) if heads else ()
        columns = (Column(t("column.group")), Column(t("column.students"), COUNT),
                   Column(t("column.value_rate" if rate else "column.value_mean"), VALUE, unit),
                   Column(t("column.gap_vs", comparison=comparison_label(result.compare, result.dimension)), GAP),
                   Column(t("column.low"), VALUE, unit), Column(t("column.high"), VALUE, unit),
                   *effect_columns, *flag_columns, Column(t("column.note")))
        overall = result.overall_value
        low, high = result.overall.interval(result.rule) if overall is not None else (None, None)
        blank, none = ("",) * len(flag_columns), (None,) * len(effect_columns)
        rows = [(t("compare.all_title"), result.overall_size, overall, None, low, high, *none, *blank,
                 "" if overall is not None else hidden_note(result.overall_reason, result.min_n))]
        for g, verdict in zip(result.groups, self.flags.groups, strict=True):
            name = group_label(result.dimension, g.key)
            if g.suppressed:
                rows.append((name, _hidden_count(g.reason, result.min_n), None, None, None, None, *none, *blank,
                             hidden_note(g.reason, result.min_n)))
            elif g.coded:
                rows.append((name, g.n, coded_text(g.coded), None, None, None, *none, *self._flag_cells(verdict),
                             shown_as(g.coded)))
            else:
                rows.append((name, g.n, g.value, g.gap, g.ci[0], g.ci[1], *effect_values(result, g),
                             *self._flag_cells(verdict), ""))
        how = t("report.chance_note") if self.flag is Flag.NEWCOMBE else t(f"flag.{self.flag.value}.how")
        how = " ".join(filter(None, (how, settings_line(self.flag, self.settings))))
        effect_note = (t("report.effect_note"),) if effect_columns else ()
        table = Table(columns, tuple(rows), (*filter(None, (self.outcome_note,)), rule_note(result.min_n), how,
                                             *effect_note,
                                             *coding_note(any(g.coded for g in result.groups))))
        summary = breakdown_summary(result, self.history, self.goal)
        if self.flag is not Flag.NEWCOMBE:
            summary = (summary[0], self.sentence(), *summary[2:])
        title = in_cohort(gap_title(result), self.cohort)
        chart = _titled(gap_chart(result, colour_min_n=self.colour_min_n, flags=self.flags), title,
                        self.cohort) if result.shown() else None
        return Section(title, summary, table, chart,
                       _alt_text(t("chart.bar_description", title=title), summary) if chart else "")

    def sentence(self) -> str:
        """The one sentence the screen puts above the chart, under the view's way of flagging gaps."""
        return flag_sentence(self.result, self.flag, self.settings, self.flags)

    def _flag_columns(self) -> tuple[Column, ...]:
        """'Beyond chance' under Newcombe's interval; else the method's index (PPG with its margin), flagged."""
        if self.flag is Flag.NEWCOMBE:
            return (Column(t("column.beyond_chance")),)
        words = flag_params(self.result, self.flags)
        index = Column(t(INDEX_COLUMNS[self.flag], **words), GAP if self.flag is Flag.PPG else INDEX)
        margin = (Column(t("column.margin"), VALUE),) if self.flag is Flag.PPG else ()
        return (index, *margin, Column(t("column.flagged")), Column(t("column.needed"), COUNT),
                Column(t("column.parity"), COUNT))

    def _flag_cells(self, verdict: GroupFlag) -> tuple[object, ...]:
        if self.flag is Flag.NEWCOMBE:
            return (yes_no(verdict.flagged),)
        margin = (verdict.margin,) if self.flag is Flag.PPG else ()
        return (verdict.index, *margin, yes_no(verdict.flagged), verdict.needed, verdict.parity)


@dataclass(frozen=True)
class IntersectionView:
    """Two dimensions crossed, as a heat table; small cells hidden along rows and columns."""

    table: CrossTable
    cohort: Cohort | None = None

    @property
    def key(self) -> str:
        return f"cross:{self.table.first.key}:{self.table.second.key}" + _cohort_key(self.cohort)

    def section(self) -> Section:
        cross, rate = self.table, self.table.rule.is_rate
        unit = "%" if rate else ""
        columns = (Column(dimension_label(cross.first)), Column(dimension_label(cross.second)),
                   Column(t("column.students"), COUNT),
                   Column(t("column.value_rate" if rate else "column.value_mean"), VALUE, unit),
                   Column(t("column.gap_vs_all"), GAP), Column(t("column.note")))
        def names(c) -> tuple[str, str]:
            return group_label(cross.first, c.first), group_label(cross.second, c.second)

        rows = []
        for c in cross.cells:
            if c.suppressed:
                rows.append((*names(c), _hidden_count(c.reason, cross.min_n), None, None,
                             hidden_note(c.reason, cross.min_n)))
            elif c.coded:
                rows.append((*names(c), c.n, coded_text(c.coded), None, shown_as(c.coded)))
            else:
                rows.append((*names(c), c.n, c.value, c.gap, ""))
        shown = [c for c in cross.cells if not c.suppressed]
        summary = [t("summary.cross_hidden", hidden=sum(c.suppressed for c in cross.cells),
                     cells=len(cross.cells), min_n=cross.min_n)]
        if shown:
            low, high = min(shown, key=_ranked), max(shown, key=_ranked)
            summary.insert(0, t("summary.cross_range", low=" · ".join(names(low)), low_value=_figure(low, unit),
                                high=" · ".join(names(high)), high_value=_figure(high, unit)))
        title = in_cohort(heat_title(cross), self.cohort)
        table = Table(columns, tuple(rows), (rule_note(cross.min_n), t("report.cross_rule"),
                                             *coding_note(any(c.coded for c in cross.cells))))
        chart = _titled(heat_table(cross), title, self.cohort) if shown else None
        return Section(title, tuple(summary), table, chart,
                       _alt_text(t("chart.heat_description", title=title), summary) if chart else "")


@dataclass(frozen=True)
class TrendView:
    """Each group's figure in the first and the last loaded term, and the change between them."""

    history: Trend

    @property
    def key(self) -> str:
        return f"change:{self.history.dimension.key}"

    def section(self) -> Section:
        history, rate = self.history, self.history.rule.is_rate
        unit = "%" if rate else ""
        first, last = history.terms[0], history.terms[-1]
        columns = (Column(t("column.group")), Column(first, VALUE, unit), Column(last, VALUE, unit),
                   Column(t("column.change"), GAP), Column(t("column.change_beyond_chance")),
                   Column(t("column.note")))
        keys = sorted({g.key for r in history.per_term for g in r.groups}, key=history.dimension.order)
        rows = [self._row(t("compare.all_title"), overall_ends(history))]
        rows += [self._row(group_label(history.dimension, k), ends(history, k)) for k in keys]
        summary = [s for s in (overall_change_sentence(history),
                               *(change_sentence(history, g) for g in _focus(history))) if s]
        title = change_title(history)
        chart = change_chart(history)
        table = Table(columns, tuple(rows), (rule_note(history.min_n), t("report.change_note")))
        return Section(title, tuple(summary), table, chart,
                       _alt_text(t("chart.change_description", title=title), summary) if chart else "")

    def _row(self, name: str, pair) -> tuple:
        if pair is None:
            return (name, None, None, None, "", t("report.change_hidden", min_n=self.history.min_n))
        start, end = pair
        beyond = change_beyond_chance(start, end, self.history.rule.is_rate)
        return (name, start.value, end.value, end.value - start.value, yes_no(beyond), "")


def _focus(history: Trend) -> tuple[GroupResult, ...]:
    """The group the last term's summary is about, when there is one."""
    group = focus_group(history.per_term[-1]) if history.per_term else None
    return (group,) if group is not None else ()


@dataclass(frozen=True)
class GoalsView:
    """Every saved goal: where it stands in the latest loaded term against its interim target."""

    evaluations: tuple[goal_math.Evaluation, ...]
    min_n: int

    @property
    def key(self) -> str:
        return "goals"

    def section(self) -> Section:
        columns = tuple(Column(t(f"column.{name}")) for name in
                        ("goal", "population", "term", "current", "interim", "target", "status", "progress"))
        rows = []
        for e in self.evaluations:
            goal = e.goal
            rows.append((goal.title, goal_population(goal), e.current_term, _goal_figure(e.current, goal),
                         _goal_figure(e.interim, goal),
                         t("column.target_by", target=_goal_figure(goal.target, goal), term=goal.target_term),
                         t(f"goal.{e.status.replace(' ', '_')}"),
                         None if e.progress is None else percent(e.progress, 0)))
        counts = {status: sum(e.status == status for e in self.evaluations)
                  for status in (goal_math.MET, goal_math.ON_TRACK, goal_math.OFF_TRACK, goal_math.NO_DATA)}
        summary = [t("summary.goals_count", total=len(self.evaluations), met=counts[goal_math.MET],
                     on_track=counts[goal_math.ON_TRACK], off_track=counts[goal_math.OFF_TRACK],
                     no_data=counts[goal_math.NO_DATA])]
        worst_first = sorted(self.evaluations, key=lambda e: GOAL_ORDER.index(e.status))
        summary += [goal_sentence(e) for e in worst_first[:2]]
        table = Table(columns, tuple(rows), (t("report.goals_note", min_n=self.min_n),))
        return Section(t("report.goals_title"), tuple(summary), table)


@dataclass(frozen=True, eq=False)
class ScorecardView:
    """The balanced scorecard: each indicator's value for all students in the latest term, its change since the
    earliest, where it sits on the status × change grid, its finding (shown groups only) and its goal."""

    cards: tuple[sc.Card, ...]
    min_n: int
    cuts: tuple[tuple[str, status_grid.Cuts], ...] = ()     # by indicator label; the rest take their default
    colour_min_n: int = 0                                     # fewer students than this: no colour
    outcome_notes: tuple[str, ...] = ()                       # how indicators are counted (chronic absence)

    @property
    def key(self) -> str:
        return "scorecard"

    def section(self) -> Section:
        chosen = dict(self.cuts)
        placements = [status_grid.place(c, chosen.get(c.indicator.label, status_grid.default_cuts(c.indicator)),
                                        self.colour_min_n) for c in self.cards]
        rates = all(c.indicator.rule.is_rate for c in self.cards)
        columns = (Column(t("scorecard.column.indicator")), Column(t("report.scorecard.column.what")),
                   Column(t("report.scorecard.column.value"), VALUE if rates else TEXT, "%" if rates else ""),
                   Column(t("report.scorecard.column.change"), GAP),
                   Column(t("report.scorecard.column.direction")), Column(t("grid.column.status")),
                   Column(t("grid.column.colour")), Column(t("report.scorecard.column.finding")),
                   Column(t("report.scorecard.column.goal")))
        rows = []
        for card, p in zip(self.cards, placements, strict=True):
            value = card.latest if rates or card.latest is None else decimal(card.latest)
            rows.append((card.indicator.name(), card.indicator.describe_rule(), value, card.change,
                         direction_word(card) if card.change is not None else "",
                         status_grid.status_text(p.status) if p.status is not None else "",
                         status_grid.colour_text(p), sc.finding_text(card), goal_text(card.goal)))
        table = Table(columns, tuple(rows), (t("report.scorecard.note", min_n=self.min_n),
                                             t("report.scorecard.grid_note"), rule_note(self.min_n),
                                             *self.outcome_notes))
        summary = self._summary()
        title = t("report.scorecard.title")
        chart = scorecard_chart(list(self.cards))
        return Section(title, summary, table, chart,
                       _alt_text(t("chart.bar_description", title=title), summary) if chart else "")

    def _summary(self) -> tuple[str, ...]:
        cards = self.cards
        better = [c for c in cards if c.improving is True]
        worse = [c for c in cards if c.improving is False]
        lines = [t("report.scorecard.count", total=len(cards),
                   leading=sum(c.indicator.kind == sc.LEADING for c in cards),
                   lagging=sum(c.indicator.kind == sc.LAGGING for c in cards), better=len(better),
                   worse=len(worse), other=len(cards) - len(better) - len(worse))]
        lines.append(t("report.scorecard.worse", indicators=", ".join(c.indicator.name() for c in worse))
                     if worse else t("report.scorecard.none_worse"))
        lines += [t("report.scorecard.flagged", indicator=c.indicator.name(),
                    finding=sc.finding_text(c))
                  for c in cards if c.finding.group is not None and c.finding.group.flagged][:2]
        statuses = [c.goal for c in cards if c.goal != sc.NO_GOAL]
        if statuses:
            lines.append(t("report.scorecard.goals", met=statuses.count(goal_math.MET),
                           on_track=statuses.count(goal_math.ON_TRACK), off_track=statuses.count(goal_math.OFF_TRACK),
                           no_data=statuses.count(goal_math.NO_DATA)))
        return tuple(lines)


GOAL_ORDER = (goal_math.OFF_TRACK, goal_math.NO_DATA, goal_math.ON_TRACK, goal_math.MET)


def goal_population(goal: goal_math.Goal) -> str:
    """Whose figure a goal is about, in the report's language."""
    name = goal_math.population(goal)
    return t("report.goal_gap", group=name) if goal.measure == goal_math.GAP and goal.dimension else name


def _goal_figure(value: float | None, goal: goal_math.Goal) -> str | None:
    return None if value is None else goal.figure(value)


@dataclass(frozen=True)
class GroupGridView:
    """One indicator's status × change for every group of its grouping, against the prior term, as the
    Dashboard colours each student group (equity.plans.group_grid); worded in the section's language."""

    history: Trend
    indicator: sc.Indicator
    cuts: status_grid.Cuts
    colour_min_n: int = 0

    @property
    def key(self) -> str:
        return f"groups:{self.indicator.label}"

    def placed(self) -> tuple[GroupPlacement, ...]:
        """Every group's place on the grid, named in the reader's language: the rows of the section's table and of
        the screen's coloured grid."""
        return place_groups(self.history, self.cuts, self.indicator.higher_is_better, self.colour_min_n)

    def section(self, placed: tuple[GroupPlacement, ...] | None = None) -> Section:
        placed = placed or self.placed()
        rate = self.indicator.rule.is_rate
        heads = ("column.group", "column.students", "grid.column.value", "grid.column.status", "grid.column.change",
                 "grid.column.change_level", "grid.column.colour")
        kinds = (TEXT, COUNT, VALUE, TEXT, GAP, TEXT, TEXT)
        columns = tuple(Column(t(h), k, "%" if k == VALUE and rate else "") for h, k in zip(heads, kinds,
                                                                                                strict=True))
        rows = tuple((p.label, p.n, p.value, status_grid.status_text(p.status), p.change,
                      status_grid.change_text(p.change_level), colour_words(p)) for p in placed)
        terms = self.history.terms[-2:]
        title = t("group_grid.caption", indicator=self.indicator.name(), latest=terms[-1] if terms else "—",
                  prior=terms[0] if len(terms) > 1 else "—")
        intro = t("group_grid.intro", min_n=f"{self.history.min_n:d}", colour_min_n=f"{self.colour_min_n:d}")
        return Section(title, (intro,), Table(columns, rows, (rule_note(self.history.min_n),)))


@dataclass(frozen=True)
class AccountabilityView:
    """Every student group on every scorecard indicator, and the groups a state would identify
    (equity.plans.accountability); worded in the section's language."""

    grid: acc.Grid

    @property
    def key(self) -> str:
        return "accountability"

    def section(self) -> Section:
        placed, min_n = self.grid, self.grid.min_n
        kinds = (TEXT, TEXT, COUNT, VALUE, TEXT, GAP, TEXT, TEXT, COUNT)
        columns = tuple(Column(t(h), k) for h, k in zip(acc.HEADS, kinds, strict=True))
        red = tuple(f.sentence for f in acc.red_on_two(placed)) or (t("accountability.none_red"),)
        lines = (t("accountability.intro", min_n=f"{min_n:d}", colour_min_n=f"{placed.colour_min_n:d}"),
                 acc.caption(placed), *red, *(f.sentence for f in acc.lowest(placed)))
        return Section(t("accountability.section"), lines,
                       Table(columns, tuple(acc.records(placed)), (rule_note(min_n),)))


@dataclass(frozen=True)
class GraduationView:
    """Who graduated of the on-track and off-track 9th graders of `term`, by group, as the On track page shows it
    (equity.plans.ontrack.graduation_by_group, already suppressed)."""

    found: tuple[ontrack.GroupGraduation, ...]
    dimension: Dimension
    note: str                                  # the on-track rule and the term, as under the on-track table
    min_n: int

    @property
    def key(self) -> str:
        return f"graduation:{self.dimension.key}"

    def section(self) -> Section:
        table = graduation_group_table(self.found, self.dimension, self.min_n)
        return Section(t("ontrack.graduation_by_group_title", dimension=dimension_phrase(self.dimension)), (),
                       replace(table, notes=(self.note, *table.notes)))


@dataclass(frozen=True)
class Choice:
    """What to put in a report: one outcome under one rule, gaps by each chosen dimension, crossed pairs."""

    outcome: str                               # column name in `students`
    label: str                                 # the header people know
    rule: Rule
    dimensions: tuple[str, ...] = ("race",)
    compare: str = COMPARE_ALL
    crossings: tuple[tuple[str, str], ...] = ()
    history: bool = True                       # add each group's change over the loaded terms
    goals: bool = True                         # add where a saved goal on the group stands
    changes: bool = False                      # a section per dimension: first term against the last
    goal_table: bool = False                   # a section with every saved goal
    scorecard: tuple[sc.Indicator, ...] = ()   # a section with the balanced scorecard of these indicators
    cuts: tuple[tuple[str, status_grid.Cuts], ...] = ()   # the scorecard's status × change cut points
    flag: Flag = Flag.NEWCOMBE                 # how gaps are flagged (rates only; averages use Newcombe's)
    flag_settings: FlagSettings = DEFAULTS     # the flags' references, margin and cut-offs
    cohort: str | None = None                  # term, school or grade: every gap and crossed view once per cohort
    group_grids: bool = False                  # with the scorecard: each indicator's status × change per group
    accountability: bool = False               # with the scorecard: every student group on every indicator
    accountability_colour_min_n: int = 30      # the Dashboard's: no colour for fewer students
    warning: bool = False                      # the early-warning summary by each dimension (never the roster)
    on_track: bool = False                     # the share of 9th graders on track by each dimension


def views(bench: Figures, choice: Choice) -> list[ReportView]:
    """The chosen views, computed from the session's data under its filters and privacy settings (once per
    cohort when the choice has cohorts); goals' notes worded in the reader's language."""
    found: list[ReportView] = []
    saved = goal_math.load()[0] if choice.goals or choice.goal_table else ()
    cohorts = [None] if choice.cohort is None else \
        [(choice.cohort, v) for v in cohort_values(bench.filter_options(), choice.cohort, bench.filters)]
    for cohort in cohorts:
        found += _gap_views(bench, choice, cohort, saved)
    if choice.scorecard:
        found.append(ScorecardView(tuple(bench.scorecard(choice.scorecard)), bench.min_n, choice.cuts,
                                   bench.privacy.colour_min_n, chronic_notes(bench, choice.scorecard)))
    if choice.scorecard and choice.group_grids:
        cuts = dict(choice.cuts)
        for i in choice.scorecard:
            history = bench.trend(i.outcome, i.rule, i.grouping.first, label=i.outcome_label, second=i.grouping.second)
            found.append(GroupGridView(history, i, cuts.get(i.label, status_grid.default_cuts(i)),
                                       bench.privacy.colour_min_n))
    if choice.scorecard and choice.accountability:
        found.append(AccountabilityView(bench.accountability_grid(choice.scorecard, dict(choice.cuts),
                                                                  choice.accountability_colour_min_n)))
    if choice.goal_table and saved:
        found.append(GoalsView(tuple(bench.assess_goals(saved)), bench.min_n))
    return found + _student_views(bench, choice)


def _student_views(bench: Figures, choice: Choice) -> list[ReportView]:
    """The early-warning summary (of the latest term) and the share on track (of the first term's 9th graders) with
    who of them graduated, by each chosen dimension, at the indicators' default thresholds, as their pages first
    show them: group totals suppressed like every figure, never the roster. None for data without student rows."""
    if bench.without_rows():
        return []
    found: list[ReportView] = []
    signs, latest = bench.warning_signs() if choice.warning else (), bench.terms(filtered=True)[-1:]
    note = t("warning.summary_note", term=latest[0] if latest else t("page.scorecard.all_terms"), min_n=bench.min_n)
    for dimension in choice.dimensions if signs else ():
        found.append(GapView(bench.warning_summary(signs, dimension, latest[0] if latest else None),
                             colour_min_n=bench.privacy.colour_min_n, outcome_note=note))
    rule, first = bench.on_track_rule() if choice.on_track else None, bench.terms()[:1]
    for dimension in choice.dimensions if rule and first else ():
        if dimension not in ("grade", "term"):
            note = t("ontrack.rule_note", credits=f"{rule.min_credits:g}", failures=f"{rule.max_failures:g}",
                     term=first[0])
            found.append(GapView(bench.on_track(rule, dimension, first[0]), colour_min_n=bench.privacy.colour_min_n,
                                 outcome_note=note))
            finished = bench.graduation_by_group(rule, dimension, first[0])
            if finished is not None:
                found.append(GraduationView(finished, DIMENSIONS[dimension], note, bench.min_n))
    return found


def chronic_notes(bench: Figures, indicators: Sequence[sc.Indicator]) -> tuple[str, ...]:
    """The chronic-absence rule's note, once, when an indicator is chronic absence."""
    return tuple(filter(None, dict.fromkeys(bench.chronic_note(i.outcome) for i in indicators)))


def _gap_views(bench: Figures, choice: Choice, cohort: Cohort | None, saved: Sequence[goal_math.Goal]
               ) -> list[ReportView]:
    """The gap, change and crossed views of one cohort (or of everyone); a goal is on all the data, so a cohort's
    views leave it out."""
    found: list[ReportView] = []
    several_terms = (choice.history or choice.changes) and len(bench.terms(filtered=True, cohort=cohort)) > 1
    for dimension in choice.dimensions:
        result = bench.breakdown(choice.outcome, choice.rule, dimension, choice.compare, choice.label, cohort)
        history = bench.trend(choice.outcome, choice.rule, dimension, choice.compare, choice.label,
                              cohort=cohort) if several_terms else None
        goal = _goal(bench, saved, result, choice.outcome) if choice.goals and cohort is None else None
        method = choice.flag if choice.rule.is_rate else Flag.NEWCOMBE
        found.append(GapView(result, history if choice.history else None, goal, method, bench.privacy.colour_min_n,
                             choice.flag_settings, cohort, bench.chronic_note(choice.outcome, cohort) or ""))
        if choice.changes and history is not None:
            found.append(TrendView(history))
    for first, second in choice.crossings:
        found.append(IntersectionView(bench.crosstab(choice.outcome, choice.rule, first, second, choice.label, cohort),
                                      cohort))
    return found


def _goal(bench: Figures, saved: Sequence[goal_math.Goal], result: Breakdown, outcome: str
          ) -> goal_math.Evaluation | None:
    """The saved goal on the focus group's figure for this outcome and rule, evaluated, if there is one."""
    group = focus_group(result)
    if group is None:
        return None
    goal = next((g for g in saved if g.outcome == outcome and g.rule == result.rule
                 and g.dimension == result.dimension.key and g.group == key_text(group.key)
                 and not g.second and g.measure == goal_math.VALUE), None)
    if goal is None:
        return None
    return bench.assess_goals([goal])[0]


@dataclass(frozen=True, eq=False)
class Report:
    title: str
    lang: str
    sections: tuple[Section, ...]
    context: tuple[str, ...]          # which data, filters, terms: printed under the title
    privacy: str                      # the suppression rule, printed once more at the end
    notes: str = ""
    created: str = field(default_factory=lambda: day(date.today()))     # the date it was made, in its language


def compose(chosen: Sequence[ReportView], bench: Figures, title: str = "", notes: str = "") -> Report:
    """The report in the reader's language, its figures too (a report in another language is composed inside
    `reading(that language)`): a section per view and the lines that say what the figures cover."""
    return Report(title.strip() or t("report.default_title"), language(), tuple(view.section() for view in chosen),
                  context(bench), " ".join((rule_note(bench.min_n), *coding_note(bench.coding))), notes.strip(),
                  day(date.today()))


def context(bench: Figures) -> tuple[str, ...]:
    """Which data the figures come from, the filters in force and the terms they combine."""
    source = t("report.sample_data") if bench.data and bench.data.sample else \
        (bench.data.name if bench.data else "")
    lines = [t("report.source", source=source)]
    filters = filter_lines(bench.filters)
    lines.append(t("report.filtered", filters="; ".join(filters)) if filters else t("report.unfiltered"))
    found = bench.terms(filtered=True) if bench.data else ()
    if len(found) > 1:
        lines.append(t("report.terms_pooled", terms=len(found), first=found[0], last=found[-1]))
    elif found:
        lines.append(t("report.one_term", term=found[0]))
    return tuple(lines)


def filter_lines(filters: Filters) -> list[str]:
    """One line per active filter, in the report's language, e.g. 'Ingresos: Bajos ingresos'."""
    lines = []
    for f in fields(filters):
        chosen = getattr(filters, f.name)
        if chosen:
            dim = DIMENSIONS[f.name]
            names = [group_label(dim, FLAG_KEYS[c] if dim.flag else c) for c in chosen]
            lines.append(f"{dimension_label(dim)}: {', '.join(names)}")
    return lines

