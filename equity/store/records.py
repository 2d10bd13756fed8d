"""Entries a user keeps in the workspace (goals, log entries, saved datasets): one JSON file per entry.

One file per entry means two browser sessions adding entries at the same time never overwrite each other.
An edit replaces only its own file, atomically, under a short lock, and is refused when someone else changed
the entry since it was read (its revision moved on), so neither edit is lost without a word. Each file
carries a format number: a file from a newer version of the app, or a damaged one, is reported and left
untouched, never overwritten or dropped silently.
"""

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from equity.store import workspace
from equity.words.messages import Message, Text

FORMAT = 1                 # the newest entry format this version reads and writes
LOCK_WAIT = 5.0            # seconds an edit waits for another one on the same entry


class WorkspaceError(Message):
    """A workspace file that cannot be used as asked, worded for the person using the app (a catalogue key)."""


@dataclass(frozen=True)
class Problem:
    """A file that was found but not read, and why; it is left as it is."""

    path: Path
    message: str      # a Text: shown in the reader's language with equity.words.messages.words


@dataclass(frozen=True)
class Record:
    id: str
    revision: int
    data: dict[str, Any]


@dataclass(frozen=True)
class Listing:
    records: tuple[Record, ...]
    problems: tuple[Problem, ...]


def new_id() -> str:
    """Sortable by creation time, unique across processes and machines."""
    return f"{datetime.now():%Y%m%d%H%M%S%f}-{uuid.uuid4().hex[:8]}"


def now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def parse(path: Path, text: str) -> Record:
    """The record in one file's text, or WorkspaceError saying why it cannot be used."""
    try:
        envelope = json.loads(text)
        version = int(envelope["format"])
        if version > FORMAT:
            raise WorkspaceError("records.newer", file=path.name, version=version, newest=FORMAT)
        return Record(str(envelope["id"]), int(envelope["revision"]), dict(envelope["data"]))
    except WorkspaceError:
        raise
    except (ValueError, KeyError, TypeError) as problem:
        raise WorkspaceError("records.damaged", file=path.name, error=type(problem).__name__) from None


def build(cls: type, data: dict[str, Any], **extra: Any) -> Any:
    """A dataclass from stored fields: unknown keys are ignored, missing optional ones take their default."""
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in {**data, **extra}.items() if k in names})


class Store:
    """The entries of one kind, in the workspace folder of that name."""

    def __init__(self, kind: str):
        self.kind = kind

    @property
    def folder(self) -> Path:
        return workspace.root() / self.kind

    def path(self, record_id: str) -> Path:
        if not record_id or any(c in record_id for c in "/\\.") or record_id != record_id.strip():
            raise WorkspaceError("records.bad_name", name=record_id)
        return self.folder / f"{record_id}.json"

    def all(self) -> Listing:
        """Every readable entry, oldest first, and a problem for each file that could not be read."""
        records, problems = [], []
        if not self.folder.is_dir():
            return Listing((), ())
        for path in sorted(self.folder.glob("*.json")):
            if path.name.startswith("."):
                continue
            try:
                records.append(parse(path, path.read_text(encoding="utf-8")))
            except WorkspaceError as problem:
                problems.append(Problem(path, Text("records.left_as_is", problem=problem)))
            except OSError as problem:
                problems.append(Problem(path, Text("records.unopenable", file=path.name, error=problem.strerror)))
        return Listing(tuple(records), tuple(problems))

    def get(self, record_id: str) -> Record:
        path = self.path(record_id)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise WorkspaceError("records.gone") from None
        return parse(path, text)

    def add(self, data: dict[str, Any], record_id: str | None = None) -> Record:
        """A new entry in a file of its own; nothing another session writes can collide with it."""
        record = Record(record_id or new_id(), 1, data)
        path = self.path(record.id)
        if path.exists():
            raise WorkspaceError("records.exists", name=record.id)
        self._write(path, record)
        return record

    def update(self, record_id: str, data: dict[str, Any], revision: int) -> Record:
        """Replace an entry read at `revision`; refused when it changed or disappeared since."""
        path = self.path(record_id)
        with locked(path):
            current = self.get(record_id)
            if current.revision != revision:
                raise WorkspaceError("records.changed")
            record = Record(record_id, revision + 1, data)
            self._write(path, record)
        return record

    def delete(self, record_id: str) -> None:
        path = self.path(record_id)
        with locked(path):
            path.unlink(missing_ok=True)

    @staticmethod
    def _write(path: Path, record: Record) -> None:
        envelope = {"format": FORMAT, "id": record.id, "revision": record.revision, "data": record.data}
        workspace.write_atomic(path, json.dumps(envelope, indent=1, ensure_ascii=False))


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """A lock file beside `path` for one read-modify-write. filelock holds it with the system's own file lock
    (flock, or msvcrt on Windows), which the system releases when its process ends, crashed or not: no
    process ids or ages to judge. The empty lock file stays; readers skip dot files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(path.with_name(f".{path.name}.lock"), timeout=LOCK_WAIT):
            yield
    except Timeout:
        raise WorkspaceError("records.busy") from None
