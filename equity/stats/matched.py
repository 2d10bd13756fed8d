"""Matched cohorts: the same students in two terms. Gaps that close because the students changed look, in
snapshots, like gaps that close because students grew; here only students present in both terms are compared,
and who left and who arrived is counted beside the figure, so a reader knows whom it is about.

Students are matched by their ID as `cohort_key` (queries/matched/key.sql) reads it, across formats (0012345,
12345 and S12345 are one student); IDs repeated within a term are left out and reported. Each student belongs to
the group they were in in the first term (arrivals: in the second).

Privacy: a group's row (its figure and its counts) is shown only when it has at least `min_n` students with the
outcome in both terms; when the students who left it and who arrived in it are each none or at least `min_n`
(the single-term views show each term's group size, so a small number who left would be that size minus the
matched count); and when its students with the outcome in both terms are the same as, or at least `min_n` fewer
than, those with it in either term alone (privacy.hide_differences: subtracting the cohort's figure from the
single-term one would give the few students' figure). Groups hidden that way count as small for the
complementary rule.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from equity.data.sql import query
from equity.model.dimensions import DIMENSIONS
from equity.model.filters import Filters
from equity.model.rules import Rule
from equity.model.terms import dates, sort_key
from equity.stats.privacy import (
    COMPLEMENT,
    DEFAULT_MIN_N,
    DIFFERENCE,
    SMALL,
    hide_differences,
    suppress,
    suppress_table,
)
from equity.stats.trends import data_terms
from equity.words.messages import Message

MEAN, RATE, LEVELS = "mean", "rate", "levels"      # what a cohort's figure is: mean change, shares, level moves
TURNOVER = "turnover"       # hidden: a small number left or arrived, which the single-term views would reveal
BINS = 10                   # conditional percentiles: students binned by first-term score into deciles

_LEVEL_WORDS = (    # the usual names of performance levels, lowest first; the first pattern a value matches wins
    re.compile(r"\b(not|did not|does not|below|minimal|beginning|emerging|novice|unsatisfactory)\b", re.I),
    re.compile(r"\b(nearly|partially|partial|approach\w*|basic|developing)\b", re.I),
    re.compile(r"\b(met|meets?|proficient|satisfactory)\b", re.I),
    re.compile(r"\b(exceed\w*|advanced|master\w*|distinguished|above)\b", re.I),
)
_NUMBERED = re.compile(r"^\s*(?:level\s*)?(\d+)\s*$", re.I)


class CohortError(Message, ValueError):
    """Two terms that cannot be compared, or an outcome whose levels have no order, worded for the user."""


def level_order(values: Sequence[str | None]) -> tuple[str, ...] | None:
    """The values ordered lowest level first ('Not Met' < 'Nearly Met' < 'Met' < 'Exceeded', 'Level 1' <
    'Level 2', '1' < '2'), or None when some value is not a recognisable level or two share a place."""
    present = sorted({v for v in values if v is not None})
    places = {}
    for value in present:
        numbered = _NUMBERED.match(value)
        place = int(numbered[1]) if numbered else next(
            (i for i, words in enumerate(_LEVEL_WORDS) if words.search(value)), None)
        if place is None:
            return None
        places[value] = place
    if len(present) < 2 or len(set(places.values())) < len(present):
        return None
    return tuple(sorted(present, key=places.get))


@dataclass(frozen=True)
class Matching:
    """How well the two terms' students matched: the figure that comes before any other."""

    from_term: str
    to_term: str
    matched: int
    left: int
    arrived: int
    repeated: int                        # IDs repeated within a term, left out
    repeat_examples: tuple[str, ...]
    reformatted: int                     # matched students whose ID is written differently in the two terms
    reformat_examples: tuple[tuple[str, str], ...]

    @property
    def unordered(self) -> tuple[str, ...]:
        """The two terms' labels that cannot be placed in time ('Term A'): their order is as the user chose."""
        return tuple(term for term in (self.from_term, self.to_term) if not dates(term))

    @property
    def rate(self) -> float | None:
        """Percent of the first term's students found in the second."""
        first = self.matched + self.left
        return 100 * self.matched / first if first else None


