"""Outcomes computed from other columns rather than read from one: distance from standard (below), and chronic
absence, missing 10% or more of
the days a student was enrolled. Files give days absent (or present) and days enrolled, rarely the flag, and
the flag is what attendance reports and ESSA plans use. It is added to `students` when the mapping marks the
days enrolled and the days absent (or present): the proposal marks them from headers such as `Days Absent`, and
the user can mark any other column ('Abs', 'Mem Days') in the mapping editor.

The federal rule (ED Facts FS195, as ESSA report cards apply it) counts a student only with at least 10 days
enrolled (`Mapping.min_days`, a setting); the students left out are counted and said wherever the indicator
shows (`rule_note`), as a band when so few that privacy hides the size of a group.

Distance from standard, as California's Academic Indicator measures it: each student's scale score minus the
lowest "Standard Met" (Level 3) score of their grade and subject, averaged by group, so a group's figure says how
far the average student is from meeting the standard. It is added for each numeric outcome whose header names
a scale score and a subject ('ELA Scale Score', 'SBAC Math SS') when a grade column is mapped; a grade without a
cut (K-2, 9, 10, 12) gives no figure. The cuts are the Smarter Balanced Summative Assessments' (`STANDARD_MET`)."""


import re
from collections.abc import Callable, Iterator
from dataclasses import fields, replace
from itertools import combinations

import duckdb

from equity.data.mapping import ColumnRole, Mapping
from equity.data.profile import as_number
from equity.data.sql import Fragment, query
from equity.model.filters import Filters
from equity.model.rules import Rule
from equity.sources import cube as cubes
from equity.words.i18n import t
from equity.words.numbers import count

CHRONIC_SHARE = 0.10
CHRONIC = ColumnRole("Chronically absent (10%+ days missed)", "outcome", "boolean", "chronically_absent")

# The lowest Level 3 ("Standard Met") scale score of the Smarter Balanced Summative Assessments by grade, as the
# CDE's Academic Indicator compares each score with (https://www.cde.ca.gov/ta/ac/cm/acadindcal.asp: "the lowest
# scale score for Level 3 is 2,502" in grade 5 ELA).
STANDARD_MET = {"ela": {3: 2432, 4: 2473, 5: 2502, 6: 2531, 7: 2552, 8: 2567, 11: 2583},
                "math": {3: 2436, 4: 2485, 5: 2528, 6: 2552, 7: 2567, 8: 2586, 11: 2628}}
_SUBJECTS = {"ela": r"\b(ela|english|reading|literacy)\b", "math": r"\bmath"}
_SCALE = r"scale|\bss\b|sbac|smarter|caaspp"
DISTANCE = "_distance"                  # a distance's column name: the score's, with this after it


def attendance_columns(mapping: Mapping) -> tuple[str, str, str] | None:
    """(days enrolled header, other header, 'absent' or 'present'), or None when the mapping lacks them.
    Days absent win over days present when both are marked."""
    enrolled = mapping.header_for("days_enrolled")
    if enrolled is None:
        return None
    for kind in ("absent", "present"):
        other = mapping.header_for(f"days_{kind}")
        if other is not None:
            return enrolled, other, kind
    return None


def has_chronic(mapping: Mapping) -> bool:
    """Chronic absence can be worked out here (days enrolled and absent or present marked, no column of its own)."""
    return any(c.name == CHRONIC.name for c in outcomes(mapping))


def score_columns(mapping: Mapping) -> tuple[tuple[ColumnRole, str], ...]:
    """(scale-score column, subject) for each numeric outcome whose header names a scale score and a subject,
    when a grade column is mapped."""
    if mapping.header_for("grade") is None:
        return ()
    found = []
    for column in mapping.outcomes():
        words = column.header.casefold()
        subject = next((s for s, pattern in _SUBJECTS.items() if re.search(pattern, words)), None)
        if column.kind == "numeric" and subject and re.search(_SCALE, words):
            found.append((column, subject))
    return tuple(found)


def header(name: str, written: str) -> str:
    """An outcome's name for people: a derived outcome's in the reader's language, any other as its file's header
    reads."""
    return t(f"outcome.{name}") if name == CHRONIC.name else written


def outcomes(mapping: Mapping) -> tuple[ColumnRole, ...]:
    """The derived outcomes this mapping gives, as pickers list them, named in the reader's language (kept out when
    the file has its own)."""
    taken = {c.name for c in mapping.outcomes()}
    found = [ColumnRole(t("outcome.distance", header=c.header), "outcome", "numeric", c.name + DISTANCE)
             for c, _ in score_columns(mapping) if c.name + DISTANCE not in taken]
    if attendance_columns(mapping) and CHRONIC.name not in taken:
        found.insert(0, replace(CHRONIC, header=header(CHRONIC.name, CHRONIC.header)))
    return tuple(found)


