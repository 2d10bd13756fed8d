"""Joining a second file to the main one before mapping: a demographic roster to a gradebook that has no
demographics, or an event file (one row per incident or course enrolment) rolled up to counts per student.

The join happens on the raw text tables, so the combined table is staged, profiled and mapped like any
upload. Every main row appears once (a roster is cut to one row per student and term first), and the
`JoinReport` says how many rows matched, which did not, and what was duplicated, before anything is computed.
"""

import re
from dataclasses import dataclass, replace
from pathlib import PurePath

import duckdb
import pyarrow as pa

from equity.data.ingest import Upload, as_text_table
from equity.data.mapping import propose
from equity.data.profile import column_values, profile_table
from equity.data.sql import Fragment, query
from equity.words.messages import Message, Text

ROSTER, EVENTS = "roster", "events"


class JoinError(Message, ValueError):
    """Files that cannot be joined as chosen, worded for the person joining them (a catalogue key)."""


MAIN, OTHER = "join_main", "join_other"
MAX_VALUES = 12                       # an event column with more values than this is not counted by value
FLAG_WORDS = ("suspension", "expulsion", "referral")
EVENT_WORDS = re.compile(r"\b(date|incident|course|section|enrol\w*|action|infraction|offen[cs]e)\b", re.I)
EVENT_SHARE = 0.2                     # a file where this share of students repeat is a file of events


@dataclass(frozen=True)
class Keys:
    """The columns that identify a student (and a term) in one file."""

    student_id: str
    term: str | None = None


@dataclass(frozen=True)
class JoinSpec:
    kind: str                         # ROSTER or EVENTS
    main: Keys
    other: Keys
    count_by: str | None = None       # events: the column whose values get a count each (Action, Level)
    label: str = "Events"             # events: the name of the counts, e.g. 'Incidents'

    @property
    def by_term(self) -> bool:
        return bool(self.main.term and self.other.term)


@dataclass(frozen=True)
class JoinReport:
    kind: str
    by_term: bool                     # matched on the term as well as the student ID
    main_rows: int
    matched: int                      # main rows that found a roster row (events: that had any event)
    unmatched_examples: tuple[str, ...]
    main_duplicates: int              # main rows beyond the first for the same student (and term)
    main_duplicate_examples: tuple[str, ...]
    other_rows: int
    duplicates: int                   # roster rows beyond the first for a student (and term): not used
    duplicate_examples: tuple[str, ...]
    other_unmatched: int              # roster rows (events: students and terms with events) matching no main row
    other_unmatched_examples: tuple[str, ...]
    added: tuple[str, ...]            # the columns the main file gained

    @property
    def unmatched(self) -> int:
        return self.main_rows - self.matched


@dataclass(frozen=True)
class Combined:
    upload: Upload
    report: JoinReport


def _load(con: duckdb.DuckDBPyConnection, upload: Upload, target: str) -> None:
    con.register("join_arrow", as_text_table(upload.table))     # a typed upload joins as its text
    try:
        con.execute(query("tables/copy_table", target=target, source="join_arrow"))
    finally:
        con.unregister("join_arrow")


def _term(header: str | None, use: bool) -> Fragment:
    return query("joins/term_key", column=header) if header and use else query("joins/no_term")


def suggest(con: duckdb.DuckDBPyConnection, main: Upload, other: Upload) -> JoinSpec:
    """The likely keys of both files, whether the second is a roster or events, and what to count by."""
    con.execute(query("joins/macros"))
    keys = []
    for upload, table in ((main, MAIN), (other, OTHER)):
        _load(con, upload, table)
        mapping = propose(profile_table(con, table))
        headers = upload.table.column_names
        keys.append(Keys(mapping.header_for("student_id") or headers[0], mapping.header_for("term")))
    main_keys, other_keys = keys
    profiles = {p.header: p for p in profile_table(con, OTHER)}
    kind = EVENTS if _repeats(con, other_keys, bool(main_keys.term)) or any(
        EVENT_WORDS.search(h) for h in other.table.column_names) else ROSTER
    candidates = [p for h, p in profiles.items()
                  if h not in (other_keys.student_id, other_keys.term) and 2 <= p.distinct_count <= MAX_VALUES]
    preference = ("action", "level", "type", "category")
    count_by = min(candidates, key=lambda p: (next((i for i, w in enumerate(preference) if w in p.header.lower()),
                                                   len(preference)), p.distinct_count), default=None)
    return JoinSpec(kind, main_keys, other_keys, count_by.header if count_by else None, _label(other.name))


def _repeats(con: duckdb.DuckDBPyConnection, keys: Keys, main_has_term: bool) -> bool:
    term = _term(keys.term, main_has_term)
    extra, _ = con.execute(query("joins/key_duplicates", source=OTHER, id=keys.student_id, term=term)).fetchall()[0]
    rows = con.execute(query("tables/row_count", table=OTHER)).fetchall()[0][0]
    return rows > 0 and extra / rows >= EVENT_SHARE


def _label(filename: str) -> str:
    words = re.sub(r"[_\-.]+", " ", PurePath(filename).stem).strip()
    return words[:1].upper() + words[1:] if words else "Events"


