"""A session's data: one DuckDB connection, the raw upload, its mapping and the typed `students` table.

A new upload is staged beside what is loaded; only when its mapping passes the checks does it replace the
current data, so a bad file never costs the user what they already had.
"""

from dataclasses import dataclass, replace

import duckdb

from equity.data import count_layouts, normalize
from equity.data.ingest import Upload
from equity.data.mapping import VALUE_ROLES, Mapping, outcome_kind, propose
from equity.data.outcome_kinds import all_missing
from equity.data.profile import ColumnProfile, profile_table
from equity.data.students import BuildReport, build_students
from equity.words.messages import Message, Text

PENDING, CURRENT = "raw_pending", "raw"      # views of the staged and of the loaded upload


class DataError(Message, ValueError):
    """Data that cannot be analysed as mapped, worded for the person who uploaded it (a catalogue key)."""


@dataclass(frozen=True)
class Staged:
    """An upload read into DuckDB and profiled, waiting for its mapping to be confirmed."""

    upload: Upload
    profiles: tuple[ColumnProfile, ...]
    proposal: Mapping

    @property
    def rows(self) -> int:
        """The rows the mapping will read."""
        return self.upload.table.num_rows


@dataclass(frozen=True)
class Dataset:
    upload: Upload | None         # None for saved datasets opened from the workspace (their rows are typed)
    profiles: tuple[ColumnProfile, ...]
    mapping: Mapping
    report: BuildReport
    sample: bool = False
    version: int = 1      # bumped on every rebuild, so cached figures are keyed to the data they came from
    title: str = ""       # the name shown for saved datasets opened together
    parts: tuple[str, ...] = ()   # ids of the saved datasets in use, when opened from the workspace

    @property
    def name(self) -> str:
        return self.title or (self.upload.name if self.upload else "")


def connect() -> duckdb.DuckDBPyConnection:
    """A private in-memory database for one browser session or one command."""
    return duckdb.connect(":memory:")


def stage(con: duckdb.DuckDBPyConnection, upload: Upload) -> Staged:
    """Show the upload to DuckDB beside the current data and propose a mapping; a wide file of published counts
    (the CRDC's) is reshaped to one row per school and group first. DuckDB reads the upload's own Arrow table
    through a view (the session keeps that table anyway): a copy of ten million rows would cost seconds and a
    gigabyte."""
    upload = count_layouts.long_form(upload)
    con.register(PENDING, upload.table)
    profiles = profile_table(con, PENDING, upload.table)
    return Staged(upload, profiles, propose(profiles))


def restage(con: duckdb.DuckDBPyConnection, staged: Staged) -> Staged:
    """An upload staged before, in another session, shown to this session's DuckDB without reading or profiling
    it again (the sample, which every new session opens on)."""
    con.register(PENDING, staged.upload.table)
    return staged


def check(mapping: Mapping, profiles: tuple[ColumnProfile, ...]) -> None:
    """Refuse a mapping that cannot give any figure, or whose value map names what is not there, with what to
    do about it."""
    check_values(mapping, profiles)
    outcomes = mapping.outcomes()
    if not outcomes:
        raise DataError("data.no_outcome")
    by_header = {p.header: p for p in profiles}
    for column in outcomes:
        if (column.kind == "count") != mapping.counts:
            raise DataError("data.counts_need_counts" if mapping.counts else "data.count_needs_denominator",
                            header=column.header, kind=Text(f"kind.{column.kind or 'numeric'}"))
        problem = outcome_problem(by_header[column.header], column.kind)
        if problem:
            raise DataError(problem)


def check_values(mapping: Mapping, profiles: tuple[ColumnProfile, ...]) -> None:
    """Refuse a value map that names a role no column is mapped to, a raw value its column does not have, or a
    canonical value that does not exist: one message, and nothing is applied."""
    by_header = {p.header: p for p in profiles}
    for choice in mapping.values:
        role = Text(f"role.{choice.role}")
        header = mapping.header_for(choice.role)
        if header is None or choice.role not in VALUE_ROLES:
            raise DataError("values.role_not_mapped", role=role, raw=choice.raw)
        try:
            normalize.from_text(choice.role, choice.canonical)
        except normalize.ValueMapError as problem:
            raise DataError(problem.key, role=role, **problem.params) from None
        profile = by_header[header]
        present = {normalize.key_of(v) for v in profile.distinct}
        if normalize.key_of(choice.raw) not in present and len(profile.values) >= profile.distinct_count:
            shown = [str(v) for v in profile.distinct if v is not None]
            raise DataError("values.no_such_value", raw=choice.raw, header=header, role=role,
                            values=", ".join(shown[:12]) + (" …" if len(shown) > 12 else ""))


def outcome_problem(profile: ColumnProfile, kind: str) -> Text | None:
    """Why this column cannot be an outcome of this kind, or None when it can."""
    header = profile.header
    if all_missing(profile):
        return Text("data.outcome_blank", header=header)
    if kind == "numeric" and profile.numeric_share < 0.5:
        sample = ", ".join(f"'{v}'" for v in profile.distinct[:2] if v)
        return Text("data.outcome_text", header=header, sample=sample)
    if kind in ("category", "boolean") and not outcome_kind(profile):
        return Text("data.outcome_free_text", header=header, count=profile.distinct_count)
    return None


def activate(con: duckdb.DuckDBPyConnection, staged: Staged, mapping: Mapping, sample: bool = False,
             previous: Dataset | None = None) -> Dataset:
    """Make the staged upload the session's data under `mapping`; on any problem nothing changes."""
    check(mapping, staged.profiles)
    report = build_students(con, PENDING, mapping, staged.upload.table, staged.profiles)
    con.register(CURRENT, staged.upload.table)
    con.unregister(PENDING)
    version = previous.version + 1 if previous else 1
    return Dataset(staged.upload, staged.profiles, mapping, report, sample, version)


def remap(con: duckdb.DuckDBPyConnection, dataset: Dataset, mapping: Mapping) -> Dataset:
    """Rebuild `students` for the loaded data under a changed mapping."""
    if dataset.upload is None:
        raise DataError("data.saved_mapping")
    check(mapping, dataset.profiles)
    report = build_students(con, CURRENT, mapping, dataset.upload.table, dataset.profiles)
    return replace(dataset, mapping=mapping, report=report, version=dataset.version + 1)
