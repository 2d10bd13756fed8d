"""Goals (DESIGN.md, Targets): a figure to move from a baseline to a target by a term, the interim target
for every term on the way, and where the data says a goal stands.

Interim targets follow the straight line from baseline to target, equal steps per term, as ESSA and NCLB
plans publish them. The 'halve the distance' trajectory sets the target half way from the baseline to the
ideal (100% for a rate where higher is better, 0 for a rate where lower is better and for a gap) and then
steps there in the same equal increments: B + t·(ideal − B)/(2N).
"""

import math
import re
from collections.abc import Collection
from dataclasses import asdict, dataclass, replace

import duckdb

from equity import records, terms
from equity.filters import Filters
from equity.metrics import COMPARE_ALL, Rule
from equity.privacy import DEFAULT_MIN_N
from equity.trends import Point, trend

HIGHER, LOWER = "higher", "lower"
STRAIGHT, HALVE = "straight", "halve"
VALUE, GAP = "value", "gap"
MET, ON_TRACK, OFF_TRACK, NO_DATA = "met", "on track", "off track", "no data"
TOLERANCE = 1e-9
HORIZON = 20          # terms: a projection further out than this is not named
STORE = records.Store("goals")


@dataclass(frozen=True)
class Goal:
    """A target for one metric (outcome + rule) of one population (all students, or a group) or for the gap
    between a group and its comparison."""

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
    group: str = ""               # the group's key as text (metrics.key_text)
    group_label: str = ""
    measure: str = VALUE          # VALUE: the group's own figure; GAP: group minus comparison
    compare: str = COMPARE_ALL    # for a gap: "all", "others" or a reference group's key
    compare_label: str = ""
    trajectory: str = STRAIGHT
    baseline_from_data: bool = False
    notes: str = ""
    id: str = ""
    revision: int = 0

    @property
    def population(self) -> str:
        return self.group_label or "All students"

    @property
    def unit(self) -> str:
        if self.measure == GAP:
            return " pts"
        return "%" if self.rule.is_rate else ""

    def reached(self, value: float, mark: float) -> bool:
        """`value` is at or past `mark` in the better direction."""
        return value >= mark - TOLERANCE if self.direction == HIGHER else value <= mark + TOLERANCE

    def problems(self) -> list[str]:
        """What makes this goal unusable, in words; empty when it is sound."""
        found = []
        if not self.title.strip():
            found.append("Give the goal a name.")
        if self.measure == GAP and not self.dimension:
            found.append("A gap goal needs a group: choose whose gap to close.")
        if self.dimension and not self.group:
            found.append("Choose the group this goal is about.")
        if not terms.sequence(self.baseline_term, self.target_term) or \
                terms.sort_key(self.target_term) <= terms.sort_key(self.baseline_term):
            found.append(f"The target term ({self.target_term}) must come after the baseline term "
                         f"({self.baseline_term}).")
        if math.isclose(self.target, self.baseline, abs_tol=TOLERANCE):
            found.append("The target equals the baseline: there is nothing to move.")
        elif (self.target > self.baseline) != (self.direction == HIGHER):
            better = "higher" if self.direction == HIGHER else "lower"
            found.append(f"'{better.capitalize()} is better' needs a target {better} than the baseline.")
        if self.trajectory == HALVE and self.measure == VALUE and not self.rule.is_rate:
            found.append("'Halve the distance' needs a rate or a gap, not an average.")
        return found


def measure_label(goal: Goal) -> str:
    """What the goal's figure is, in words, e.g. 'ELA (in Met, Exceeded), % of English learners'."""
    rate = goal.rule.is_rate
    what = f"{goal.outcome_label} ({goal.rule.describe()})" if rate else f"average {goal.outcome_label}"
    if goal.measure == GAP:
        versus = goal.compare_label or {"all": "all students", "others": "all other students"}.get(
            goal.compare, goal.compare)
        return f"Gap in {what}: {goal.population} vs {versus} ({'percentage ' if rate else ''}points)"
    return f"{what}, {'% of ' if rate else ''}{goal.population if rate else 'for ' + goal.population}"


def describe(goal: Goal) -> str:
    """The goal in one line: what, from where, to where, by when, and which way is better."""
    path = "halving the distance" if goal.trajectory == HALVE else "equal steps each term"
    return (f"{measure_label(goal)}: from {goal.baseline:.1f}{goal.unit} in {goal.baseline_term} to "
            f"{goal.target:.1f}{goal.unit} by {goal.target_term} ({goal.direction} is better; {path}).")


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


