"""The local workspace: a folder on this machine (EQUITY_WORKSPACE, default ./workspace) for what a user
chooses to keep. Today it remembers confirmed column mappings by the export's header signature.

Every write goes to a temporary file in the same folder and is renamed over the old one, so a crash never
leaves half a file behind.
"""

import os
import tempfile
from pathlib import Path

from equity.mapping import Mapping


def root() -> Path:
    return Path(os.environ.get("EQUITY_WORKSPACE", "workspace")).expanduser()


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step: readers see the old file or the new one, never a mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
