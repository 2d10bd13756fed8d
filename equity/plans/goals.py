"""Goals (DESIGN.md, Targets): a figure to move from a baseline to a target by a term, the interim target
for every term on the way, and where the data says a goal stands.

Interim targets follow the straight line from baseline to target, equal steps per term, as ESSA and NCLB
plans publish them. The 'halve the distance' trajectory sets the target half way from the baseline to the
ideal (100% for a rate where higher is better, 0 for a rate where lower is better and for a gap) and then
steps there in the same equal increments: B + t·(ideal − B)/(2N).
"""

import itertools
import math
import re
from collections.abc import Collection
from dataclasses import asdict, dataclass, replace

import duckdb

from equity.data.sql import query
from equity.model import terms
from equity.model.dimensions import DIMENSIONS
from equity.model.filters import FLAG_KEYS, Filters
from equity.model.groups import Grouping, ordered
from equity.model.rules import Rule
from equity.stats.grouped import stats as group_stats
from equity.stats.metrics import COMPARE_ALL, COMPARE_OTHERS
from equity.stats.privacy import DEFAULT_MIN_N
from equity.stats.trends import KEY_JOIN, Point, group_key, trend
from equity.store import records
from equity.words.groupings import grouping_group
from equity.words.i18n import t, tn
from equity.words.labels import comparison_label, figure, rule_text
from equity.words.numbers import decimal

HIGHER, LOWER = "higher", "lower"
STRAIGHT, HALVE = "straight", "halve"
VALUE, GAP = "value", "gap"
MET, ON_TRACK, OFF_TRACK, NO_DATA = "met", "on track", "off track", "no data"
ENROLLED, AT_BASELINE = "enrolled", "baseline"     # whom a goal counts: whoever is enrolled, or the baseline's students
TOLERANCE = 1e-9
HORIZON = 20          # terms: a projection further out than this is not named
STORE = records.Store("goals")
_numbers = itertools.count(1)


@dataclass(frozen=True)
class Goal:
    """A target for one metric (outcome + rule) of one population (all students, a group, or a group crossed
    with a second one, e.g. English learners from low-income families) or for the gap between that group and
    its comparison. Goals saved before crossed groups existed load with `second` empty."""

    title: str
    outcome: str                  # the column name in `students`
    outcome_label: str            # the header people know
    rule: Rule
    baseline_term: str
    baseline: float
    target_term: str
    target: float
    direction: str = HIGHER       # which way is better
    dimension: str = ""           # "" for all students, else a key of DIMENSIONS
    group: str = ""               # the group's key as text (cells.key_text)
    group_label: str = ""
    measure: str = VALUE          # VALUE: the group's own figure; GAP: group minus comparison
    compare: str = COMPARE_ALL    # for a gap: "all", "others" or a reference group's key
    compare_label: str = ""
    trajectory: str = STRAIGHT
    baseline_from_data: bool = False
    notes: str = ""
    id: str = ""
    revision: int = 0
    second: str = ""              # "" or a key of DIMENSIONS crossed with `dimension`
    second_group: str = ""        # the group of `second`, its key as text
    # ENROLLED: whoever is enrolled each term; AT_BASELINE: the students enrolled in the baseline term, followed by ID
    # ("did the students we served grow?"), so arrivals do not move the figure
    population: str = ENROLLED

    @property
    def group_key(self) -> str:
        """The group's key as trends.Trend names it: the two parts joined for a crossed group."""
        return KEY_JOIN.join((self.group, self.second_group)) if self.second else self.group

    def figure(self, value: float | None) -> str:
        """The goal's figure as printed: '72.9%' for a rate, '-3.5 pts' for a gap, '—' when there is none."""
        if value is None:
            return "—"
        if self.measure == GAP:
            return f"{decimal(value, 1)} {t('scorecard.pts')}"
        return figure(value, self.rule.is_rate)

    def reached(self, value: float, mark: float) -> bool:
        """`value` is at or past `mark` in the better direction."""
        return value >= mark - TOLERANCE if self.direction == HIGHER else value <= mark + TOLERANCE

    def problems(self) -> list[str]:
        """What makes this goal unusable, in the reader's words; empty when it is sound."""
        found = []
        if not self.title.strip():
            found.append(t("goals.problem_title"))
        if self.measure == GAP and not self.dimension:
            found.append(t("goals.problem_gap_group"))
        if (self.dimension and not self.group) or (self.second and not self.second_group):
            found.append(t("goals.problem_group"))
        if self.second and (not self.dimension or DIMENSIONS[self.second].column == DIMENSIONS[self.dimension].column):
            found.append(t("goals.problem_cross"))
        elif self.second and self.measure == GAP and self.compare not in (COMPARE_ALL, COMPARE_OTHERS):
            found.append(t("goals.problem_cross_compare"))
        if not terms.sequence(self.baseline_term, self.target_term) or \
                terms.sort_key(self.target_term) <= terms.sort_key(self.baseline_term):
            found.append(t("goals.problem_terms", target_term=self.target_term,
                           baseline_term=self.baseline_term))
        if math.isclose(self.target, self.baseline, abs_tol=TOLERANCE):
            found.append(t("goals.problem_same"))
        elif (self.target > self.baseline) != (self.direction == HIGHER):
            found.append(t(f"goals.problem_{self.direction}"))
        if self.trajectory == HALVE and self.measure == VALUE and not self.rule.is_rate:
            found.append(t("goals.problem_halve"))
        return found


