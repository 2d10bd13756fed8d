"""Accountability the way states do it: every student group placed and coloured on every indicator, as the
California School Dashboard does, and the groups a state would identify.

Each indicator is a column: its latest term against the prior one (not the earliest), each student group's
status, change, levels and colour by the indicator's cut points (equity.group_grid.place_one, so the
Dashboard's rules hold: no colour under the colour minimum, a change only when the group is shown in both
terms, a hidden group never placed). The student groups are all students, every reported race/ethnicity and
the flagged side of income, English learner, special education and Section 504 ("Low income", not "Not low
income"), as the Dashboard reports them. Identification follows two ideas: California's differentiated
assistance (a group red on two or more indicators) and ESSA's targeted support (the group doing worst on an
indicator). Every flag carries its evidence and a plain sentence."""

from collections.abc import Sequence
from dataclasses import dataclass

from equity.model.dimensions import DIMENSIONS, NOT_REPORTED
from equity.plans.group_grid import GroupPlacement, colour_words, place_groups, place_one
from equity.plans.scorecard import Indicator
from equity.plans.status_grid import (
    COLOURS,
    Cuts,
    change_level,
    change_text,
    colour,
    status_level,
    status_text,
)
from equity.stats.privacy import DEFAULT_MIN_N
from equity.stats.trends import Trend, group_key
from equity.words.i18n import t
from equity.words.labels import figure

STUDENT_GROUPS = ("race", "low_income", "english_learner", "special_ed", "section_504")
ALL = "all"                   # the dimension and key of the all-students row
RED = COLOURS.index("red")
COLOUR_MIN_N = 30             # fewer students than this: no colour, until a user chooses otherwise
RED_ON = 2                    # red on this many indicators identifies a group (differentiated assistance)


@dataclass(frozen=True)
class Column:
    """One indicator's placements, keyed by (dimension, group key as text)."""

    indicator: Indicator
    cuts: Cuts
    terms: tuple[str, ...]                                   # the latest and the prior term it compares
    cells: tuple[tuple[tuple[str, str], GroupPlacement], ...]


@dataclass(frozen=True)
class Row:
    dimension: str                                # ALL for all students
    key: str                                      # the group's key as text, ALL for all students
    label: str
    cells: tuple[GroupPlacement | None, ...]      # one per column; None where the indicator has no such group


@dataclass(frozen=True)
class Grid:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    min_n: int
    colour_min_n: int


def student_group(dimension: str, key: object) -> bool:
    """A group the Dashboard reports: a flag's yes side, a race other than 'Not reported'."""
    if DIMENSIONS[dimension].flag:
        return key is True
    return key is not None and key != NOT_REPORTED


def _all_students(history: Trend, cuts: Cuts, higher: bool, colour_min_n: int) -> GroupPlacement:
    latest = history.per_term[-1]
    before = history.per_term[-2] if len(history.per_term) > 1 else None
    value = latest.overall_value
    return place_one(t("compare.all_title"), ALL, None if value is None else (latest.overall_size, value),
                     None if before is None else before.overall_value, before is None, cuts, higher, colour_min_n)


def column(indicator: Indicator, cuts: Cuts, trends: Sequence[Trend], colour_min_n: int = 0) -> Column:
    """One indicator placed for all students and every student group of `trends` (its trend by each dimension,
    equity.stats.trends)."""
    cells: dict[tuple[str, str], GroupPlacement] = {}
    terms: tuple[str, ...] = ()
    higher = indicator.higher_is_better
    for history in trends:
        if not history.per_term:
            continue
        terms = history.terms[-2:]
        cells.setdefault((ALL, ALL), _all_students(history, cuts, higher, colour_min_n))
        dimension = history.dimension.key
        for p in place_groups(history, cuts, higher, colour_min_n):
            if student_group(dimension, p.key):
                cells[(dimension, group_key(p.key))] = p
    return Column(indicator, cuts, terms, tuple(cells.items()))


def grid(columns: Sequence[Column], min_n: int = DEFAULT_MIN_N, colour_min_n: int = 0) -> Grid:
    """The columns side by side: one row per group found under any indicator, all students first."""
    found = [dict(c.cells) for c in columns]
    labels: dict[tuple[str, str], str] = {}
    for cells in found:
        for where, p in cells.items():
            labels.setdefault(where, p.label)
    order = {d: i for i, d in enumerate((ALL, *STUDENT_GROUPS))}
    keys = sorted(labels, key=lambda k: order.get(k[0], len(order)))    # stable: each dimension's own order kept
    rows = tuple(Row(d, k, labels[(d, k)], tuple(cells.get((d, k)) for cells in found)) for d, k in keys)
    return Grid(tuple(columns), rows, min_n, colour_min_n)


