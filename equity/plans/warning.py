"""Early warning for a roster: the ABC indicators of risk of not finishing school (attendance, behaviour, course
performance), each student's value tested against a threshold the user sets, as early-warning systems built on
Balfanz and colleagues' research do ("On Track for Success", 2011, ERIC ED526421; the Ed-Fi Alliance's Analytics
Middle Tier early-warning samples). Their cut points are starting points: "local factors and policies also play a
role in determining the cut points" (ibid. p. 15), so every one is a setting.

Defaults, and where they come from:
- attendance below 90% of the days enrolled: missing 10% or more is chronic absence, the federal definition
  (ED Facts FS195) and the attendance indicator of the ABC research;
- one suspension or more (any suspension is a flag in the research), two discipline incidents or more (the Ed-Fi
  samples' early-warning count of code-of-conduct offences);
- a failing course grade: below 65 on a 100-point scale (the Ed-Fi samples' at-risk grade), below 1.0 on a
  four-point one, an F; one course failed or more.

The indicators are read from the mapping: the attendance rate from days enrolled and absent (or present), and
outcomes whose header or values say what they are (equity.data.outcome_kinds: 'discipline', 'attendance', marks).
A student is flagged in an area when any of its indicators flags them; the roster counts areas flagged.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import duckdb

from equity.data.derived import attendance_columns
from equity.data.mapping import ColumnRole, Mapping
from equity.data.profile import ColumnProfile
from equity.data.sql import Fragment, query
from equity.model.filters import Filters
from equity.sources.cube import Cube
from equity.stats import flagged
from equity.stats.metrics import Breakdown
from equity.words.i18n import t

ATTENDANCE, BEHAVIOUR, COURSE = "attendance", "behaviour", "course"
AREAS = (ATTENDANCE, BEHAVIOUR, COURSE)
BELOW, AT_LEAST, YES, IN = "below", "at_least", "yes", "in"      # how a value raises a flag
RATE = ""                   # the column of the attendance rate worked out from day counts (not a column of its own)

ATTENDANCE_BELOW = 90.0     # percent of days enrolled
SUSPENSIONS = 1.0
INCIDENTS = 2.0
FAILING_GRADE = 65.0        # on a 100-point scale
FAILING_POINTS = 1.0        # on a four-point scale (GPA), below a D
FAILURES = 1.0
POINT_SCALE = 5.0           # grades that never pass this are on a point scale

_SUSPENSION = re.compile(r"suspen|expul|\b(oss|iss)\b", re.I)
FAILURE = re.compile(r"\bfail", re.I)
_ATTENDANCE = re.compile(r"attend|\bada\b", re.I)
_FAILING_MARK = re.compile(r"^\s*(f[+-]?|fail\w*|failing)\s*$", re.I)


@dataclass(frozen=True)
class WarningSign:
    """One indicator: its area, the column it is read from and the test that flags a student."""

    area: str
    header: str             # as the file calls it ('' for the attendance rate, named in the reader's language)
    column: str             # the `students` column; RATE for the attendance rate from days
    test: str               # BELOW, AT_LEAST, YES or IN
    threshold: float | None = None
    categories: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.header or t("warning.attendance_rate")

    def describe(self) -> str:
        """The test as the screen and the JSON print it: '< 90', '>= 2', '= yes', 'in F, F-'."""
        if self.test == BELOW:
            return f"< {self.threshold:g}"
        if self.test == AT_LEAST:
            return f">= {self.threshold:g}"
        return "= yes" if self.test == YES else "in " + ", ".join(self.categories)

    def adjusted(self, setting: float | Sequence[str] | None) -> "WarningSign":
        """The indicator with the threshold (a number, or the categories that flag) a person set; a yes/no one
        has none to set."""
        if self.test in (BELOW, AT_LEAST) and setting is not None:
            return replace(self, threshold=float(setting))
        return replace(self, categories=tuple(setting)) if self.test == IN and setting is not None else self

    def params(self, i: int) -> dict[str, object]:
        return {f"test_{i}": self.test, f"threshold_{i}": self.threshold, f"categories_{i}": list(self.categories)}


def find(mapping: Mapping, profiles: Sequence[ColumnProfile]) -> tuple[WarningSign, ...]:
    """The indicators this data has, in ABC order; none when it has no attendance, behaviour or course column."""
    found = []
    if attendance_columns(mapping):
        found.append(WarningSign(ATTENDANCE, "", RATE, BELOW, ATTENDANCE_BELOW))
    values = {p.header: p.distinct for p in profiles}
    for column in mapping.columns:
        if column.role == "outcome":
            sign = _sign(column, values.get(column.header, ()))
            if sign:
                found.append(sign)
    return tuple(sorted(found, key=lambda s: AREAS.index(s.area)))


def _sign(column: ColumnRole, values: Sequence[str | None]) -> WarningSign | None:
    """The indicator an outcome column is, from its header and values, or None."""
    header, measure = column.header, column.measure
    sign = WarningSign("", header, column.name, YES)
    if column.kind == "boolean":
        area = COURSE if FAILURE.search(header) else {"discipline": BEHAVIOUR, "attendance": ATTENDANCE}.get(measure)
        return replace(sign, area=area) if area else None
    if column.kind == "numeric":
        if measure == "attendance" or _ATTENDANCE.search(header):
            # a rate (attendance %, average daily attendance); counts of tardies or absences alone are not
            rate = measure == "percent" or re.search(r"rate|%|percent|pct|\bada\b", header, re.I)
            return replace(sign, area=ATTENDANCE, test=BELOW, threshold=ATTENDANCE_BELOW) if rate else None
        if measure == "discipline":
            return replace(sign, area=BEHAVIOUR, test=AT_LEAST,
                           threshold=SUSPENSIONS if _SUSPENSION.search(header) else INCIDENTS)
        if FAILURE.search(header):
            return replace(sign, area=COURSE, test=AT_LEAST, threshold=FAILURES)
        if measure in ("mark", "percent"):
            return replace(sign, area=COURSE, test=BELOW,
                           threshold=FAILING_POINTS if _top(values) <= POINT_SCALE else FAILING_GRADE)
        return None
    failing = tuple(v for v in values if v and _FAILING_MARK.match(v))
    return replace(sign, area=COURSE, test=IN, categories=failing) if measure == "mark" and failing else None


def _top(values: Sequence[str | None]) -> float:
    numbers = []
    for v in values:
        try:
            numbers.append(float(str(v).rstrip("%")))
        except ValueError:
            continue
    return max(numbers, default=0.0)


def flag_sql(signs: Sequence[WarningSign], mapping: Mapping) -> tuple[list[Fragment | str], list[Fragment], dict]:
    """Each indicator's value and each area's flag (true, false, or NULL without any value), in `areas` order, as
    SQL over `students`, and the parameters they bind."""
    values, flags, params = [], {a: [] for a in areas(signs)}, {}
    for i, sign in enumerate(signs):
        value = _value(sign, mapping)
        values.append(value)
        flags[sign.area].append(query("warning/flag", i=i, value=value))
        params |= sign.params(i)
        if sign.column == RATE:      # the days enrolled a student needs, as for chronic absence
            params["min_days"] = max(1, int(mapping.min_days))
    return values, [query("warning/area", flags=f) for f in flags.values()], params


def _value(sign: WarningSign, mapping: Mapping) -> Fragment | str:
    """The SQL that reads one indicator's value: its column, or the attendance rate from the day counts."""
    if sign.column != RATE:
        return sign.column
    enrolled, other, kind = attendance_columns(mapping)
    names = {c.header: c.name for c in mapping.outcomes()}
    return query(f"warning/attendance_from_{kind}", enrolled=names[enrolled], **{kind: names[other]})


