"""A whole workspace in one file, to move it to another machine or keep a copy: a zip of the workspace's
folders with a manifest (format number and a checksum per file).

Import checks everything before it writes anything: a file that is not an export, a damaged one (a checksum
does not match) or one from a newer version of the app is refused with a message, and nothing changes. Then
each file is written atomically, and an entry already here is only replaced by a newer revision of itself,
so importing never loses local work.
"""

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from equity.store import records, workspace
from equity.store.records import WorkspaceError

FORMAT = 1
MANIFEST = "manifest.json"
FOLDERS = tuple(folder for folder, _ in workspace.LAYOUT)
SUFFIXES = (".json", ".parquet")
MAX_BYTES = 4 * 1024 ** 3          # refuse archives that would unpack to more than this


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    kept: int                      # already here, the same or newer


def export_workspace() -> bytes:
    """Every kept file of the workspace (no temporary or lock files) and a manifest, zipped."""
    base = workspace.root()
    files: dict[str, str] = {}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for folder in FOLDERS:
            for path in sorted((base / folder).glob("*")) if (base / folder).is_dir() else ():
                if path.name.startswith(".") or path.suffix not in SUFFIXES or not path.is_file():
                    continue
                data = path.read_bytes()
                name = f"{folder}/{path.name}"
                files[name] = hashlib.sha256(data).hexdigest()
                archive.writestr(name, data)
        archive.writestr(MANIFEST, json.dumps({"format": FORMAT, "created": records.now(), "files": files},
                                              indent=1))
    return buffer.getvalue()


def import_workspace(data: bytes) -> ImportResult:
    """Merge an exported workspace into this one; refused as a whole when anything in it is wrong."""
    incoming = _read(data)
    base = workspace.root()
    added = updated = kept = 0
    # Rows before catalogue entries, so an entry is never listed while its rows are still on the way.
    for name in sorted(incoming, key=lambda n: not n.endswith(".parquet")):
        target = base / name
        content = incoming[name]
        if target.exists():
            local = target.read_bytes()
            if local == content or not _newer(target, local, content):
                kept += 1
                continue
            updated += 1
        else:
            added += 1
        workspace.write_bytes_atomic(target, content)
    return ImportResult(added, updated, kept)


def _read(data: bytes) -> dict[str, bytes]:
    """The files of an export, checked: allowed names only, checksums matching, entries readable."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise WorkspaceError("archive.not_zip") from None
    with archive:
        try:
            manifest = json.loads(archive.read(MANIFEST))
            version, listed = int(manifest["format"]), dict(manifest["files"])
        except KeyError:
            raise WorkspaceError("archive.no_manifest") from None
        except (ValueError, TypeError):
            raise WorkspaceError("archive.bad_manifest") from None
        if version > FORMAT:
            raise WorkspaceError("archive.newer", version=version, newest=FORMAT)
        if sum(info.file_size for info in archive.infolist()) > MAX_BYTES:
            raise WorkspaceError("archive.too_large")
        files = {}
        for name, checksum in listed.items():
            _check_name(name)
            try:
                content = archive.read(name)
            except (KeyError, zipfile.BadZipFile, OSError):
                raise WorkspaceError("archive.missing_file", name=name) from None
            if hashlib.sha256(content).hexdigest() != checksum:
                raise WorkspaceError("archive.checksum", name=name)
            if name.endswith(".json") and not name.startswith("mappings/"):
                try:
                    records.parse(PurePosixPath(name), content.decode("utf-8", errors="replace"))
                except WorkspaceError as problem:
                    raise WorkspaceError("archive.bad_entry", problem=problem) from None
            files[name] = content
    return files


def _check_name(name: str) -> None:
    path = PurePosixPath(name)
    if (len(path.parts) != 2 or path.parts[0] not in FOLDERS or path.name.startswith(".")
            or path.suffix not in SUFFIXES or "\\" in name):
        raise WorkspaceError("archive.forbidden_file", name=repr(name))


def _newer(path, local: bytes, content: bytes) -> bool:
    """An incoming entry replaces the local one only when it is a later revision of it."""
    if path.suffix != ".json" or path.parent.name == "mappings":
        return False
    try:
        mine = records.parse(path, local.decode("utf-8", errors="replace")).revision
    except WorkspaceError:
        return False              # a damaged or newer local file is left for the user to look at
    return records.parse(path, content.decode("utf-8")).revision > mine