@dataclass(frozen=True)
class CohortGroup:
    """One group's matched figure. For MEAN, `first` and `second` are mean scores; for RATE, percent meeting;
    for LEVELS, `up` and `down` are percent moving up or down a level. Hidden: every number None, `why` set."""

    key: object
    label: str
    matched: int | None
    left: int | None
    arrived: int | None
    scored: int | None                   # students with the outcome in both terms: the figure's denominator
    first: float | None = None
    second: float | None = None
    up: float | None = None
    down: float | None = None
    why: str | None = None               # SMALL, COMPLEMENT, TURNOVER or None

    @property
    def hidden(self) -> bool:
        return self.why is not None

    @property
    def change(self) -> float | None:
        return None if self.first is None or self.second is None else self.second - self.first


@dataclass(frozen=True)
class Cohort:
    outcome: str
    rule: Rule
    kind: str
    dimension: str
    min_n: int
    matching: Matching
    overall: CohortGroup
    groups: tuple[CohortGroup, ...]
    levels: tuple[str, ...] = ()


def kind_of(rule: Rule, levels: Sequence[str]) -> str:
    if levels:
        return LEVELS
    return RATE if rule.is_rate else MEAN


def build(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, dimension: str, from_term: str, to_term: str,
          filters: Filters = Filters(), levels: Sequence[str] = ()) -> None:
    """Make the session's `matched` table for these two terms (the sidebar's term filter does not apply)."""
    if from_term == to_term:
        raise CohortError("matched.error.same_terms", term=from_term)
    terms = data_terms(con)
    for term in (from_term, to_term):
        if term not in terms:
            raise CohortError("matched.error.no_term", term=term, terms=", ".join(terms) or "—")
    if dates(from_term) and dates(to_term) and sort_key(from_term) > sort_key(to_term):
        raise CohortError("matched.error.order", first=from_term, second=to_term)
    con.execute(query("matched/key"))
    con.execute(query("matched/rows", outcome=outcome, dimension=DIMENSIONS[dimension].column),
                {"from": from_term, "to": to_term, "levels": list(levels), **rule.params(),
                 **{k: v for k, v in filters.params().items() if k != "f_term"}})
    con.execute(query("matched/students"), {"from": from_term, "to": to_term})
    keys, rows = con.execute(query("matched/row_keys")).fetchall()[0]
    if rows and not keys:
        raise CohortError("matched.error.no_ids", first=from_term, second=to_term)


def matching(con: duckdb.DuckDBPyConnection, from_term: str, to_term: str) -> Matching:
    """The match rate, repeated IDs and IDs written differently, from the `matched` table `build` made."""
    matched, left, arrived = con.execute(query("matched/counts")).fetchall()[0]
    repeated, repeats = con.execute(query("matched/repeats"), {"from": from_term, "to": to_term}).fetchall()[0]
    changed, pairs = con.execute(query("matched/reformatted")).fetchall()[0]
    return Matching(from_term, to_term, matched, left, arrived, repeated, tuple(repeats or ()), changed,
                    tuple((a, b) for a, b in pairs or ()))


