"""Workspace entries survive crashes and concurrent writers, and odd files are reported, never lost."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from equity.plans import goals, interventions
from equity.plans.interventions import Entry
from equity.store import records, workspace
from equity.store.records import Store, WorkspaceError

ROOT = Path(__file__).resolve().parents[2]


def run_python(code: str, *args: str) -> subprocess.Popen:
    """A separate Python process working on the same workspace (EQUITY_WORKSPACE is inherited)."""
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_a_writer_killed_mid_write_leaves_the_old_entry_whole(private_workspace, tmp_path):
    entry = interventions.save(Entry("2024-01-10", "design", "Original title"))
    path = interventions.STORE.path(entry.id)
    before = path.read_bytes()
    ready = tmp_path / "ready"
    # Another process edits the entry through the real save path; its disk stalls half way through writing
    # the new version (under the entry's lock) and the process is killed there.
    writer = run_python("""
        import sys, time
        from dataclasses import replace
        from pathlib import Path
        from equity.plans import interventions

        def stall(self, text, *args, **kwargs):
            with open(self, "w", encoding="utf-8") as f:
                f.write(text[: len(text) // 2])
                f.flush()
            Path(sys.argv[1]).touch()
            time.sleep(60)

        Path.write_text = stall
        entry = interventions.load()[0][0]
        interventions.save(replace(entry, title="Never saved"))
        """, str(ready))
    deadline = time.monotonic() + 30
    while not ready.exists():
        assert writer.poll() is None and time.monotonic() < deadline, "the writer did not start"
        time.sleep(0.05)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=10)
    assert path.read_bytes() == before                          # the entry is whole: the old version
    left = [p.name for p in path.parent.iterdir() if p.name.startswith(".")]
    assert any(n.endswith(workspace.TEMP_SUFFIX) for n in left)  # the torn temp file is set aside,
    assert any(n.endswith(".lock") for n in left)               # and the dead writer's lock
    entries, problems = interventions.load()                    # both ignored when reading
    assert [e.title for e in entries] == ["Original title"] and problems == ()
    started = time.monotonic()
    interventions.save(replace(entries[0], title="Edited after the crash"))
    assert time.monotonic() - started < records.LOCK_WAIT       # the dead writer's lock is broken at once
    assert interventions.load()[0][0].title == "Edited after the crash"


def test_a_failed_rename_keeps_the_old_file_and_removes_the_temporary_one(private_workspace, monkeypatch):
    goal = goals.save(goals.Goal("G", "o", "O", goals.Rule("boolean"), "2022-23", 30.0, "2025-26", 40.0))
    path = goals.STORE.path(goal.id)
    before = path.read_bytes()

    def fail(*_):
        raise OSError("disk full")
    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        goals.save(replace(goal, target=45.0))
    monkeypatch.undo()
    assert path.read_bytes() == before
    left = [p.name for p in path.parent.iterdir() if p.name.startswith(".")]
    assert not [n for n in left if not n.endswith(".lock")]                   # no temporary file left
    started = time.monotonic()
    with records.locked(path):                                                 # and the entry's lock is free
        assert time.monotonic() - started < records.LOCK_WAIT


def test_two_processes_adding_entries_lose_none(private_workspace):
    code = """
        import sys
        from equity.plans import interventions
        for i in range(40):
            interventions.save(interventions.Entry("2024-01-01", "implement", f"{sys.argv[1]} {i}"))
        """
    writers = [run_python(code, name) for name in ("alpha", "beta")]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    entries, problems = interventions.load()
    assert problems == () and len(entries) == 80
    assert {e.title for e in entries} == {f"{n} {i}" for n in ("alpha", "beta") for i in range(40)}


def test_two_processes_editing_one_entry_lose_no_edit(private_workspace):
    shared = Store("shared").add({"items": []})
    code = """
        import sys
        from equity.store.records import Store, WorkspaceError
        store = Store("shared")
        for i in range(25):
            while True:                      # read, change, write; on a conflict read again
                record = store.get(sys.argv[2])
                try:
                    store.update(record.id, {"items": record.data["items"] + [f"{sys.argv[1]}{i}"]},
                                 record.revision)
                    break
                except WorkspaceError:
                    continue
        """
    writers = [run_python(code, name, shared.id) for name in ("a", "b")]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    final = Store("shared").get(shared.id)
    assert sorted(final.data["items"]) == sorted(f"{n}{i}" for n in "ab" for i in range(25))
    assert final.revision == 51


def test_damaged_and_newer_files_are_reported_and_left_untouched(private_workspace):
    kept = interventions.save(Entry("2024-01-10", "design", "Readable"))
    folder = interventions.STORE.folder
    damaged = folder / "damaged.json"
    damaged.write_text("{not json", encoding="utf-8")
    newer = folder / "newer.json"
    newer.write_text(json.dumps({"format": records.FORMAT + 1, "id": "newer", "revision": 1, "data": {}}))
    before = {p: p.read_bytes() for p in (damaged, newer)}
    entries, problems = interventions.load()
    assert [e.id for e in entries] == [kept.id]
    messages = {p.path.name: p.message for p in problems}
    assert "damaged" in messages["damaged.json"] and "newer version" in messages["newer.json"]
    interventions.save(Entry("2024-02-01", "reflect", "Another"))     # other writes go on
    assert {p: p.read_bytes() for p in before} == before
    with pytest.raises(WorkspaceError, match="newer version"):
        interventions.STORE.get("newer")


def test_an_entry_deleted_elsewhere_cannot_be_edited_back_to_life(private_workspace):
    entry = interventions.save(Entry("2024-01-10", "design", "Gone soon"))
    interventions.delete(entry)
    with pytest.raises(WorkspaceError, match="no longer exists"):
        interventions.save(replace(entry, title="Edited"))


def test_entry_names_cannot_escape_their_folder():
    with pytest.raises(WorkspaceError):
        Store("log").path("../../etc/passwd")


def test_an_edit_waits_for_another_process_holding_the_entry_then_says_busy(private_workspace, tmp_path, monkeypatch):
    record = Store("shared").add({"items": []})
    ready = tmp_path / "ready"
    holder = run_python("""
        import sys, time
        from pathlib import Path
        from equity.store.records import Store, locked
        with locked(Store("shared").path(sys.argv[2])):
            Path(sys.argv[1]).touch()
            time.sleep(60)
        """, str(ready), record.id)
    try:
        deadline = time.monotonic() + 30
        while not ready.exists():
            assert holder.poll() is None and time.monotonic() < deadline, "the holder did not start"
            time.sleep(0.05)
        monkeypatch.setattr(records, "LOCK_WAIT", 0.3)
        with pytest.raises(WorkspaceError, match="another window is saving"):
            Store("shared").update(record.id, {"items": ["mine"]}, record.revision)
    finally:
        holder.kill()
        holder.wait(timeout=10)
    assert Store("shared").update(record.id, {"items": ["mine"]}, record.revision).revision == 2   # freed at its end