def grouping(goal: Goal) -> Grouping | None:
    """The goal's group's dimensions, None for all students."""
    return Grouping(goal.dimension, goal.second or None) if goal.dimension else None


def _group_value(dimension: str, text: str) -> object:
    return FLAG_KEYS.get(text, text) if DIMENSIONS[dimension].flag else text


def population(goal: Goal) -> str:
    """Whose figure the goal is about, in the reader's words: 'All students', 'English learners', or a crossed group
    'English learners · Low income'; 'All students, enrolled in 2023-24' when measured on the baseline's students."""
    who = _who(goal)
    return t("goals.at_baseline", who=who, term=goal.baseline_term) if goal.population == AT_BASELINE else who


def _who(goal: Goal) -> str:
    found = grouping(goal)
    if found is None:
        return t("compare.all_title")
    if not goal.group or (goal.second and not goal.second_group):                     # not chosen yet
        return goal.group_label or t("compare.all_title")
    first = _group_value(goal.dimension, goal.group)
    key = (first, _group_value(goal.second, goal.second_group)) if goal.second else first
    return grouping_group(found, key)


def labelled(goal: Goal) -> Goal:
    """The goal with its group and comparison named in words as stored (English, as goals always were)."""
    if not goal.dimension:
        return replace(goal, group_label="", compare_label="")
    versus = comparison_label(goal.compare, DIMENSIONS[goal.dimension]) if goal.measure == GAP else ""
    return replace(goal, group_label=population(goal), compare_label=versus)


def measure_label(goal: Goal) -> str:
    """What the goal's figure is, in words, e.g. 'ELA (in Met, Exceeded), % of English learners'."""
    rate = goal.rule.is_rate
    whose = population(goal)
    what = t("goals.what_rate", outcome=goal.outcome_label, rule=rule_text(goal.rule)) if rate \
        else t("goals.what_mean", outcome=goal.outcome_label)
    if goal.measure == GAP:
        versus = comparison_label(goal.compare, DIMENSIONS[goal.dimension]) if goal.dimension \
            else goal.compare_label
        return t("goals.measure_gap_rate" if rate else "goals.measure_gap_mean", what=what, group=whose,
                 versus=versus)
    return t("goals.measure_rate" if rate else "goals.measure_mean", what=what, group=whose)


def describe(goal: Goal) -> str:
    """The goal in one line: what, from where, to where, by when, and which way is better."""
    return t("goals.describe", measure=measure_label(goal), baseline=goal.figure(goal.baseline),
             baseline_term=goal.baseline_term, target=goal.figure(goal.target), target_term=goal.target_term,
             better=t(f"goals.better_{goal.direction}"), path=t(f"goals.path_{goal.trajectory}"))


_LOWER_IS_BETTER = re.compile(r"suspen|absen|incident|disciplin|referral|expul|dropout|drop out|fail|chronic|"
                              r"tard|retain|retention|arrest|restrain|seclu", re.I)


def default_direction(outcome_label: str, measure: str, baseline: float) -> str:
    """Which way is better, as most goals mean it: a gap closes toward zero; suspensions, absences and
    failures go down; everything else goes up. The user can change it."""
    if measure == GAP:
        return HIGHER if baseline < 0 else LOWER
    return LOWER if _LOWER_IS_BETTER.search(outcome_label) else HIGHER


def halve_target(baseline: float, direction: str, measure: str) -> float:
    """Half way from the baseline to the ideal: 100% for a rate where higher is better, else 0."""
    ideal = 100.0 if measure == VALUE and direction == HIGHER else 0.0
    return baseline + (ideal - baseline) / 2


def suggested_target(baseline: float, direction: str, measure: str, rate: bool) -> float:
    """A new goal's target before anyone types one: a real improvement, never the baseline. A gap or a share
    of students goes half way to its ideal (halve_target); an average, which has no ideal, moves a tenth of its
    size (at least one point) the better way."""
    if measure == GAP or rate:
        return halve_target(baseline, direction, measure)
    step = max(abs(baseline) / 10, 1.0)
    return baseline + step if direction == HIGHER else baseline - step