def expressions(mapping: Mapping, types: dict[str, str]) -> tuple[list[Fragment], dict[str, object]]:
    """SQL expressions over the raw upload (its columns of `types`) that add the derived outcomes to
    `students`, and the parameters they bind."""
    made = {c.name for c in outcomes(mapping)}
    found, params = [], {}
    for i, (column, subject) in enumerate(score_columns(mapping)):
        if column.name + DISTANCE in made:
            found.append(query("columns/distance", i=i, score=_number(column.header, types),
                               grade=mapping.header_for("grade"), target=column.name + DISTANCE))
            cuts = STANDARD_MET[subject]
            params |= {f"cut_grades_{i}": list(cuts), f"cut_scores_{i}": list(cuts.values())}
    if CHRONIC.name in made:
        enrolled, other, kind = attendance_columns(mapping)
        found.insert(0, query(f"columns/chronic_from_{kind}", enrolled=_number(enrolled, types),
                              **{kind: _number(other, types)}, target=CHRONIC.name))
        params |= {"min_days": _least(mapping), "chronic_share": CHRONIC_SHARE}
    return found, params


def _number(header: str, types: dict[str, str]) -> Fragment:
    return as_number(types.get(header, "VARCHAR"), header)


def _least(mapping: Mapping) -> int:
    """The days enrolled a student needs to count: the setting, at least one (no share of zero days)."""
    return max(1, int(mapping.min_days))


def left_out(con: duckdb.DuckDBPyConnection, mapping: Mapping, filters: Filters,
             cube: Callable[[str, Rule], cubes.Cube]) -> int:
    """Students under `filters` with days enrolled known but fewer than the rule asks: no chronic-absence figure.
    They meet "at least 0 days enrolled" and not "at least the days asked", so the number is a difference of two
    cubes' counts, which every source gives (a Spark table too). `cube(column, rule)`: the cube of the two to use
    (the session's, kept; or one built once)."""
    enrolled = next(c.name for c in mapping.outcomes() if c.role == "days_enrolled")
    known, enough = (cubes.meeting(con, cube(enrolled, Rule("threshold", float(days))), filters)
                     for days in (0, _least(mapping)))
    return known - enough


def wider_views(filters: Filters) -> Iterator[Filters]:
    """The views the app can show with filters fewer (any set of the active ones dropped) or one chosen value
    fewer, as the rule across views (equity.stats.across) compares a figure with."""
    active = [f.name for f in fields(filters) if getattr(filters, f.name)]
    for k in range(1, len(active) + 1):
        for dropped in combinations(active, k):
            yield replace(filters, **{name: () for name in dropped})
    for name in active:
        chosen = getattr(filters, name)
        for value in chosen if len(chosen) > 1 else ():
            yield replace(filters, **{name: tuple(v for v in chosen if v != value)})


def left_out_shown(con: duckdb.DuckDBPyConnection, mapping: Mapping, filters: Filters, min_n: int,
                   cube: Callable[[str, Rule], cubes.Cube]) -> int | None:
    """The students left out under `filters`, or None when subtracting it from a wider (or narrower) view's
    number would give 1 to `min_n - 1` students away: that number is then as private as a hidden group's size."""
    short = left_out(con, mapping, filters, cube)
    for view in wider_views(filters):
        if 0 < abs(left_out(con, mapping, view, cube) - short) < min_n:
            return None
    return short


def rule_note(mapping: Mapping, short: int | None, min_n: int) -> str:
    """The rule and the students it leaves out, in the reader's language; a number under `min_n` (other than none)
    is a band, as the size of a hidden group would be, and a number other views would give away (None) is not
    said."""
    days = _least(mapping)
    if short is None:
        left = t("chronic.hidden_left_out", days=days)
    elif short == 0:
        left = t("chronic.none_left_out", days=days)
    elif short < min_n:
        left = t("chronic.few_left_out", days=days, min_n=min_n)
    else:
        left = t("chronic.left_out", days=days, n=count(short))
    return t("chronic.rule", days=days) + " " + left


def all_outcomes(mapping: Mapping) -> tuple[ColumnRole, ...]:
    """Mapped outcomes, then derived ones: what outcome pickers offer."""
    return (*mapping.outcomes(), *outcomes(mapping))
