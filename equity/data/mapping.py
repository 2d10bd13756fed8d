"""Which role each column of an upload plays, proposed from headers and values, confirmed by the user.

A proposal reads the header (equity.data.headers: the words real exports use, however abbreviated or run
together) and the values (a column of `Free`/`Paid` is income even when its header is `Status`); outcomes
are the columns a person would compare (equity.data.outcome_kinds). The user can change any role; a confirmed
mapping is remembered by the file's header signature, so the next upload of the same export needs no clicks.
"""

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace

from equity.data import count_layouts, headers, normalize, outcome_kinds
from equity.data.profile import ColumnProfile

DEMOGRAPHIC_ROLES = ("race_ethnicity", "low_income", "english_learner", "special_ed", "section_504", "gender")
# The federal race/ethnicity rule's yes/no columns: a Hispanic/Latino flag and one flag per race.
RACE_FLAG_ROLES = tuple(normalize.RACE_FLAGS)
# `denominator`: in a file of published counts (one row per school and group), the students in the group; the
# file's other counts are then outcomes of kind `count` (equity.data.count_layouts).
SINGLE_ROLES = ("student_id", "student_name", "term", "school", "grade", *DEMOGRAPHIC_ROLES, *RACE_FLAG_ROLES,
                "denominator")
# Roles whose raw values are placed through a value map (equity.data.normalize), confirmed on the mapping screen.
VALUE_ROLES = ("race_ethnicity", "gender", "grade", "low_income", "english_learner", "special_ed", "section_504",
               *RACE_FLAG_ROLES)
# Day counts that chronic absence is worked out from (equity.data.derived). Each is one column, and also a numeric
# outcome of its own (average days absent is a figure people ask for).
ATTENDANCE_ROLES = ("days_enrolled", "days_absent", "days_present")
ROLES = (*SINGLE_ROLES, *ATTENDANCE_ROLES, "outcome", "ignore")
ROLE_LABELS = {
    "student_id": "Student ID", "student_name": "Student name (kept out of results)", "term": "Term / year",
    "school": "School", "grade": "Grade", "race_ethnicity": "Race/ethnicity", "low_income": "Low income",
    "english_learner": "English learner", "special_ed": "Special education", "section_504": "Section 504",
    "gender": "Gender", "days_enrolled": "Days enrolled", "days_absent": "Days absent",
    "days_present": "Days present", "outcome": "Outcome", "ignore": "Ignore",
    "hispanic": "Hispanic/Latino (yes/no)", "race_aian": "American Indian or Alaska Native (yes/no)",
    "race_asian": "Asian (yes/no)", "race_black": "Black or African American (yes/no)",
    "race_nhpi": "Native Hawaiian or Other Pacific Islander (yes/no)", "race_white": "White (yes/no)",
    "denominator": "Students in the group (counts)",
}
KINDS = ("numeric", "category", "boolean", "count")

@dataclass(frozen=True)
class ColumnRole:
    """One column's role; outcomes also carry their kind, the clean name they get in `students`, and what
    kind of result they look like (`measure`: 'score', 'level'... see equity.data.outcome_kinds; '' unknown)."""

    header: str
    role: str
    kind: str = ""
    name: str = ""
    measure: str = ""

    @property
    def result(self) -> str:
        """The kind of result the column is: its measure, 'attendance' for a day count, else ''."""
        return self.measure or ("attendance" if self.role in ATTENDANCE_ROLES else "")


@dataclass(frozen=True)
class ValueChoice:
    """One raw value of a role's column and the canonical value (as `normalize.options` text) it maps to."""

    role: str
    raw: str
    canonical: str


