"""On track at the end of 9th grade, by entering cohort, and how many of each graduated.

The Consortium on Chicago School Research's Freshman OnTrack indicator: a 9th grader is on track with at least
five full-year course credits and no more than one semester F in a core course (Allensworth and Easton, "The
On-Track Indicator as a Predictor of High School Graduation", 2005); both numbers are settings. It is worked out
when the file has a grade column and a column of credits earned (and, when it has one, of core courses failed);
where later terms have a yes/no graduation column, the students of the entering cohort are followed there by ID
(equity.stats.matched's `cohort_key`: 0012345, 12345 and S12345 are one student) and the share of the on-track and
the off-track students who graduated is given, each hidden under the n-size.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import duckdb

from equity.data.mapping import Mapping
from equity.data.sql import query
from equity.model.filters import Filters
from equity.model.terms import ordered
from equity.plans.warning import FAILURE
from equity.sources.cube import Cube
from equity.stats import flagged
from equity.stats.metrics import Breakdown
from equity.stats.privacy import COMPLEMENT, DIFFERENCE, ELSEWHERE, suppress, suppress_table
from equity.words.i18n import t

ENTRY_GRADE = "9"
MIN_CREDITS = 5.0           # full-year course credits
MAX_FAILURES = 1.0          # semester Fs in core courses
_CREDITS = re.compile(r"\bcredit", re.I)
_GRADUATED = re.compile(r"graduat|diploma", re.I)


@dataclass(frozen=True)
class OnTrackRule:
    """The columns the indicator reads (`students` names; '' when the file has none) and its two settings."""

    credits: str
    failures: str = ""
    graduated: str = ""
    min_credits: float = MIN_CREDITS
    max_failures: float = MAX_FAILURES

    def with_settings(self, min_credits: float, max_failures: float) -> "OnTrackRule":
        return replace(self, min_credits=float(min_credits), max_failures=float(max_failures))

    def params(self) -> dict[str, float]:
        return {"min_credits": self.min_credits, "max_failures": self.max_failures}


Figures = tuple[int | None, float | None, str | None]   # students with a record, % graduated, why hidden
_NONE = (0, 0, 0)


@dataclass(frozen=True)
class Graduation:
    """Of the entering cohort's students with a graduation record in a later term, how many graduated, for the
    on-track and the off-track ones; a figure is None (with `why`) where the n-size hides it."""

    on_track: Figures
    off_track: Figures
    no_record: int | None        # cohort students with no later graduation value; None where hidden
    # A row is also hidden when 1 to min_n - 1 of its students have no later record: the summary's on-track (or
    # off-track) count less the row's would be their number.


@dataclass(frozen=True)
class GroupGraduation:
    """`Graduation`'s two rows for one group of the on-track summary (`key` its value)."""

    key: object
    on_track: Figures
    off_track: Figures


def find(mapping: Mapping) -> OnTrackRule | None:
    """The indicator's columns, from their headers ('Credits Earned', 'Core Courses Failed', 'Graduated'), when
    the file has a grade column and a numeric column of credits; else None."""
    if mapping.header_for("grade") is None:
        return None

    def first(pattern: re.Pattern, kind: str) -> str:
        return next((c.name for c in mapping.columns
                     if c.role == "outcome" and c.kind == kind and pattern.search(c.header)), "")

    credits = first(_CREDITS, "numeric")
    return OnTrackRule(credits, first(FAILURE, "numeric"), first(_GRADUATED, "boolean")) if credits else None


def _on_track(rule: OnTrackRule):
    failures = rule.failures or query("columns/nothing")
    return query("ontrack/on_track", credits=rule.credits, failures=failures)


def cube(con: duckdb.DuckDBPyConnection, rule: OnTrackRule) -> Cube:
    """The students counted by whether they are on track under `rule` (in every grade and term), for `summary`."""
    return flagged.build(con, label(), _on_track(rule), rule.params())


def label() -> str:
    """The figure's name in the reader's language (a kept cube's is in the language it was first built in)."""
    return t("ontrack.label")


def summary(con: duckdb.DuckDBPyConnection, counted: Cube, dimension: str, term: str, filters: Filters,
            min_n: int, coding: bool = False) -> Breakdown:
    """The share of `term`'s 9th graders on track, by group, under `filters` (the grade and term replace theirs),
    summed from a `cube` of the rule."""
    chosen = Filters(**{**vars(filters), "grade": (ENTRY_GRADE,), "term": (term,)})
    return flagged.share_by_group(con, counted, dimension, chosen, min_n, coding)