def project(goal: Goal, current_term: str | None, current: float | None, known: tuple[str, ...] = ()
            ) -> Projection:
    if current is None or current_term is None:
        return Projection(None, None, None, "No current value, so no projection.")
    if goal.reached(current, goal.target):
        return Projection(None, 0, current_term, f"The target is met in {current_term}.")
    elapsed = len(terms.sequence(goal.baseline_term, current_term, known)) - 1
    if elapsed < 1:
        return Projection(None, None, None, "Only the baseline term has data: the pace shows after one more term.")
    pace = (current - goal.baseline) / elapsed
    wanted = goal.target - goal.baseline
    if pace * wanted <= 0:
        moved = "has not moved" if pace == 0 else "is moving away from the target"
        return Projection(pace, None, None, f"At the current pace the target is not reached: the figure {moved} "
                                            "since the baseline.")
    needed = math.ceil((goal.target - current) / pace - TOLERANCE)
    if needed > HORIZON:
        return Projection(pace, None, None, f"At the current pace ({_pace(pace)} a term) the target is more than "
                                            f"{HORIZON} terms away.")
    label = terms.shift(current_term, needed)
    when = label or f"{needed} term{'s' if needed != 1 else ''} after {current_term}"
    late = terms.sort_key(label) > terms.sort_key(goal.target_term) if label else False
    verdict = f", after the target term {goal.target_term}" if late else ""
    return Projection(pace, needed, label, f"At the current pace ({_pace(pace)} a term) the target is reached in "
                                           f"{when}{verdict}.")


def _pace(pace: float) -> str:
    return f"{pace:+.1f}" if abs(pace) >= 1 else f"{pace:+.2f}"


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
        note = f"No loaded term from {goal.baseline_term} on."
        return Evaluation(goal, actual, None, None, None, NO_DATA, None, project(goal, None, None), note)
    point = latest[-1]
    mark = interim(goal, point.term, known)
    return Evaluation(goal, actual, point.term, point.value, mark, status(goal, point.value, mark),
                      progress(goal, point.value), project(goal, point.term, point.value, known), point.note)


def assess(con: duckdb.DuckDBPyConnection, goal: Goal, outcomes: Collection[str], min_n: int = DEFAULT_MIN_N
           ) -> Evaluation:
    """Evaluate a goal on the loaded data, or say that its outcome is not in it (`outcomes`: loaded names)."""
    if goal.outcome not in outcomes:
        return replace(evaluate(goal, ()), note=f"'{goal.outcome_label}' is not in the loaded data.")
    return evaluate(goal, actual(con, goal, min_n))


def actual(con: duckdb.DuckDBPyConnection, goal: Goal, min_n: int = DEFAULT_MIN_N) -> tuple[Point, ...]:
    """The goal's figure in every loaded term, with the same suppression as every view; the sidebar filters
    do not apply, a goal names its own population."""
    result = trend(con, goal.outcome, goal.rule, goal.dimension or "term", goal.compare, Filters(), min_n,
                   goal.outcome_label)
    if not goal.dimension:
        return result.overall()
    points = result.series(goal.group)
    if goal.measure == GAP:
        return tuple(replace(p, value=p.gap) if p.value is not None else p for p in points)
    return points


# Storage: one JSON file per goal in the workspace.

def to_data(goal: Goal) -> dict:
    data = asdict(goal)
    data["rule"] = goal.rule.params()
    data.pop("id"), data.pop("revision")
    return data


def from_record(record: records.Record) -> Goal:
    rule = record.data["rule"]
    return records.build(Goal, record.data, id=record.id, revision=record.revision,
                         rule=Rule(rule["kind"], rule.get("threshold"), tuple(rule.get("categories") or ())))


def load() -> tuple[tuple[Goal, ...], tuple[records.Problem, ...]]:
    """Every goal in the workspace, and a problem for each goal file that could not be read."""
    listing = STORE.all()
    goals, problems = [], list(listing.problems)
    for record in listing.records:
        try:
            goals.append(from_record(record))
        except (KeyError, TypeError, ValueError) as problem:
            problems.append(records.Problem(STORE.path(record.id), f"Goal {record.id} could not be read "
                                                                  f"({type(problem).__name__}); it was left as it is."))
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