def trajectory(goal: Goal, known: tuple[str, ...] = ()) -> tuple[tuple[str, float], ...]:
    """The interim target of every term from baseline to target, in equal steps."""
    steps = terms.sequence(goal.baseline_term, goal.target_term, known)
    n = len(steps) - 1
    if n < 1:
        return ((goal.target_term, goal.target),)
    return tuple((term, goal.baseline + i * (goal.target - goal.baseline) / n) for i, term in enumerate(steps))


def interim(goal: Goal, term: str, known: tuple[str, ...] = ()) -> float | None:
    """This term's interim target: the baseline before the first step, the target after the last one, None
    for a term the goal's terms do not place."""
    if terms.sort_key(term) < terms.sort_key(goal.baseline_term):
        return goal.baseline
    if terms.sort_key(term) > terms.sort_key(goal.target_term):
        return goal.target
    return dict(trajectory(goal, known)).get(term)


def status(goal: Goal, value: float | None, interim_target: float | None) -> str:
    """Met (at or past the target), on track (at or past this term's interim target), off track, or no data."""
    if value is None:
        return NO_DATA
    if goal.reached(value, goal.target):
        return MET
    if interim_target is not None and goal.reached(value, interim_target):
        return ON_TRACK
    return OFF_TRACK


def progress(goal: Goal, value: float | None) -> float | None:
    """Share of the way from baseline to target, in percent: (current − baseline) ÷ (target − baseline)."""
    if value is None or math.isclose(goal.target, goal.baseline, abs_tol=TOLERANCE):
        return None
    return (value - goal.baseline) / (goal.target - goal.baseline) * 100


@dataclass(frozen=True)
class Projection:
    """When the target is reached if the average change per term since the baseline goes on."""

    pace: float | None           # change per term since the baseline term
    terms_needed: int | None     # terms after the current one; 0 when met; None when never at this pace
    term: str | None             # that term's label, when it can be named
    sentence: str


def project(goal: Goal, current_term: str | None, current: float | None, known: tuple[str, ...] = ()) -> Projection:
    """Where the average change per term since the baseline leads, with a sentence in the reader's language."""
    if current is None or current_term is None:
        return Projection(None, None, None, t("goals.projection_none"))
    if goal.reached(current, goal.target):
        return Projection(None, 0, current_term, t("goals.projection_met", term=current_term))
    elapsed = len(terms.sequence(goal.baseline_term, current_term, known)) - 1
    if elapsed < 1:
        return Projection(None, None, None, t("goals.projection_baseline_only"))
    pace = (current - goal.baseline) / elapsed
    wanted = goal.target - goal.baseline
    if pace * wanted <= 0:
        key = "goals.projection_still" if pace == 0 else "goals.projection_away"
        return Projection(pace, None, None, t(key))
    needed = math.ceil((goal.target - current) / pace - TOLERANCE)
    if needed > HORIZON:
        return Projection(pace, None, None, t("goals.projection_far", pace=_pace(pace), horizon=HORIZON))
    label = terms.shift(current_term, needed)
    when = label or tn("goals.terms_after", needed, term=current_term)
    late = terms.sort_key(label) > terms.sort_key(goal.target_term) if label else False
    key = "goals.projection_late" if late else "goals.projection_reached"
    return Projection(pace, needed, label,
                      t(key, pace=_pace(pace), when=when, target_term=goal.target_term))


def _pace(pace: float) -> str:
    return decimal(pace, 1 if abs(pace) >= 1 else 2, signed=True)


@dataclass(frozen=True)
class Evaluation:
    goal: Goal
    actual: tuple[Point, ...]          # the goal's figure in every loaded term
    current_term: str | None           # the latest loaded term from the baseline on
    current: float | None
    interim: float | None
    status: str
    progress: float | None
    projection: Projection
    note: str                          # why there is no current value, when there is none


def evaluate(goal: Goal, actual: tuple[Point, ...]) -> Evaluation:
    """Where a goal stands on the loaded data: the latest term's value against its interim target. A hidden
    or missing value in that term is 'no data', never an earlier term's value."""
    known = tuple(p.term for p in actual)
    latest = [p for p in actual if terms.sort_key(p.term) >= terms.sort_key(goal.baseline_term)]
    if not latest:
        note = t("goals.no_term", term=goal.baseline_term)
        return Evaluation(goal, actual, None, None, None, NO_DATA, None, project(goal, None, None), note)
    point = latest[-1]
    mark = interim(goal, point.term, known)
    return Evaluation(goal, actual, point.term, point.value, mark, status(goal, point.value, mark),
                      progress(goal, point.value), project(goal, point.term, point.value, known), point.note)


