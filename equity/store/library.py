"""Saved datasets: the typed student rows of a confirmed upload, kept in the workspace so a principal does not
upload last year's file again, and opened together (one per term or year) as one `students` table.

Each saved dataset is one Parquet file of rows plus one small JSON catalogue entry (equity.store.records). The
Parquet file is written first and atomically; an entry is only listed once its JSON exists, so a crash
leaves at most an unlisted file, never an entry without its rows. Opening reads every file before touching
the session's data, so a missing or damaged file changes nothing.
"""

import json
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from equity.data import derived
from equity.data.count_layouts import has_totals, total_names
from equity.data.dataset import DataError, Dataset
from equity.data.mapping import ROLE_LABELS, ColumnRole, Mapping
from equity.data.profile import profile_column
from equity.data.sql import query
from equity.data.students import BOOKKEEPING, CANONICAL, BuildReport, restore_students, saved_rows
from equity.model import terms
from equity.store import records, workspace
from equity.store.records import WorkspaceError
from equity.words.messages import Text
from equity.words.reader import DEFAULT, reading

STORE = records.Store("datasets")
SAVED_ROWS, SAVED_TEXT = "saved_rows", "saved_text"
STARTUP = "startup.json"
ORPHAN_AGE = 60.0     # seconds: a rows file without an entry younger than this may be a save still finishing


@dataclass(frozen=True)
class SavedDataset:
    name: str
    source: str                          # the file it came from
    terms: tuple[str, ...]
    rows: int
    outcomes: tuple[ColumnRole, ...]
    saved_at: str
    id: str = ""
    revision: int = 0

    @property
    def path(self) -> Path:
        return STORE.folder / f"{self.id}.parquet"


def save(con: duckdb.DuckDBPyConnection, data: Dataset, name: str) -> SavedDataset:
    """Keep the session's `students` rows under `name`: Parquet first, then the catalogue entry."""
    if not name.strip():
        raise WorkspaceError("library.no_name")
    table = _plain(con.sql(saved_rows(con)).to_arrow_table())
    found = terms.ordered(t for t in table.column("term").unique().to_pylist() if t)
    rows = con.execute(query("tables/row_count", table="students")).fetchall()[0][0]
    entry = SavedDataset(name.strip(), data.name, found, rows, _saved_outcomes(data.mapping, table),
                         records.now(), records.new_id())
    with workspace.replacing(entry.path) as tmp:
        pq.write_table(table, tmp)
    try:
        record = STORE.add(_to_data(entry), entry.id)
    except BaseException:
        entry.path.unlink(missing_ok=True)
        raise
    return replace(entry, revision=record.revision)


def _saved_outcomes(mapping: Mapping, table: pa.Table) -> tuple[ColumnRole, ...]:
    """Every non-canonical column saved, as the mapping names it, or (derived columns) by its type."""
    with reading(DEFAULT):          # saved under their English names, whoever saves them
        known = {c.name: c for c in derived.all_outcomes(mapping)}
    found = []
    for field in table.schema:
        if field.name == "denominator":         # published counts: the students in each group
            found.append(ColumnRole(ROLE_LABELS["denominator"], "denominator", name="denominator"))
        if field.name in CANONICAL or field.name in BOOKKEEPING:
            continue
        kind = ("boolean" if pa.types.is_boolean(field.type) else "numeric"
                if pa.types.is_integer(field.type) or pa.types.is_floating(field.type) else "category")
        found.append(known.get(field.name) or ColumnRole(field.name, "outcome", kind, field.name))
    return tuple(found)


def _plain(table: pa.Table) -> pa.Table:
    """Label columns as plain text, so files saved by different sessions join without dictionary clashes."""
    columns = [c.cast(c.type.value_type) if pa.types.is_dictionary(c.type) else c for c in table.columns]
    return pa.table(columns, names=table.column_names)


def _to_data(entry: SavedDataset) -> dict:
    return {"name": entry.name, "source": entry.source, "terms": list(entry.terms), "rows": entry.rows,
            "outcomes": [asdict(c) for c in entry.outcomes], "saved_at": entry.saved_at}


def _from_record(record: records.Record) -> SavedDataset:
    data = record.data
    return SavedDataset(str(data["name"]), str(data.get("source", "")), tuple(data.get("terms", ())),
                        int(data["rows"]), tuple(ColumnRole(**c) for c in data["outcomes"]),
                        str(data.get("saved_at", "")), record.id, record.revision)


def catalogue() -> tuple[tuple[SavedDataset, ...], tuple[records.Problem, ...]]:
    """Every saved dataset, and a problem for each entry that cannot be used (its rows file missing too)."""
    listing = STORE.all()
    found, problems = [], list(listing.problems)
    for record in listing.records:
        try:
            entry = _from_record(record)
        except (KeyError, TypeError, ValueError) as problem:
            problems.append(records.Problem(STORE.path(record.id), Text(
                "library.unreadable_entry", name=record.id, error=type(problem).__name__)))
            continue
        if not entry.path.exists():
            problems.append(records.Problem(entry.path, Text("library.missing_rows", name=entry.name,
                                                             file=entry.path.name)))
        found.append(entry)
    return tuple(found), tuple(problems)