@dataclass(frozen=True)
class Flagged:
    """A group a state would identify, the indicators behind it (column indexes) and why, in words."""

    row: Row
    indicators: tuple[int, ...]
    sentence: str


def _names(grid_: Grid, indexes: Sequence[int]) -> str:
    """'chronic absence and suspension', 'A, B y C'."""
    names = [grid_.columns[i].indicator.name() for i in indexes]
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {t('accountability.and')} {names[-1]}"


def red_on_two(grid_: Grid) -> tuple[Flagged, ...]:
    """Groups red on two or more indicators (California's differentiated assistance)."""
    found = []
    for row in grid_.rows:
        red = tuple(i for i, p in enumerate(row.cells) if p is not None and p.colour == RED)
        if len(red) >= RED_ON:
            found.append(Flagged(row, red, t("accountability.red_sentence", group=row.label,
                                              indicators=_names(grid_, red), count=len(red))))
    return tuple(found)


def lowest(grid_: Grid) -> tuple[Flagged, ...]:
    """On each indicator, the shown student group with the worst result (lowest where higher is better), ties
    included: the groups ESSA's targeted support looks at first. All students are the yardstick, not a group."""
    found = []
    for i, col in enumerate(grid_.columns):
        shown = [(r, r.cells[i]) for r in grid_.rows if r.dimension != ALL and r.cells[i] is not None
                 and r.cells[i].value is not None]
        if not shown:
            continue
        sign = 1 if col.indicator.higher_is_better else -1
        worst = min(sign * p.value for _, p in shown)
        for row, p in shown:
            if sign * p.value == worst:
                found.append(Flagged(row, (i,), t("accountability.lowest_sentence", group=row.label,
                                                  indicator=col.indicator.name(), value=_figure(p, col),
                                                  status=status_text(p.status),
                                                  colour=colour_words(p))))
    return tuple(found)


def needed(p: GroupPlacement | None, col: Column) -> int | None:
    """How many more of a red group's students would have to meet the outcome (where lower is better, how many
    fewer would have to have it) for the group to be red no longer, its prior term as it was: the smallest such
    number, status and change placed again. None unless the cell is red on a share of students."""
    if p is None or p.colour != RED or p.change is None or not col.indicator.rule.is_rate:
        return None
    higher, prior = col.indicator.higher_is_better, p.value - p.change
    meeting = round(p.value * p.n / 100)
    for k in range(1, p.n + 1):
        moved = meeting + k if higher else meeting - k
        if not 0 <= moved <= p.n:
            break
        value = 100 * moved / p.n
        if colour(status_level(value, col.cuts, higher), change_level(value - prior, col.cuts, higher), higher) != RED:
            return k
    return None


def _figure(p: GroupPlacement, col: Column) -> str:
    return "—" if p.value is None else figure(p.value, col.indicator.rule.is_rate)


def cell_words(p: GroupPlacement | None) -> str:
    """A cell in words: 'Red · Very high · Increased', or why it has no colour; a dash where no such group."""
    if p is None:
        return "—"
    return " · ".join((colour_words(p), status_text(p.status), change_text(p.change_level)))


def caption(grid_: Grid) -> str:
    terms = next((c.terms for c in grid_.columns if c.terms), ())
    return t("accountability.caption", latest=terms[-1] if terms else "—",
             prior=terms[0] if len(terms) > 1 else "—")


HEADS = ("column.group", "grid.column.indicator", "column.students", "grid.column.value", "grid.column.status",
         "grid.column.change", "grid.column.change_level", "grid.column.colour", "accountability.needed")


def records(grid_: Grid) -> list[tuple]:
    """One row per group and indicator: group, indicator, students, value, status, change, its level, colour,
    students needed to leave red (None for the figures of a hidden group)."""
    found = []
    for row in grid_.rows:
        for col, p in zip(grid_.columns, row.cells, strict=True):
            if p is not None:
                found.append((row.label, col.indicator.name(), p.n, p.value, status_text(p.status),
                              p.change, change_text(p.change_level), colour_words(p), needed(p, col)))
    return found
