"""A session's workbench and the local workspace: remembered mappings, atomic writes, safe failure."""

import json

import pytest

from equity.app.session import Workbench
from equity.data.dataset import DataError
from equity.data.ingest import IngestError
from equity.store import workspace
from tests.files import csv_bytes

ROWS = [["Student ID", "Status", "Score"], *[[f"{i:03d}", "Free" if i % 2 else "Paid", str(50 + i)]
                                             for i in range(30)]]


def test_a_confirmed_mapping_is_remembered_for_the_same_layout(private_workspace):
    first = Workbench()
    staged = first.upload(csv_bytes(ROWS), "term1.csv")
    assert staged is not None and first.staged is not None and not first.remembered
    edited = staged.proposal.with_role("Status", "ignore")            # the user changes one role
    first.confirm(edited)
    assert list((private_workspace / "mappings").glob("*.json"))
    second = Workbench()
    later = [ROWS[0], *[[f"{i:03d}", "Paid", str(70 + i)] for i in range(30)]]
    second.upload(csv_bytes(later), "term2.csv")
    assert second.remembered and second.staged is None                  # no clicks needed
    assert second.data.mapping == edited and second.data.name == "term2.csv"


def test_a_different_layout_is_not_matched():
    bench = Workbench()
    staged = bench.upload(csv_bytes(ROWS), "a.csv")
    bench.confirm(staged.proposal)
    other = Workbench()
    other.upload(csv_bytes([["Student ID", "Score", "Status"], ["1", "5", "Free"]]), "b.csv")
    assert not other.remembered and other.staged is not None


def test_errors_leave_the_loaded_data_alone():
    bench = Workbench()
    bench.load_sample()
    sample = bench.data
    with pytest.raises(IngestError):
        bench.upload(b"\x00\x01junk" * 100, "junk.xlsx")
    bench.upload(csv_bytes([["Student ID", "Race"], ["1", "White"]]), "roster.csv")
    with pytest.raises(DataError):
        bench.confirm(bench.staged.proposal)
    assert bench.data is sample
    assert bench.con.execute("SELECT count(*) FROM students").fetchone()[0] == sample.report.rows


def test_confirm_without_an_upload_says_what_to_do():
    with pytest.raises(DataError, match="Upload a file first"):
        Workbench().confirm(None)


def test_atomic_write_leaves_no_temporary_files(private_workspace):
    path = private_workspace / "x" / "file.json"
    workspace.write_atomic(path, json.dumps({"a": 1}))
    workspace.write_atomic(path, json.dumps({"a": 2}))
    assert json.loads(path.read_text()) == {"a": 2}
    assert [p.name for p in path.parent.iterdir()] == ["file.json"]


def test_a_failed_write_keeps_the_old_file(private_workspace, monkeypatch):
    path = private_workspace / "file.json"
    workspace.write_atomic(path, "old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(workspace.os, "replace", broken_replace)
    with pytest.raises(OSError):
        workspace.write_atomic(path, "new")
    assert path.read_text() == "old" and [p.name for p in private_workspace.iterdir()] == ["file.json"]


def test_a_corrupt_mapping_file_is_ignored(private_workspace):
    (private_workspace / "mappings").mkdir(parents=True)
    (private_workspace / "mappings" / "abc.json").write_text("{not json")
    assert workspace.load_mapping("abc") is None