def rename(entry: SavedDataset, name: str) -> SavedDataset:
    if not name.strip():
        raise WorkspaceError("library.no_name")
    renamed = replace(entry, name=name.strip())
    record = STORE.update(entry.id, _to_data(renamed), entry.revision)
    return replace(renamed, revision=record.revision)


def delete(entry: SavedDataset) -> None:
    """The catalogue entry first, so a dataset is never listed without its rows; then whatever a killed save
    left behind."""
    STORE.delete(entry.id)
    entry.path.unlink(missing_ok=True)
    clean_leftovers()


def clean_leftovers(settle: float = ORPHAN_AGE) -> int:
    """Remove student rows that no catalogue entry lists, left by a save that was killed: its temporary
    files (see workspace.clean_stale), and a rows file renamed into place whose entry was never written
    (older than `settle` seconds, so that a save finishing at this moment keeps its file). Run at start and
    on delete; returns how many files went."""
    removed = workspace.clean_stale()
    listed = {record.id for record in STORE.all().records}
    for path in STORE.folder.glob("*.parquet") if STORE.folder.is_dir() else ():
        try:
            orphan = path.stem not in listed and time.time() - path.stat().st_mtime > settle
        except FileNotFoundError:
            continue
        if orphan:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def overlaps(entries: tuple[SavedDataset, ...]) -> list[Text]:
    """Terms held by more than one of the datasets: their students may be counted twice."""
    holders: dict[str, list[str]] = {}
    for e in entries:
        for t in e.terms:
            holders.setdefault(t, []).append(e.name)
    return [Text("library.overlap", term=t, first=names[0], others=", ".join(names[1:]))
            for t, names in holders.items() if len(names) > 1]


def open_saved(con: duckdb.DuckDBPyConnection, entries: tuple[SavedDataset, ...],
               previous: Dataset | None = None) -> Dataset:
    """Make these saved datasets, together, the session's `students` (UNION ALL BY NAME of their rows)."""
    if not entries:
        raise DataError("library.choose_one")
    outcomes = _outcomes(entries)
    tables = []
    for e in entries:
        try:
            tables.append(pq.read_table(e.path))
        except FileNotFoundError:
            raise WorkspaceError("library.missing_rows", name=e.name, file=str(e.path)) from None
        except (OSError, pa.ArrowException) as problem:
            raise WorkspaceError("library.unreadable_rows", name=e.name, error=str(problem)) from None
    try:
        rows = pa.concat_tables(tables, promote_options="permissive")
    except pa.ArrowException as problem:
        raise DataError("library.cannot_combine", error=str(problem)) from None
    students = _replace_students(con, rows)
    profiles = _profiles(con, tuple(c for c in outcomes if c.role == "outcome"))
    columns = (*(ColumnRole(ROLE_LABELS[c], c, name=c) for c in CANONICAL if c in ROLE_LABELS), *outcomes)
    title = entries[0].name if len(entries) == 1 else " + ".join(e.name for e in entries)
    version = previous.version + 1 if previous else 1
    report = BuildReport(students, (), totals=total_names(con) if has_totals(con) else ())
    return Dataset(None, profiles, Mapping(columns), report, False, version, title, tuple(e.id for e in entries))


def _outcomes(entries: tuple[SavedDataset, ...]) -> tuple[ColumnRole, ...]:
    """The outcomes of all the datasets, by name; the same name must be the same kind of result in each."""
    by_name: dict[str, tuple[ColumnRole, str]] = {}
    for e in entries:
        for c in e.outcomes:
            seen = by_name.setdefault(c.name, (c, e.name))
            if seen[0].kind != c.kind:
                raise DataError("library.kinds_differ", header=c.header, first_kind=Text(f"kind.{seen[0].kind}"),
                                first=seen[1], second_kind=Text(f"kind.{c.kind}"), second=e.name)
    return tuple(c for c, _ in by_name.values())


def _replace_students(con: duckdb.DuckDBPyConnection, rows: pa.Table) -> int:
    """`students` from saved rows, through the one builder (equity.data.students); how many."""
    con.register(SAVED_ROWS, rows)
    try:
        return restore_students(con, SAVED_ROWS, rows.column_names)
    finally:
        con.unregister(SAVED_ROWS)


def _profiles(con: duckdb.DuckDBPyConnection, outcomes: tuple[ColumnRole, ...]) -> tuple:
    """The outcomes profiled as text, as an upload's are, for the outcome and threshold pickers."""
    columns = [query("columns/as_text", column=c.name) for c in outcomes]
    con.execute(query("profile/text_view", target=SAVED_TEXT, source="students", columns=columns))
    return tuple(replace(profile_column(con, SAVED_TEXT, c.name), header=c.header) for c in outcomes)


def startup() -> tuple[str, ...]:
    """The saved datasets chosen to open when the app starts (none: the sample opens)."""
    try:
        return tuple(json.loads((workspace.root() / STARTUP).read_text(encoding="utf-8"))["open"])
    except (OSError, ValueError, KeyError, TypeError):
        return ()


def remember_startup(ids: tuple[str, ...]) -> None:
    workspace.write_atomic(workspace.root() / STARTUP, json.dumps({"open": list(ids)}))
