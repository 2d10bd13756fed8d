"""Disproportionality as IDEA defines it (34 CFR 300.647), for discipline, identification and placement.

Risk is the share of a group with the outcome. The risk ratio divides it by the risk of all other students.
A ratio is only calculated for a group that meets the minimum cell size (students with the outcome) and the
n-size (students); when the comparison group misses either, the alternate risk ratio takes the comparison risk
from a wider population (all terms and schools). A zero comparison risk makes the ratio "not computable",
never infinity. The composition index (share of the students with the outcome ÷ share of enrolment) says
who fills, or misses out on, places such as AP courses.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import duckdb

from equity.model.filters import Filters
from equity.model.groups import Grouping, ordered
from equity.model.rules import Rule
from equity.sources import cube as cubes
from equity.sources.cells import Stats
from equity.stats import across
from equity.stats.grouped import across_views, hidden, split, stats
from equity.stats.privacy import ACROSS, COMPLEMENT, DEFAULT_MIN_N, SMALL, missing_reason
from equity.words.i18n import t
from equity.words.labels import hidden_note
from equity.words.numbers import decimal

if TYPE_CHECKING:
    from equity.sources.cube import Cube

CELL_SIZE, N_SIZE, THRESHOLD = 10, 30, 3.0

RATIO, ALTERNATE = "risk ratio", "alternate risk ratio"
OTHERS = "others"                   # compare each group with all other students (IDEA's method)
TOO_FEW, NOT_COMPUTABLE, HIDDEN = "too few", "not computable", "hidden"


@dataclass(frozen=True)
class Settings:
    """The thresholds a state sets; the defaults are the federal presumptive maxima, all shown on screen."""

    cell_size: int = CELL_SIZE      # minimum students with the outcome, in the group and in its comparison
    n_size: int = N_SIZE            # minimum students, in the group and in its comparison
    threshold: float = THRESHOLD    # a ratio above this is flagged

    def meets(self, s: Stats) -> bool:
        return s.n >= self.n_size and s.total >= self.cell_size

    def describe(self) -> str:
        """The settings in the reader's language."""
        return t("risk.settings", cell=self.cell_size, n_size=self.n_size, threshold=decimal(self.threshold, 1))


DEFAULT_SETTINGS = Settings()


@dataclass(frozen=True)
class GroupRisk:
    key: object
    label: str
    n: int | None                   # None when hidden: a hidden group's size is as private as its figures
    count: int | None               # students with the outcome; None when hidden or below the cell size
    risk: float | None              # percent; None when hidden or below the cell size (it would give the count)
    comparison_risk: float | None   # percent: all other students, or the wider population's
    ratio: float | None
    method: str                     # RATIO, ALTERNATE, TOO_FEW, NOT_COMPUTABLE or HIDDEN
    flagged: bool
    composition: float | None       # share among students with the outcome ÷ share of enrolment
    reason: str = ""                # why hidden: privacy.SMALL, ACROSS or COMPLEMENT

    @property
    def hidden(self) -> bool:
        return self.method == HIDDEN


@dataclass(frozen=True)
class Disproportionality:
    outcome: str
    rule: Rule
    grouping: Grouping
    settings: Settings
    min_n: int
    overall: Stats
    groups: tuple[GroupRisk, ...]
    reference: object = OTHERS     # OTHERS, or the key of the group every group is compared with
    overall_hidden: bool = False      # the rule across views hides all students' figure
    missing_reason: str | None = None   # why the number without a result is not printed (privacy.missing_reason)
    comparison: str = ""    # the total row (a district's, a state's) the alternate ratio compares with; "": the
                            # wider population summed from the loaded students or schools

    @property
    def missing_size(self) -> int | None:
        """Students without a result, None when that number is hidden."""
        return None if self.missing_reason else self.overall.missing

    @property
    def overall_risk(self) -> float | None:
        return None if self.overall_size is None or not self.overall.n else risk(self.overall)

    @property
    def overall_size(self) -> int | None:
        """All students' size, None when their figure is hidden."""
        return None if self.overall.n < self.min_n or self.overall_hidden else self.overall.n

    @property
    def overall_reason(self) -> str | None:
        if self.overall_size is not None:
            return None
        return SMALL if self.overall.n < self.min_n else ACROSS

    def flagged(self) -> tuple[GroupRisk, ...]:
        return tuple(g for g in self.groups if g.flagged)

    def highest(self) -> GroupRisk | None:
        """The group with the highest ratio shown, so a screen with nothing flagged can say how close it came."""
        return max((g for g in self.groups if g.ratio is not None), key=lambda g: g.ratio, default=None)

    def note(self, group: GroupRisk) -> str:
        """Why a group has no ratio, or how its ratio was found when that is not the usual way; '' otherwise."""
        if group.method == HIDDEN:
            return hidden_note(group.reason, self.min_n)
        if group.method == TOO_FEW and group.reason == COMPLEMENT:
            return t("risk.note.count_complement")
        if group.method == TOO_FEW and group.count is None:
            return t("risk.note.few_with_outcome", cell=self.settings.cell_size)
        if group.method == TOO_FEW:
            return t("risk.note.too_few", n_size=self.settings.n_size, cell=self.settings.cell_size)
        if group.method == NOT_COMPUTABLE:
            return t("risk.note.not_computable")
        if group.method == ALTERNATE:
            return t("risk.note.alternate_total", name=self.comparison) if self.comparison else \
                t("risk.note.alternate")
        return ""


