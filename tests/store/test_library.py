"""Saved datasets: one file per term saved, opened together as one `students`, still there after a restart."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from equity.app.session import Workbench
from equity.data.dataset import DataError
from equity.data.mapping import Mapping
from equity.model.rules import Rule
from equity.stats.trends import trend
from equity.store import library, workspace
from equity.store.records import WorkspaceError
from tests import multiterm
from tests.files import confirmed


def loaded() -> Workbench:
    """A workbench with the three-year file confirmed as proposed."""
    return confirmed(multiterm.one_file(), "district.csv")


def test_one_file_per_term_opens_as_one_table_with_every_term(private_workspace):
    # Each file has no year column: the term is typed in at upload, as the 'Your data' page asks.
    bench = Workbench()
    saved = []
    for term in multiterm.TERMS:
        staged = bench.upload(multiterm.term_file(term), f"ela-{term}.csv")
        bench.confirm(Mapping(staged.proposal.columns, term), remember=False)
        saved.append(bench.save(f"ELA {term}"))
    assert [s.terms for s in saved] == [(t,) for t in multiterm.TERMS]
    assert [s.rows for s in saved] == [50, 50, 35]
    data = bench.open_saved(tuple(s.id for s in saved))
    assert data.report.rows == 135 and data.name == "ELA 2022-23 + ELA 2023-24 + ELA 2024-25"
    assert data.upload is None and data.parts == tuple(s.id for s in saved)
    result = trend(bench.con, "proficient", Rule("boolean"), "english_learner")
    assert result.terms == multiterm.TERMS
    # The three files together give English learners by term (20, 20, 5): with the 5 hidden, the complement rule
    # across views hides 2022-23's 20 as well (tests/stats/test_trends.py), so the saved parts must add up to it.
    el = result.series("true")
    assert [p.value for p in el] == [None, pytest.approx(40.0), None]
    assert "another view of the same students" in el[0].note
    assert [round(p.value, 2) for p in result.overall()] == [48.0, 52.0, 68.57]


def test_saved_data_opens_again_after_a_restart(private_workspace):
    bench = loaded()
    entry = bench.save("District, three years")
    bench.open_saved((entry.id,))
    library.remember_startup((entry.id,))
    restarted = Workbench()
    assert restarted.start() is None
    assert restarted.data.name == "District, three years" and restarted.data.report.rows == 135
    assert not restarted.data.sample


def test_start_falls_back_to_the_sample_with_a_note_when_saved_data_is_gone(private_workspace):
    bench = loaded()
    entry = bench.save("District")
    library.remember_startup((entry.id,))
    entry.path.unlink()                                       # the rows file was removed behind our back
    restarted = Workbench()
    note = restarted.start()
    assert restarted.data.sample and "could not be opened" in note
    saved, problems = library.catalogue()
    assert saved == (entry,) and "missing" in problems[0].message


def test_a_missing_file_changes_nothing_in_the_session(private_workspace):
    bench = Workbench()
    bench.load_sample()
    before = bench.data
    gone = library.SavedDataset("Gone", "x.csv", ("2022-23",), 3, (), "", "20240101000000-deadbeef")
    with pytest.raises(WorkspaceError, match="missing"):
        library.open_saved(bench.con, (gone,), bench.data)
    assert bench.data is before and bench.con.execute("SELECT count(*) FROM students").fetchone()[0] == 15104


def test_rename_delete_and_overlap(private_workspace):
    bench = loaded()
    first = bench.save("First")
    second = bench.save("Second")
    assert library.overlaps((first, second))[0].startswith("2022-23 is in First and Second")
    renamed = library.rename(first, "  Renamed  ")
    assert renamed.name == "Renamed" and renamed.revision == 2
    library.delete(second)
    assert not second.path.exists()
    assert [s.name for s in library.catalogue()[0]] == ["Renamed"]
    with pytest.raises(WorkspaceError):
        library.rename(renamed, " ")


def test_the_same_column_of_different_kinds_cannot_be_opened_together(private_workspace):
    bench = loaded()
    numbers = bench.save("Numbers")
    as_category = library.SavedDataset("Words", "w.csv", ("2025-26",), 1,
                                       tuple(c if c.name != "proficient" else type(c)(c.header, c.role, "category",
                                                                                      c.name)
                                             for c in numbers.outcomes), "", "x")
    with pytest.raises(DataError, match="cannot be opened together"):
        library.open_saved(bench.con, (numbers, as_category))


def test_a_failed_catalogue_write_leaves_no_rows_behind(private_workspace, monkeypatch):
    bench = loaded()

    def fail(*_args, **_kwargs):
        raise OSError("disk full")
    monkeypatch.setattr(library.STORE, "add", fail)
    with pytest.raises(OSError):
        bench.save("Half")
    assert not list(library.STORE.folder.glob("*.parquet"))


KILLED_SAVE = """
import os, signal, sys
import pyarrow.parquet as pq
from equity.app.session import Workbench
from tests import multiterm

write_table = pq.write_table

def write_then_die(table, where, *args, **kwargs):
    write_table(table, where, *args, **kwargs)     # every student row is on disk, under its temporary name
    os.kill(os.getpid(), signal.SIGKILL)           # the server is killed before the rename

pq.write_table = write_then_die
bench = Workbench()
bench.upload(multiterm.one_file(), "district.csv")
if bench.staged is not None:      # else its layout was confirmed before, and it is loaded already
    bench.confirm(bench.staged.proposal, remember=False)
bench.save("Killed")
"""


def _killed_save(workspace) -> list:
    """Run a save in a process that is killed once the rows are written: what a crash leaves on disk."""
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", KILLED_SAVE], cwd=root, capture_output=True, timeout=120,
                          env={**os.environ, "EQUITY_WORKSPACE": str(workspace)})
    assert done.returncode == -9, done.stderr.decode()[-2000:]
    return sorted((workspace / "datasets").iterdir())


def test_a_save_killed_midway_leaves_no_student_rows_after_the_next_start(private_workspace):
    left = _killed_save(private_workspace)
    assert len(left) == 1 and re.fullmatch(r"\.[\d-]+-\w+\.parquet\.\d+\.\w+\.tmp", left[0].name)
    assert pq.read_table(left[0]).num_rows == multiterm.one_file().count(b"\n") - 1   # every student, unlisted
    assert library.catalogue() == ((), ())
    Workbench().start()
    assert not list((private_workspace / "datasets").iterdir())


def test_deleting_a_dataset_removes_what_a_killed_save_left(private_workspace):
    kept = loaded().save("Kept")
    left = [p for p in _killed_save(private_workspace) if p.name.endswith(".tmp")]
    assert len(left) == 1
    library.delete(kept)
    assert not left[0].exists() and not kept.path.exists()


def test_a_rows_file_whose_entry_was_never_written_goes_once_settled(private_workspace):
    kept = loaded().save("Kept")
    orphan = kept.path.with_name("20240101000000000000-abcdef12.parquet")
    orphan.write_bytes(kept.path.read_bytes())      # renamed into place, then killed before the entry
    assert library.clean_leftovers() == 0           # it may be a save finishing right now
    os.utime(orphan, (1, 1))
    assert library.clean_leftovers() == 1
    assert not orphan.exists() and kept.path.exists()


def test_a_write_under_way_in_a_running_process_is_left_alone(private_workspace):
    target = private_workspace / "goals" / "g.json"
    with workspace.replacing(target) as tmp:
        tmp.write_text("{}")
        assert workspace.clean_stale() == 0 and tmp.exists()
    assert target.exists()