def cohort(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, dimension: str, from_term: str, to_term: str,
           filters: Filters = Filters(), min_n: int = DEFAULT_MIN_N, label: str = "",
           levels: Sequence[str] = ()) -> Cohort:
    """The matched students' change in an outcome, by group, suppressed."""
    build(con, outcome, rule, dimension, from_term, to_term, filters, levels)
    kind = kind_of(rule, levels)
    rows = con.execute(query("matched/groups")).fetchall()
    dim = DIMENSIONS[dimension]
    single = {(is_from, "all" if is_total else grp): n for is_from, grp, is_total, n in
              con.execute(query("matched/term_counts"), {"from": from_term}).fetchall()}
    con.execute(query("tables/drop_table", table="matched_rows"))      # the rows of two terms: not kept in memory
    overall, raw = None, []
    for grp, is_total, *counts in rows:
        if is_total:
            overall = counts
        else:
            raw.append((grp, counts))
    raw.sort(key=lambda item: dim.order(item[0]))
    early = [_early_reason([("all", overall)], single, min_n, False)[0]] + _early_reason(raw, single, min_n)
    reasons = suppress([0 if why else counts[3] for why, (_, counts) in zip(early[1:], raw, strict=True)], min_n)
    groups = tuple(_group(grp, dim.group_label(grp), counts, kind, why or reason)
                   for (grp, counts), reason, why in zip(raw, reasons, early[1:], strict=True))
    overall_why = early[0] or (SMALL if overall[3] < min_n else None)
    return Cohort(label or outcome, rule, kind, dimension, min_n, matching(con, from_term, to_term),
                  _group("all", "All students", overall, kind, overall_why), groups, tuple(levels))


def _early_reason(rows: list[tuple[object, Sequence]], single: dict, min_n: int, turnover: bool = True
                  ) -> list[str | None]:
    """Why each group must be hidden before the complementary rule: a few (1 to min_n - 1) students left or
    arrived (TURNOVER; not for all students, whose counts the match sentence gives anyway), or the students with
    the outcome in both terms differ by a few from those with it in either term alone, as the single-term views
    count them (DIFFERENCE: subtracting the two would give the few students' figure)."""
    scored = [counts[3] for _, counts in rows]
    differs = [None] * len(rows)
    for is_from in (True, False):
        others = [single.get((is_from, key), 0) for key, _ in rows]
        differs = list(hide_differences(scored, others, differs, min_n))
    return [TURNOVER if turnover and any(0 < n < min_n for n in (counts[1], counts[2])) else why
            for (_, counts), why in zip(rows, differs, strict=True)]


def _group(key: object, label: str, counts: Sequence, kind: str, why: str | None) -> CohortGroup:
    matched, left, arrived, scored, sum_from, sum_to, up, down = counts
    if why:
        return _hide(CohortGroup(key, label, 0, 0, 0, 0), why)
    if not scored:
        return CohortGroup(key, label, matched, left, arrived, scored)
    if kind == LEVELS:
        return CohortGroup(key, label, matched, left, arrived, scored, up=100 * up / scored,
                           down=100 * down / scored)
    scale = 100 if kind == RATE else 1
    return CohortGroup(key, label, matched, left, arrived, scored, scale * sum_from / scored, scale * sum_to / scored)


def _hide(group: CohortGroup, why: str) -> CohortGroup:
    return CohortGroup(group.key, group.label, None, None, None, None, why=why)


@dataclass(frozen=True)
class Transition:
    """One group's level-by-level table: `cells[(a, b)]` is the count moving from level a to level b (places
    in `levels`, from 1), None when hidden, with `why[(a, b)]` saying why."""

    key: object
    label: str
    cells: dict[tuple[int, int], int | None]
    why: dict[tuple[int, int], str | None]
    totals: dict[int, int]               # students at each first-term level (kept here, never shown)

    def share(self, cell: tuple[int, int]) -> float | None:
        """Percent of the row (students at the first level) in this cell, None when the cell is hidden. The row's
        total is known (the shown cells with it would give only the hidden cells' sum, as on any crossed table)."""
        if self.cells[cell] is None:
            return None
        return 100 * self.cells[cell] / self.totals[cell[0]]