def combine(con: duckdb.DuckDBPyConnection, main: Upload, other: Upload, spec: JoinSpec) -> Combined:
    """The main file with the roster's columns or the events' counts added, and the report of the join."""
    _check(main, (spec.main.student_id, spec.main.term))
    _check(other, (spec.other.student_id, spec.other.term, spec.count_by if spec.kind == EVENTS else None))
    con.execute(query("joins/macros"))
    _load(con, main, MAIN)
    _load(con, other, OTHER)
    other_term = _term(spec.other.term, spec.by_term)
    duplicates, duplicate_examples = con.execute(query(
        "joins/key_duplicates", source=OTHER, id=spec.other.student_id, term=other_term)).fetchall()[0]
    main_duplicates, main_examples = con.execute(query(
        "joins/key_duplicates", source=MAIN, id=spec.main.student_id, term=_term(spec.main.term, True))).fetchall()[0]
    added, defaults = _right(con, main, other, spec)
    match = query("joins/same_term", term=spec.main.term) if spec.by_term else query("values/always")
    covered = query("joins/covered_term", term=spec.main.term) if spec.by_term else query("values/always")
    selected = [query("joins/joined", column=name) if name not in defaults
                else query("joins/joined_count", column=name, covered=covered, i=i) for i, name in enumerate(added)]
    con.execute(query("joins/combine", main=MAIN, id=spec.main.student_id, added=selected, match=match),
                {f"default_{i}": defaults[name] for i, name in enumerate(added) if name in defaults})
    missing, missing_examples = con.execute(query("joins/missing", id=spec.main.student_id)).fetchall()[0]
    strays, stray_examples = con.execute(query("joins/unmatched", main=MAIN, id=spec.main.student_id,
                                               match=match)).fetchall()[0]
    table = con.sql(query("joins/result")).to_arrow_table()
    report = JoinReport(spec.kind, spec.by_term, main.table.num_rows, main.table.num_rows - missing,
                        tuple(missing_examples or ()), int(main_duplicates), tuple(main_examples or ()),
                        other.table.num_rows, int(duplicates) if spec.kind == ROSTER else 0,
                        tuple(duplicate_examples or ()) if spec.kind == ROSTER else (), int(strays),
                        tuple(stray_examples or ()), tuple(added))
    for table_name in (MAIN, OTHER, "join_right", "join_result"):
        con.execute(query("tables/drop_table", table=table_name))
    note = Text(f"join.note.{spec.kind}{'_term' if spec.by_term else ''}", file=other.name,
                matched=report.matched, rows=report.main_rows)
    text = pa.Table.from_arrays([c.cast(pa.string()) for c in table.columns], names=table.column_names)
    combined = replace(main, name=f"{main.name} + {other.name}", table=text, sheet=None, sheets=(),
                       notes=(*main.notes, note))
    return Combined(combined, report)


def _check(upload: Upload, headers) -> None:
    for header in headers:
        if header and header not in upload.table.column_names:
            raise JoinError("join.not_a_column", header=header, file=upload.name)


def _right(con: duckdb.DuckDBPyConnection, main: Upload, other: Upload, spec: JoinSpec
           ) -> tuple[list[str], dict[str, str]]:
    """Build join_right (the roster cut to one row per key, or the events rolled up); the names of the
    columns it adds to the main file, and the value of each count for a student without events."""
    taken = {h.casefold() for h in main.table.column_names}
    term = _term(spec.other.term, spec.by_term)
    if spec.kind == ROSTER:
        added, right = _roster_columns(other, spec, taken)
        con.execute(query("joins/roster", source=OTHER, id=spec.other.student_id, term=term,
                          columns=right))
        return added, {}
    added, measures, params, defaults = _measures(con, other, spec, taken)
    con.execute(query("joins/events", source=OTHER, id=spec.other.student_id, term=term,
                      measures=measures), params)
    return added, defaults


def _fresh(header: str, suffix: str, taken: set[str]) -> str:
    name = header if header.casefold() not in taken else f"{header} ({suffix})"
    number = 2
    while name.casefold() in taken:
        name, number = f"{header} ({suffix} {number})", number + 1
    taken.add(name.casefold())
    return name


def _roster_columns(other: Upload, spec: JoinSpec, taken: set[str]) -> tuple[list[str], list[Fragment]]:
    """The roster's columns other than its keys, renamed where a main column has the same name."""
    keys = {spec.other.student_id, spec.other.term if spec.by_term else None}
    suffix = PurePath(other.name).stem
    added, right = [], []
    for header in other.table.column_names:
        if header in keys:
            continue
        name = _fresh(header, suffix, taken)
        added.append(name)
        right.append(query("columns/as", value=header, target=name))
    return added, right


def _measures(con: duckdb.DuckDBPyConnection, other: Upload, spec: JoinSpec, taken: set[str]
              ) -> tuple[list[str], list[Fragment], dict[str, list[str]], dict[str, str]]:
    """Counts per student (and term): all events, events per value of `count_by`, and 'Any suspension'
    style flags where several values share a word (in-school and out-of-school suspension)."""
    total = _fresh(spec.label, "count", taken)
    names, measures = [total], [query("joins/event_count", target=total)]
    params: dict[str, list[str]] = {}
    defaults = {total: "0"}
    if not spec.count_by:
        return names, measures, params, defaults
    column = spec.count_by
    values = [v for v, _ in column_values(con, OTHER, spec.count_by, MAX_VALUES) if v is not None]
    for i, value in enumerate(sorted(values, key=str.casefold)):
        name = _fresh(f"{spec.label}: {value.strip()}", "count", taken)
        params[f"value_{i}"] = [value]
        measures.append(query("joins/value_count", i=i, column=column, target=name))
        names.append(name)
        defaults[name] = "0"
    for i, word in enumerate(FLAG_WORDS):
        sharing = [v for v in values if word in v.lower()]
        if len(sharing) < 2:
            continue
        name = _fresh(f"Any {word}", "flag", taken)
        params[f"flag_{i}"] = sharing
        measures.append(query("joins/any_flag", i=i, column=column, target=name))
        names.append(name)
        defaults[name] = "N"
    return names, measures, params, defaults