def risk(s: Stats) -> float:
    return s.total / s.n * 100


def risk_ratio(group: Stats, comparison: Stats) -> float | None:
    """Group risk ÷ comparison risk; None (not computable) when the comparison has no students or no risk."""
    if group.n == 0 or comparison.n == 0 or comparison.total == 0:
        return None
    return (group.total / group.n) / (comparison.total / comparison.n)


def composition_index(group: Stats, overall: Stats) -> float | None:
    """(group's share of the students with the outcome) ÷ (group's share of the students)."""
    if overall.total == 0 or overall.n == 0 or group.n == 0:
        return None
    return (group.total / overall.total) / (group.n / overall.n)


def measure(outcome: str, rule: Rule, grouping: Grouping, local: tuple[Stats, dict[object, Stats]],
            wider: tuple[Stats, dict[object, Stats]], settings: Settings = Settings(),
            min_n: int = DEFAULT_MIN_N, reference: object = OTHERS,
            found: across.Hidden = across.NOTHING) -> Disproportionality:
    """Risks, ratios and composition from group statistics of the population studied (`local`) and of the
    wider population the alternate ratio compares with; pure arithmetic, so it can be checked by hand.
    `reference` is OTHERS (each group against all other students, IDEA's method) or a group's key (each
    group against that group, e.g. White students, as some states report). `found`: what the rule across
    views hides (equity.stats.across); when it hides all students, no figure is drawn from them (all other students'
    risk or a composition index would give it back): the alternate ratio compares with the wider population.
    A group with fewer students with the outcome than the cell size shows neither that count nor its risk (the
    risk times the size would give it)."""
    if not rule.is_rate:
        raise ValueError("Risk needs a yes/no outcome: choose what counts as having it, not an average.")
    overall, groups = local
    wide_overall, wide_groups = wider
    reasons = hidden(grouping, {k: s.n for k, s in groups.items()}, min_n, found)
    results = []
    for key in ordered(grouping, groups):
        s, label = groups[key], grouping.group_label(key)
        if reasons[key]:
            results.append(GroupRisk(key, label, None, None, None, None, None, HIDDEN, False, None, reasons[key]))
            continue
        comparisons = _comparisons(key, s, local, wider, reference, reasons, settings, min_n)
        if found.overall and reference is OTHERS:
            comparisons = (Stats(0, 0.0, 0.0), comparisons[1])
        results.append(_group_risk(key, label, s, None if found.overall else overall, comparisons, settings))
    if not found.overall and overall.n >= min_n:    # all students' count is shown: hidden counts need company
        results = _hide_counts(results)
    return Disproportionality(outcome, rule, grouping, settings, min_n, overall, tuple(results), reference,
                              found.overall, missing_reason(overall.missing, min_n, found.missing,
                                                            found.overall or overall.n < min_n))


def _hide_counts(results: list[GroupRisk]) -> list[GroupRisk]:
    """The complementary rule on counts of students with the outcome: all students' count is shown (risk times
    size), so when exactly one group's count is hidden (below the cell size, or the group hidden), the group with
    the smallest count shown has its count hidden too, with its risk, ratio and composition, which would give it
    back."""
    hidden = [g for g in results if g.count is None]
    shown = [i for i, g in enumerate(results) if g.count is not None]
    if len(hidden) != 1 or not shown:
        return results
    i = min(shown, key=lambda j: results[j].count)
    g = results[i]
    return [*results[:i], GroupRisk(g.key, g.label, g.n, None, None, None, None, TOO_FEW, False, None, COMPLEMENT),
            *results[i + 1:]]