def transitions(con: duckdb.DuckDBPyConnection, result: Cohort) -> tuple[Transition, ...]:
    """The level-1 × level-2 table for all students and each shown group, from the table `cohort` built; each is
    suppressed as a crossed table (small cells, then the complementary rule along every row and column).

    The groups' tables add up to all students' table, so a cell hidden in exactly one group (none of the
    breakdown's groups being hidden) would be all students' cell minus the others': the smallest other group's
    cell is hidden too, that table's rows and columns settled again, until no cell is left alone."""
    if result.kind != LEVELS:
        return ()
    places = range(1, len(result.levels) + 1)
    counts: dict[object, dict[tuple[int, int], int]] = {}
    for grp, is_total, a, b, n in con.execute(query("matched/transitions")).fetchall():
        counts.setdefault("all" if is_total else grp, {})[a, b] = n
    shown = [g for g in (result.overall, *result.groups) if not g.hidden]
    grids = {g.key: {(a, b): counts.get(g.key, {}).get((a, b), 0) for a in places for b in places} for g in shown}
    forced: set[tuple[object, tuple[int, int]]] = set()
    while True:
        reasons = {key: suppress_table({c: 0 if (key, c) in forced else n for c, n in grid.items()}, result.min_n)
                   for key, grid in grids.items()}
        extra = _alone_across_groups(result, grids, reasons)
        if not extra:
            break
        forced |= extra
    return tuple(Transition(g.key, g.label, {c: None if reasons[g.key][c] else n for c, n in grids[g.key].items()},
                            {c: COMPLEMENT if (g.key, c) in forced else r for c, r in reasons[g.key].items()},
                            {a: sum(grids[g.key][a, b] for b in places) for a in places})
                 for g in shown)


def _alone_across_groups(result: Cohort, grids: dict, reasons: dict) -> set[tuple[object, tuple[int, int]]]:
    """Cells that must be hidden because one group's cell is the only hidden one among the groups' cells."""
    groups = [g.key for g in result.groups if not g.hidden]
    if "all" not in grids or len(groups) < 2 or any(g.hidden for g in result.groups):
        return set()
    extra = set()
    for cell in grids["all"]:
        hidden = [k for k in groups if reasons[k][cell]]
        if len(hidden) == 1 and not reasons["all"][cell]:
            other = min((k for k in groups if not reasons[k][cell]), key=lambda k: grids[k][cell])
            extra.add((other, cell))
    return extra


@dataclass(frozen=True)
class Growth:
    """A group's median conditional percentile (50: grew like students who started where they did)."""

    key: object
    label: str
    n: int | None
    median: float | None
    why: str | None = None


def growth(con: duckdb.DuckDBPyConnection, result: Cohort, bins: int = BINS) -> tuple[Growth, ...]:
    """Conditional percentiles summarised by group (all students first), for a score's cohort; a group hidden in
    the cohort is hidden here, and the rest are suppressed again on their own counts. Descriptive only."""
    if result.kind != MEAN:
        return ()
    rows = {("all" if is_total else grp): (n, median)
            for grp, is_total, n, median in con.execute(query("matched/growth"), {"bins": bins}).fetchall()}
    shown = [g for g in result.groups if not g.hidden]
    reasons = dict(zip((g.key for g in shown), suppress([rows.get(g.key, (0, None))[0] for g in shown],
                                                        result.min_n), strict=True))
    out = []
    for group in (result.overall, *result.groups):
        why = group.why or reasons.get(group.key)
        n, median = rows.get(group.key, (0, None))
        if group.key == "all" and not why and n < result.min_n:
            why = SMALL
        out.append(Growth(group.key, group.label, None if why else n,
                          None if why or median is None else float(median), why))
    return tuple(out)


def why_text(why: str, min_n: int) -> str:
    """The English note for a hidden group (screens use the catalogue's `matched.why.<reason>`)."""
    return {SMALL: f"Hidden: fewer than {min_n} students with the outcome in both terms.",
            COMPLEMENT: "Hidden so that a smaller hidden group cannot be worked out from the total.",
            TURNOVER: f"Hidden: fewer than {min_n} students left or arrived, which the single-term figures would "
                      "reveal.",
            DIFFERENCE: f"Hidden: its students with a result in both terms differ by fewer than {min_n} from those "
                        "with a result in one term, whose figure subtracting the two would give."}[why]