def assess(con: duckdb.DuckDBPyConnection, goal: Goal, outcomes: Collection[str], min_n: int = DEFAULT_MIN_N
           ) -> Evaluation:
    """Evaluate a goal on the loaded data, or say that its outcome is not in it (`outcomes`: loaded names)."""
    if goal.outcome not in outcomes:
        return replace(evaluate(goal, ()), note=t("goals.outcome_missing", outcome=goal.outcome_label))
    return evaluate(goal, actual(con, goal, min_n))


def actual(con: duckdb.DuckDBPyConnection, goal: Goal, min_n: int = DEFAULT_MIN_N) -> tuple[Point, ...]:
    """The goal's figure in every loaded term, with the same suppression as every view; the sidebar filters
    do not apply, a goal names its own population (a crossed group is hidden by the two-way table rule). Measured
    on the baseline's students, a term's figure is also hidden when they are 1 to `min_n - 1` fewer than the
    students enrolled (the term's own figure less theirs would give the few arrivals' figure)."""
    enrolled = _points(con, goal, goal.outcome, min_n)
    if goal.population != AT_BASELINE:
        return enrolled
    table = f"goal_baseline_{next(_numbers)}"
    con.execute(query("matched/key"))
    con.execute(query("goals/baseline_students", table=table), {"term": goal.baseline_term})
    try:
        stayed = _points(con, goal, query("goals/baseline_only", table=table, outcome=goal.outcome), min_n)
    finally:
        con.execute(query("tables/drop_table", table=table))
    return tuple(_without_turnover(s, e, min_n) for s, e in zip(stayed, enrolled, strict=True))


def _points(con: duckdb.DuckDBPyConnection, goal: Goal, outcome: str, min_n: int) -> tuple[Point, ...]:
    result = trend(con, outcome, goal.rule, goal.dimension or "term", goal.compare, Filters(), min_n,
                   goal.outcome_label, goal.second or None)
    if not goal.dimension:
        return result.overall()
    points = result.series(goal.group_key)
    if goal.measure == GAP:
        return tuple(replace(p, value=p.gap) if p.value is not None else p for p in points)
    return points


def _without_turnover(stayed: Point, enrolled: Point, min_n: int) -> Point:
    """The baseline students' point, hidden when the students enrolled are a few more than they (privacy)."""
    if stayed.n is None or enrolled.n is None or not 0 < enrolled.n - stayed.n < min_n:
        return stayed
    return Point(stayed.term, None, None, None, t("goals.turnover_hidden", min_n=min_n))


# Storage: one JSON file per goal in the workspace.

def to_data(goal: Goal) -> dict:
    data = asdict(goal)
    data["rule"] = goal.rule.params()
    data.pop("id"), data.pop("revision")
    return data


def from_record(record: records.Record) -> Goal:
    """A stored goal; a population the app cannot place (an unknown dimension, one crossed with itself) or a
    choice it does not know raises KeyError or ValueError, so the file is reported rather than failing on screen
    later."""
    rule = record.data["rule"]
    goal = records.build(Goal, record.data, id=record.id, revision=record.revision,
                         rule=Rule(rule["kind"], rule.get("threshold"), tuple(rule.get("categories") or ())))
    grouping(goal)
    if goal.direction not in (HIGHER, LOWER) or goal.trajectory not in (STRAIGHT, HALVE) \
            or goal.measure not in (VALUE, GAP) or goal.population not in (ENROLLED, AT_BASELINE):
        raise ValueError(f"unknown direction, trajectory or measure in goal {record.id}")
    return goal


def group_choices(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, dimension: str, second: str = ""
                  ) -> dict[str, str]:
    """The groups with a result for this outcome across the loaded terms, for a goal's population: key as text
    (Goal.group_key) -> name in the reader's language. Crossed groups when `second` is given."""
    chosen = Grouping(dimension, second or None)
    _, stats = group_stats(con, outcome, rule, chosen)
    return {group_key(k): grouping_group(chosen, k) for k in ordered(chosen, stats)}


def load() -> tuple[tuple[Goal, ...], tuple[records.Problem, ...]]:
    """Every goal in the workspace, and a problem for each goal file that could not be read."""
    listing = STORE.all()
    goals, problems = [], list(listing.problems)
    for record in listing.records:
        try:
            goals.append(from_record(record))
        except (KeyError, TypeError, ValueError) as problem:
            problems.append(records.Problem(STORE.path(record.id), t("goals.unreadable", id=record.id,
                                                                                   error=type(problem).__name__)))
    return tuple(goals), tuple(problems)


def save(goal: Goal) -> Goal:
    """Add a new goal, or replace the stored one this goal was read from (refused if it changed since)."""
    wrong = goal.problems()
    if wrong:
        raise ValueError(" ".join(wrong))
    record = STORE.update(goal.id, to_data(goal), goal.revision) if goal.id else STORE.add(to_data(goal))
    return replace(goal, id=record.id, revision=record.revision)


def delete(goal: Goal) -> None:
    STORE.delete(goal.id)