@dataclass(frozen=True)
class Mapping:
    columns: tuple[ColumnRole, ...]
    term: str | None = None                    # stamped on every row when no column is the term
    values: tuple[ValueChoice, ...] = ()       # raw values placed by a person (value map, --value)
    complete: tuple[str, ...] = ()             # roles whose whole value map was confirmed on screen
    min_days: int = 10                         # days enrolled a student needs to count for chronic absence

    def choices(self, role: str) -> dict[str, str]:
        """The raw values of `role` placed by a person, raw -> canonical text."""
        return {v.raw: v.canonical for v in self.values if v.role == role}

    def given(self, role: str) -> dict[str, object]:
        """The same, as canonical values (a label, True/False, or None)."""
        return {raw: normalize.from_text(role, text) for raw, text in self.choices(role).items()}

    def value_map(self, role: str, distinct) -> normalize.ValueMap:
        """How each distinct raw value of `role`'s column maps under this mapping."""
        return normalize.map_values(role, distinct, self.given(role), role in self.complete)

    def with_values(self, role: str, choices: dict[str, str], complete: bool = False) -> "Mapping":
        """A copy whose value map for `role` adds `choices` (raw -> canonical text); `complete` replaces it
        whole (the map confirmed on screen, every value listed)."""
        kept = {} if complete else self.choices(role)
        merged = {**kept, **choices}
        others = tuple(v for v in self.values if v.role != role)
        done = tuple(r for r in self.complete if r != role) + ((role,) if complete else ())
        return replace(self, values=others + tuple(ValueChoice(role, raw, text) for raw, text in merged.items()),
                       complete=done)

    def header_for(self, role: str) -> str | None:
        return next((c.header for c in self.columns if c.role == role), None)

    def outcomes(self) -> tuple[ColumnRole, ...]:
        """Columns compared as results: outcomes, and the day counts of attendance (numeric), the likeliest
        kinds first (percentages, marks, levels, scores, then counts; equity.data.outcome_kinds.ORDER), each kind in
        file order."""
        return tuple(sorted((c for c in self.columns if c.role == "outcome" or c.role in ATTENDANCE_ROLES),
                            key=lambda c: outcome_kinds.rank(c.result)))

    @property
    def counts(self) -> bool:
        """The file holds published counts: each row is a cell of students, not a student."""
        return self.header_for("denominator") is not None

    def outcome(self, header_or_name: str) -> ColumnRole | None:
        return next((c for c in self.outcomes() if header_or_name in (c.header, c.name)), None)

    def with_role(self, header: str, role: str, kind: str = "") -> "Mapping":
        """A copy with one column's role changed; a single-column role moves off any other column (a day count
        that loses its role stays a numeric outcome). Beside a column of students in the group (a denominator),
        every outcome is a count of students: the only kind such a file's figures can have."""
        counted = role == "denominator" or self.header_for("denominator") not in (None, header)
        columns = []
        for c in self.columns:
            if c.header == header:
                columns.append(replace(c, role=role, kind="count" if counted and role == "outcome"
                                       else role_kind(role, kind)))
            elif role == "denominator" and c.role == "outcome":
                columns.append(replace(c, kind="count"))
            elif role in SINGLE_ROLES and c.role == role:
                columns.append(replace(c, role="ignore", kind=""))
            elif role in ATTENDANCE_ROLES and c.role == role:
                columns.append(replace(c, role="outcome", kind="numeric"))
            else:
                columns.append(c)
        return replace(self, columns=_named(columns))

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1)

    @classmethod
    def from_json(cls, text: str) -> "Mapping":
        data = json.loads(text)
        columns = tuple(ColumnRole(**c) for c in data["columns"])
        values = tuple(ValueChoice(**v) for v in data.get("values", ()))
        return cls(columns, data.get("term"), values, tuple(data.get("complete", ())), int(data.get("min_days", 10)))


def role_kind(role: str, kind: str = "") -> str:
    """The kind a column gets with its role: outcomes keep theirs, day counts are numbers, others have none."""
    if role == "outcome":
        return kind
    return "numeric" if role in ATTENDANCE_ROLES else ""