def later_terms(terms: Sequence[str], term: str) -> tuple[str, ...]:
    """The terms after `term`, in time order."""
    found = ordered(terms)
    return found[found.index(term) + 1:] if term in found else ()


def _counts(con: duckdb.DuckDBPyConnection, rule: OnTrackRule, term: str, later: Sequence[str], filters: Filters,
            by: str | None) -> dict[tuple[object, bool], tuple[int, int, int]]:
    """(group or None, on track) -> (students with a later record, graduated, without a record) of `term`'s 9th
    graders; `by` is the group's column (None: no groups)."""
    con.execute(query("matched/key"))
    params = {**rule.params(), **{k: v for k, v in filters.params().items() if k not in ("f_grade", "f_term")},
              "term": term, "later": list(later), "grade": ENTRY_GRADE}
    group = by if by else query("columns/nothing")
    rows = con.execute(query("ontrack/graduation", by=group, on_track=_on_track(rule), graduated=rule.graduated),
                       params).fetchall()
    return {(key, on): (int(known), int(done), int(n) - int(known)) for key, on, n, known, done in rows}


def _shown(counts: tuple[int, int, int], why: str | None) -> Figures:
    known, done, _ = counts
    return (None, None, why) if why else (known, 100 * done / known if known else None, None)


def graduation(con: duckdb.DuckDBPyConnection, rule: OnTrackRule, term: str, later: Sequence[str],
               filters: Filters, min_n: int) -> Graduation | None:
    """The on-track and off-track 9th graders of `term` (under `filters`, by their groups then) who graduated in
    one of the `later` terms; None when the file has no graduation column or no later term."""
    if not rule.graduated or not later:
        return None
    counts = _counts(con, rule, term, later, filters, None)
    on, off = counts.get((None, True), _NONE), counts.get((None, False), _NONE)
    no_record = on[2] + off[2]
    # the students without a record are a group too: with the two others they add up to the cohort's size
    reasons = list(suppress([on[0], off[0], *([no_record] if no_record else [])], min_n))
    for i, (_, _, missing) in enumerate((on, off)):
        if not reasons[i] and 0 < missing < min_n:
            reasons[i] = DIFFERENCE     # the on-track count (the summary's) less this row's would be those few
    hidden = any(reasons)               # a hidden row and the total without a record would give its size back
    return Graduation(_shown(on, reasons[0]), _shown(off, reasons[1]), None if no_record and hidden else no_record)


def graduation_by_group(con: duckdb.DuckDBPyConnection, rule: OnTrackRule, term: str, later: Sequence[str],
                        filters: Filters, min_n: int, overall: Graduation,
                        on_track: Breakdown) -> tuple[GroupGraduation, ...]:
    """`graduation` for each group of the `on_track` summary (its dimension, its order), suppressed as a two-way
    table of group by on track, off track and without a record: each row adds up to the group's 9th graders and
    each column to `overall`'s row, both shown. Hidden are a cell under the n-size, a group the summary hides, a
    status 1 to min_n - 1 of whose students have no record (the summary's count less the row's would be theirs),
    then the complement along every row and column, and a column's smallest cell where `overall` hides its total
    and every group shows its part."""
    counts = _counts(con, rule, term, later, filters, on_track.dimension.column)
    cells, marked = {}, {}
    for group in on_track.groups:
        for status, on in enumerate((True, False)):
            known, _, missing = counts.get((group.key, on), _NONE)
            if known + missing:
                cells[group.key, status] = known
                marked[group.key, status] = DIFFERENCE if 0 < missing < min_n else None
        no_record = sum(counts.get((group.key, on), _NONE)[2] for on in (True, False))
        if no_record:
            cells[group.key, 2] = no_record
        for cell in [c for c in cells if c[0] == group.key]:
            marked[cell] = ELSEWHERE if group.suppressed else marked.get(cell)
    totals = (overall.on_track[2], overall.off_track[2], overall.no_record is None)
    while True:
        reasons = suppress_table(cells, min_n, marked)
        more = {min(line, key=cells.get): COMPLEMENT for line in (
            [c for c in cells if c[1] == status] for status, why in enumerate(totals) if why)
            if line and not any(reasons[c] for c in line)}
        if not more:
            break
        marked |= more
    return tuple(GroupGraduation(g.key, *(_shown(counts.get((g.key, on), _NONE), reasons.get((g.key, i)))
                                                   for i, on in enumerate((True, False))))
                 for g in on_track.groups)