def _comparisons(key, s: Stats, local: tuple[Stats, dict[object, Stats]], wider: tuple[Stats, dict[object, Stats]],
                 reference: object, reasons: dict[object, str | None], settings: Settings,
                 min_n: int) -> tuple[Stats, Stats]:
    """The comparison population in the students studied, and the one the alternate ratio uses instead when
    the first is too small. A hidden reference group is never used locally (the ratio would give its risk
    away), nor a wider one under the n-size (a published total whose other students are few), which then
    leaves nothing to compare with (not computable) and no comparison figure to show."""
    (overall, groups), (wide_overall, wide_groups) = local, wider
    empty = Stats(0, 0.0, 0.0)
    if reference is OTHERS:
        mine, wide = overall.minus(s), wide_overall.minus(wide_groups.get(key) or empty)
    else:
        mine = groups[reference] if reference in groups and not reasons[reference] else empty
        wide = wide_groups.get(reference, empty)
    return mine, wide if wide.n >= max(min_n, settings.n_size) else empty


def _group_risk(key, label: str, s: Stats, overall: Stats | None, comparisons: tuple[Stats, Stats],
                settings: Settings) -> GroupRisk:
    """One shown group's figures; `overall` is None when all students' figure is hidden."""
    if s.total < settings.cell_size:     # the count, its risk and its composition index would all give it away
        return GroupRisk(key, label, s.n, None, None, None, None, TOO_FEW, False, None)
    composition = composition_index(s, overall) if overall is not None else None
    shown = dict(key=key, label=label, n=s.n, count=int(s.total), risk=risk(s), composition=composition)
    if not settings.meets(s):
        return GroupRisk(**shown, comparison_risk=None, ratio=None, method=TOO_FEW, flagged=False)
    comparison, method = comparisons[0], RATIO
    if not settings.meets(comparison):
        comparison, method = comparisons[1], ALTERNATE
    ratio = risk_ratio(s, comparison)
    comparison_risk = risk(comparison) if comparison.n else None
    if ratio is None:
        return GroupRisk(**shown, comparison_risk=comparison_risk, ratio=None, method=NOT_COMPUTABLE,
                         flagged=False)
    return GroupRisk(**shown, comparison_risk=comparison_risk, ratio=ratio, method=method,
                     flagged=ratio > settings.threshold)


def disproportionality(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, grouping: Grouping,
                       filters: Filters = Filters(), wider: Filters = Filters(), settings: Settings = Settings(),
                       min_n: int = DEFAULT_MIN_N, label: str = "", reference: object = OTHERS,
                       cube: "Cube | None" = None) -> Disproportionality:
    """Risk ratios of one outcome for the students `filters` keep; `wider` (default: every loaded student,
    all terms and schools) is the population the alternate ratio compares with, unless published counts carry
    a total row that breaks down by the same groups: then the widest total (the state's, else the district's)
    in the terms `filters` keeps, as IDEA's alternate risk ratio does. Counted over the students, or summed from
    the outcome's cube when given."""
    local = stats(con, outcome, rule, grouping, filters, cube)
    total = cubes.totals(con, outcome, rule, grouping.columns, filters.term)
    wide = split(total[1], grouping) if total else None
    name = total[0] if wide and set(wide[1]) & set(local[1]) else ""
    result = measure(label or outcome, rule, grouping, local,
                     wide if name else stats(con, outcome, rule, grouping, wider, cube), settings, min_n,
                     reference, across_views(con, outcome, rule, grouping, filters, min_n, cube))
    return replace(result, comparison=name)


def consecutive_flags(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, grouping: Grouping,
                      filters: Filters, terms: Sequence[str], settings: Settings = DEFAULT_SETTINGS,
                      min_n: int = DEFAULT_MIN_N, cube: "Cube | None" = None) -> dict[object, int]:
    """How many terms in a row, ending with the last of `terms` (in time order), each group was flagged:
    some states identify significant disproportionality only after three consecutive years. Summed from the
    outcome's cube when given."""
    streak: dict[object, int] = {}
    for term in terms:
        result = disproportionality(con, outcome, rule, grouping, replace(filters, term=(term,)), Filters(),
                                    settings, min_n, cube=cube)
        streak = {g.key: streak.get(g.key, 0) + 1 for g in result.flagged()}
    return streak
