"""The local workspace: a folder on this machine (EQUITY_WORKSPACE, default ./workspace) for what a user
chooses to keep: confirmed column mappings (by the export's header signature), saved datasets, goals and
the intervention log. `LAYOUT` says what lives where, for the note on screen.

Every write goes to a temporary file in the same folder and is renamed over the old one, so a crash never
leaves half a file behind. A process killed while writing leaves its temporary file (a dataset's holds every
student row): the name carries the writer's process id, and `clean_stale` removes those whose writer is gone.
"""

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from equity.data.mapping import Mapping
from equity.words.messages import Text

TEMP_SUFFIX = ".tmp"
ENV = "EQUITY_WORKSPACE"   # the environment variable naming the folder
LAYOUT = tuple(  # folder, what it holds: the note on screen of what is stored where
    (folder, Text(f"workspace.layout.{folder}")) for folder in ("datasets", "goals", "log", "mappings", "scorecards"))


def root() -> Path:
    return Path(os.environ.get(ENV, "workspace")).expanduser()


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside `path`: write to it inside the block; on success it is synced and renamed over
    `path` in one step, on any failure it is removed and `path` is left as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def clean_stale(name: str = "*") -> int:
    """Remove temporary files left by writes that never finished (the writing process was killed), in every
    folder of the workspace; `name` limits it to one file's, e.g. a deleted dataset's. Files that a running
    process is still writing are left alone. Returns how many were removed."""
    removed = 0
    for tmp in root().glob(f"**/.{name}.*{TEMP_SUFFIX}"):
        if not _writer_running(tmp.name):
            tmp.unlink(missing_ok=True)
            removed += 1
    return removed


def _writer_running(name: str) -> bool:
    """Whether the process whose id the temporary file's name carries still runs (never, for the names that
    carry no id)."""
    found = re.search(r"\.(\d+)\.[^.]*" + re.escape(TEMP_SUFFIX) + "$", name)
    return bool(found) and running(int(found.group(1)))


def running(pid: int) -> bool:
    """Whether process `pid` runs (this one always does)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):        # not ours to signal, or no signals here (Windows): assume alive
        return True
    return True


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows it (POSIX; a no-op on Windows)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step: readers see the old file or the new one, never a mix."""
    with replacing(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_bytes_atomic(path: Path, data: bytes) -> None:
    with replacing(path) as tmp:
        tmp.write_bytes(data)


def _mapping_path(signature: str) -> Path:
    return root() / "mappings" / f"{signature}.json"


def save_mapping(signature: str, mapping: Mapping) -> Path:
    path = _mapping_path(signature)
    write_atomic(path, mapping.to_json())
    return path


def load_mapping(signature: str) -> Mapping | None:
    """The mapping confirmed for this export layout before, or None (also when the file is unreadable)."""
    path = _mapping_path(signature)
    try:
        return Mapping.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return None