def areas(signs: Sequence[WarningSign]) -> tuple[str, ...]:
    """The areas the indicators cover, in ABC order (one flag column each)."""
    return tuple(a for a in AREAS if any(s.area == a for s in signs))


def cube(con: duckdb.DuckDBPyConnection, signs: Sequence[WarningSign], mapping: Mapping,
         area: str | None = None) -> Cube:
    """The students counted by whether they are flagged (in any area, or in `area`), for `summary`; students
    without a value for any indicator of the area are left out of its figure."""
    _, flags, params = flag_sql([s for s in signs if area in (None, s.area)], mapping)
    return flagged.build(con, label(area), query("warning/area", flags=flags), params)


def label(area: str | None = None) -> str:
    """The figure's name in the reader's language (a kept cube's is in the language it was first built in)."""
    return t(f"warning.area_{area}") if area else t("warning.any_area")


def summary(con: duckdb.DuckDBPyConnection, counted: Cube, dimension: str, filters: Filters, min_n: int,
            coding: bool = False) -> Breakdown:
    """The share of students flagged by group under `filters`, summed from a `cube`, suppressed like every figure
    (equity.stats.flagged)."""
    return flagged.share_by_group(con, counted, dimension, filters, min_n, coding)


def roster(con: duckdb.DuckDBPyConnection, signs: Sequence[WarningSign], mapping: Mapping, term: str | None,
           filters: Filters) -> list[tuple]:
    """Student rows, in `term` (None: every term), for the labelled student-level roster: ID, school, grade, race,
    the four flags, the number of areas flagged, each area's flag and each indicator's value, most areas flagged
    first."""
    values, flags, params = flag_sql(signs, mapping)
    return con.execute(query("warning/roster", areas=flags, values=values),
                       {**params, **filters.params(), "term": term}).fetchall()
