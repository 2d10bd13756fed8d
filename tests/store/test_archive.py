"""A whole workspace exported to one file and imported on another machine; bad files change nothing."""

import hashlib
import io
import json
import zipfile
from dataclasses import replace

import pytest

from equity.app.session import Workbench
from equity.model.rules import Rule
from equity.plans import goals, interventions
from equity.plans.interventions import Entry
from equity.store import archive, library
from equity.store.records import WorkspaceError
from tests import multiterm
from tests.files import confirmed


def fill_workspace() -> tuple[goals.Goal, interventions.Entry, library.SavedDataset]:
    bench = confirmed(multiterm.one_file(), "district.csv")    # also remembers the mapping
    saved = bench.save("District")
    goal = goals.save(goals.Goal("EL proficiency", "proficient", "Proficient", Rule("boolean"), "2022-23", 30.0,
                                 "2026-27", 50.0, dimension="english_learner", group="true",
                                 group_label="English learners"))
    entry = interventions.save(Entry("2023-10-01", "implement", "Tutoring", "English learners", goal.id))
    return goal, entry, saved


def move_to(monkeypatch, folder) -> None:
    """Another machine: another, empty workspace."""
    monkeypatch.setenv("EQUITY_WORKSPACE", str(folder))


def zipped(files: dict[str, bytes], manifest: dict | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
        z.writestr("manifest.json", json.dumps(manifest if manifest is not None else {
            "format": 1, "files": {n: hashlib.sha256(d).hexdigest() for n, d in files.items()}}))
    return buffer.getvalue()


def test_round_trip_to_another_machine(private_workspace, tmp_path, monkeypatch):
    goal, entry, saved = fill_workspace()
    exported = archive.export_workspace()
    move_to(monkeypatch, tmp_path / "elsewhere")
    result = archive.import_workspace(exported)
    assert (result.added, result.updated, result.kept) == (5, 0, 0)   # rows, catalogue, goal, entry, mapping
    assert goals.load()[0] == (goal,) and interventions.load()[0] == (entry,)
    bench = Workbench()
    assert bench.open_saved((saved.id,)).report.rows == 135
    again = archive.import_workspace(exported)
    assert (again.added, again.updated, again.kept) == (0, 0, 5)


def test_import_keeps_local_edits_and_takes_newer_ones(private_workspace, tmp_path, monkeypatch):
    goal, _, _ = fill_workspace()
    old_export = archive.export_workspace()
    newer = goals.save(replace(goal, target=55.0))            # revision 2 here
    result = archive.import_workspace(old_export)             # the export has revision 1
    assert result.updated == 0 and goals.load()[0][0].target == 55.0
    newer_export = archive.export_workspace()
    move_to(monkeypatch, tmp_path / "laptop")
    archive.import_workspace(old_export)
    assert archive.import_workspace(newer_export).updated == 1
    assert goals.load()[0] == (newer,)


@pytest.mark.parametrize(("data", "message"), [
    (b"not a zip at all", "not a zip file"),
    (zipped({}, manifest={"format": 99, "files": {}}), "newer version"),
    (zipped({"goals/a.json": b"{}"}, manifest={"format": 1, "files": {"goals/a.json": "0" * 64}}),
     "does not match its checksum"),
    (zipped({"../evil.json": b"{}"}), "should not"),
    (zipped({"goals/a.json": json.dumps({"format": 7, "id": "a", "revision": 1, "data": {}}).encode()}),
     "newer version"),
    (zipped({"goals/a.json": b"{torn"}), "damaged"),
])
def test_bad_exports_are_refused_and_change_nothing(private_workspace, data, message):
    goal, _, _ = fill_workspace()
    before = sorted(p.relative_to(private_workspace) for p in private_workspace.rglob("*"))
    with pytest.raises(WorkspaceError, match=message):
        archive.import_workspace(data)
    assert sorted(p.relative_to(private_workspace) for p in private_workspace.rglob("*")) == before
    assert goals.load()[0] == (goal,)


def test_a_zip_without_a_manifest_is_not_an_export(private_workspace):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("goals/a.json", "{}")
    with pytest.raises(WorkspaceError, match="no manifest"):
        archive.import_workspace(buffer.getvalue())