def header_key(header: str) -> str:
    """A header reduced to lower-case words: 'Student_ID#' -> 'student id'."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", header)
    return " ".join(re.sub(r"[^0-9a-z]+", " ", spaced.lower()).split())


def snake_case(header: str) -> str:
    """A clean column name for an outcome: 'Final Grade %' -> 'final_grade_pct'."""
    text = header.replace("%", " pct ").replace("#", " number ")
    name = "_".join(header_key(text).split()) or "column"
    return name if not name[0].isdigit() else f"c_{name}"


def header_signature(headers: Iterable[str]) -> str:
    """Identifies an export layout: the same headers in the same order give the same signature."""
    return hashlib.sha256("\x1f".join(h.strip().lower() for h in headers).encode("utf-8")).hexdigest()[:32]


def propose(profiles: Sequence[ColumnProfile]) -> Mapping:
    """A role for every column: the race rule's yes/no columns, the best column per role from its header and
    values, day counts of attendance, then the outcomes a person would pick (equity.data.outcome_kinds);
    everything else is ignored."""
    candidates: dict[str, list[tuple[float, str]]] = {}
    for p in profiles:
        for role, score in _role_scores(p).items():
            candidates.setdefault(role, []).append((score, p.header))
    roles = _race_flags(profiles)
    for role in SINGLE_ROLES:
        for score, header in sorted(candidates.get(role, []), key=lambda c: -c[0]):
            if header not in roles and score >= 1.0:
                roles[header] = role
                break
    for p in profiles:
        role = _attendance_role(p, set(roles.values()))
        if p.header not in roles and role:
            roles[p.header] = role
    columns, possible = [], []
    for p in profiles:
        if p.header in roles:
            columns.append(ColumnRole(p.header, roles[p.header], role_kind(roles[p.header])))
            continue
        if "denominator" in roles.values():     # published counts: only counts can be outcomes
            counted = count_layouts.countlike(p)
            columns.append(ColumnRole(p.header, "outcome" if counted else "ignore", "count" if counted else "",
                                      measure=headers.measure(p.header) if counted else ""))
            continue
        kind = outcome_kind(p)
        found = outcome_kinds.evidence(p, kind, not _misnamed(p))
        likely = found.strength == outcome_kinds.LIKELY
        columns.append(ColumnRole(p.header, "outcome" if likely else "ignore", kind if likely else "",
                                  measure=found.kind))
        if found.strength == outcome_kinds.POSSIBLE:
            possible.append(len(columns) - 1)
    if not any(c.role == "outcome" for c in columns):   # nothing looks like a result: offer what could be one
        for i in possible:
            columns[i] = replace(columns[i], role="outcome", kind=outcome_kind(profiles[i]))
    return Mapping(_named(columns))


def _race_flags(profiles: Sequence[ColumnProfile]) -> dict[str, str]:
    """Yes/no columns about race and ethnicity (`Hispanic`, `FedEthnicity`, `Race_Black`, `Multiracial` …): the
    first column per race the federal rule reads gets its role, the others are ignored; none is an outcome."""
    roles: dict[str, str] = {}
    for p in profiles:
        yes_no = p.distinct_count <= 2 and normalize.looks_like("flag", p.distinct) == 1.0   # Y/N, 1/0, X/blank
        role = normalize.race_flag_role(p.header) if yes_no else None
        if role:
            roles[p.header] = role if role not in roles.values() else "ignore"
    return roles


def _role_scores(p: ColumnProfile) -> dict[str, float]:
    """How well one column fits each single-column role: >= 1 proposes it, higher wins. A header that names
    the role counts most, unless the values plainly say otherwise (a `Grade` column of A, B, C is marks)."""
    scores: dict[str, float] = {}
    fits = {role: _value_fit(role, p) for role in DEMOGRAPHIC_ROLES}   # reading values is the costly part
    for role in SINGLE_ROLES:
        named = headers.role_score(p.header, role)
        if named and (role != "denominator" or count_layouts.countlike(p, top=2)):
            fit = fits[role] if role in fits else _value_fit(role, p)
            if not _contradicted(role, p, fit):
                scores[role] = 1.0 + named + fit
    for role in DEMOGRAPHIC_ROLES:
        fit = fits[role]
        # Values alone are telling for race and gender, and for flags spelled in their own words
        # (Free/Paid, ELL/LEP, IEP/SWD); a generic Y/N column is not.
        telling = role in ("race_ethnicity", "gender") or _role_words(role, p)
        if telling and fit >= 0.9 and p.distinct_count >= 2:
            scores[role] = max(scores.get(role, 0), 0.5 + fit)
    return scores


def _misnamed(p: ColumnProfile) -> bool:
    """The header names a role whose values the column plainly does not have (`Math Grade` of 55-98)."""
    reading = headers.read(p.header)
    return bool(reading) and reading.label in SINGLE_ROLES and _contradicted(reading.label, p, _value_fit(
        reading.label, p))


def _contradicted(role: str, p: ColumnProfile, fit: float) -> bool:
    """Values none of which the role can read, and too many to be a few codes for a value map."""
    return role in ("grade", *DEMOGRAPHIC_ROLES[1:]) and fit == 0 and p.distinct_count >= 3 \
        and not outcome_kinds.all_missing(p)


def _value_fit(role: str, p: ColumnProfile) -> float:
    if role == "school":       # of a school's code and its name, the name is what a reader recognises
        return 0.1 if p.numeric_share < 0.5 else 0.0
    if role in DEMOGRAPHIC_ROLES or role == "grade":
        fit = normalize.looks_like(role, p.distinct)
        if role == "race_ethnicity" and normalize.coded(role, p.distinct):
            fit = max(fit, 0.5)
        return fit
    return 0.0


ROLE_WORDS = {
    "low_income": {"free", "reduced", "paid", "free/reduced", "standard", "economically disadvantaged"},
    "english_learner": {"ell", "el", "lep", "english learner", "rfep", "ifep", "eo"},
    "special_ed": {"iep", "swd", "sped", "no iep", "regular-ed", "regular ed", "special education"},
}


def _role_words(role: str, p: ColumnProfile) -> bool:
    words = {str(v).strip().lower() for v in p.distinct if v}
    return bool(words & ROLE_WORDS.get(role, set()))


def _attendance_role(p: ColumnProfile, taken: set[str]) -> str | None:
    """A numeric column whose header names a day count gets that role, unless another column has it."""
    reading = headers.read(p.header)
    if reading and reading.label in ATTENDANCE_ROLES and reading.label not in taken \
            and outcome_kind(p) == "numeric":
        return reading.label
    return None


def outcome_kind(p: ColumnProfile) -> str:
    """'numeric', 'boolean' or 'category' when the column can be an outcome, '' when it cannot (free text, or
    nothing in it but blanks and missing-value markers)."""
    if outcome_kinds.all_missing(p):
        return ""
    if p.numeric_share >= 0.8:
        return "numeric"
    if p.distinct_count <= 2 and normalize.looks_like("flag", p.distinct) == 1.0:
        return "boolean"
    if p.distinct_count <= 12 and (p.distinct_count < 0.5 * p.non_blank
                                   or outcome_kinds.all_levels(p.distinct)):
        return "category"
    return ""


def _named(columns: Sequence[ColumnRole]) -> tuple[ColumnRole, ...]:
    """Give every column its name in `students`: the role for single roles, a unique snake_case otherwise."""
    used = set(SINGLE_ROLES)
    named = []
    for c in columns:
        if c.role in SINGLE_ROLES:
            named.append(replace(c, name=c.role))
            continue
        base = snake_case(c.header)
        name, i = base, 2
        while name in used:
            name, i = f"{base}_{i}", i + 1
        used.add(name)
        named.append(replace(c, name=name))
    return tuple(named)


@dataclass(frozen=True)
class ValueRow:
    """One distinct raw value of a column: how many rows hold it, the canonical value it maps to, and how it was
    placed (normalize.GIVEN, RECOGNISED, GUESSED or UNPLACED)."""

    raw: str | None
    rows: int
    canonical: str
    status: str


_FIRST = {normalize.UNPLACED: 0, normalize.GUESSED: 1}


def value_rows(profile: ColumnProfile, role: str, mapping: Mapping) -> tuple[ValueRow, ...]:
    """Every distinct raw value of a value role's column with its count and where it maps under `mapping`:
    values nothing could place first, then guessed ones, then the rest by count."""
    if role not in VALUE_ROLES:
        return ()
    value_map = mapping.value_map(role, profile.distinct)
    rows = [ValueRow(raw, n, normalize.as_text(role, value_map.values[raw]), value_map.status[raw])
            for raw, n in profile.values]
    return tuple(sorted(rows, key=lambda r: _FIRST.get(r.status, 2)))


def unplaced_rows(profile: ColumnProfile, role: str, mapping: Mapping) -> int:
    """Rows of a column whose value could not be placed (they count as Not reported)."""
    return sum(r.rows for r in value_rows(profile, role, mapping) if r.status == normalize.UNPLACED)


def fitted(mapping: Mapping, profiles: Sequence[ColumnProfile]) -> Mapping:
    """A remembered mapping fitted to a new file of its layout: value choices for values the file no longer has
    are dropped (values it has that the map lacks stay unplaced, listed for the person)."""
    by_header = {p.header: p for p in profiles}
    kept = []
    for choice in mapping.values:
        profile = by_header.get(mapping.header_for(choice.role) or "")
        if profile is not None and normalize.key_of(choice.raw) in {normalize.key_of(v) for v in profile.distinct}:
            kept.append(choice)
    return replace(mapping, values=tuple(kept))


def edited_kind(profile: ColumnProfile, role: str, kind: str = "") -> str:
    """The kind a column gets when a person gives it `role` (and perhaps `kind`) on the mapping screen: an outcome
    without a chosen kind takes the one its values allow, a category when they allow none."""
    return role_kind(role, kind or outcome_kind(profile) or "category")


def value_maps(mapping: Mapping, profiles: Sequence[ColumnProfile]
               ) -> tuple[Mapping, tuple[tuple[str, str, tuple[ValueRow, ...]], ...]]:
    """The mapping fitted to the file, and (role, header, rows) for each value role whose column has values to
    place: what the value map screen lists, one table per column."""
    current = fitted(mapping, profiles)
    by_header = {p.header: p for p in profiles}
    found = []
    for role in VALUE_ROLES:
        header = current.header_for(role)
        rows = value_rows(by_header[header], role, current) if header in by_header else ()
        if rows:
            found.append((role, header, rows))
    return current, tuple(found)


def new_values(mapping: Mapping, profiles: Sequence[ColumnProfile]) -> tuple[tuple[str, str], ...]:
    """(header, raw value) of values a value map confirmed whole has never seen: a remembered layout whose values
    changed. They stay unplaced until a person places them."""
    by_header = {p.header: p for p in profiles}
    return tuple((header, row.raw) for role in mapping.complete if (header := mapping.header_for(role)) in by_header
                 for row in value_rows(by_header[header], role, mapping) if row.status == normalize.UNPLACED)
