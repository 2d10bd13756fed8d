"""Hostile and broken files: each is refused with a message a person can act on, or read into a table whose
size stays bounded, quickly, and nothing else ever escapes from the reader."""

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from equity.app.session import Workbench
from equity.data import isolation
from equity.data.ingest import IngestError, Upload, read_upload
from equity.data.limits import LIMITS
from equity.data.normalize import GENDER_LABELS, GRADES, NOT_REPORTED, RACE_LABELS
from equity.report.safe_cells import safe_cell
from tests import files
from tests.hostile.generate import CASES, INJECTED, Case, generate

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hostile")


def _built(corpus: Path, case: Case) -> Path:
    path = corpus / case.name
    if not path.exists():
        generate(corpus, [case.name])
    return path


def _read(path: Path, typed: bool = False) -> tuple[Upload | None, str]:
    try:
        return read_upload(path.read_bytes(), path.name, typed=typed), ""
    except IngestError as error:
        return None, str(error)


def _bounded(upload: Upload, typed: bool = False) -> None:
    table = upload.table
    assert typed or all(field.type == pa.string() for field in table.schema)
    assert table.num_columns <= LIMITS.columns
    assert table.num_rows * table.num_columns <= LIMITS.cells
    for column in table.columns:
        column = column.cast(pa.string())
        assert (pc.max(pc.utf8_length(column)).as_py() or 0) <= LIMITS.cell_chars
        assert not pc.any(pc.match_substring(column, "\x00")).as_py()
    assert all(len(name) <= LIMITS.label_chars and "\x00" not in name for name in table.column_names)


@pytest.mark.parametrize(("case", "typed"), [
    pytest.param(c, typed, id=c.name + " typed" * typed, marks=[pytest.mark.slow] if c.slow else [])
    for c in CASES for typed in (False, True) if not typed or c.name.endswith(".parquet")])
def test_every_hostile_file_is_refused_or_read_within_bounds(corpus, case, typed):
    """As text (the command line), and a Parquet file also as the app's session reads it: typed."""
    upload, message = _read(_built(corpus, case), typed)     # a file that would hang is stopped by its time limit
    if case.expect == "refused":
        assert upload is None, f"{case.name} was read: {upload.table.shape}"
        assert case.name in message and case.keyword in message.lower(), message
        assert "Traceback" not in message and "Error:" not in message
    else:
        assert upload is not None, message
        _bounded(upload, typed)
        assert case.rows is None or upload.table.num_rows == case.rows


def _table(corpus: Path, name: str) -> Upload:
    upload, message = _read(_built(corpus, next(c for c in CASES if c.name == name)))
    assert upload is not None, message
    return upload


def test_formulas_give_their_saved_values_and_links_are_not_followed(corpus):
    rows = _table(corpus, "formulas.xlsx").table.to_pylist()
    assert [r["Score"] for r in rows] == ["3", "6"] and [r["Linked"] for r in rows] == ["99", "1"]
    formula_text = rows[1]["Formula text"]
    assert formula_text.startswith("=") and safe_cell(formula_text).startswith("'=")   # exports make it inert


def test_mixed_encodings_keep_both_kinds_of_accent(corpus):
    upload = _table(corpus, "mixed_encodings.csv")
    assert {"José", "Zoë", "Renée"} <= set(upload.table.column("Name").to_pylist())
    assert any("mixes" in note for note in upload.notes)


def test_nul_characters_are_removed_with_a_note(corpus):
    upload = _table(corpus, "nul_bytes.csv")
    assert "NulStudent" in upload.table.column("Name").to_pylist()
    assert any("NUL" in note for note in upload.notes)


def test_a_ten_megabyte_cell_is_cut_to_excels_limit(corpus):
    upload = _table(corpus, "long_cell.xlsx")
    assert len(upload.table.column("Comment")[0].as_py()) == LIMITS.cell_chars
    assert any("cut to that length" in note for note in upload.notes)


@pytest.mark.parametrize("name", ["injected_headers.csv", "injected.xlsx"])
def test_injected_labels_are_kept_as_plain_text(corpus, name):
    """The reader keeps them verbatim; pages escape them (tests/app) and exports neutralise formulas."""
    assert set(INJECTED) <= set(_table(corpus, name).table.column_names)


def test_a_very_long_header_is_cut():
    data = files.csv_bytes([["Name", "H" * 100_000], ["Ann", "1"]])
    upload = read_upload(data, "long_header.csv")
    assert max(map(len, upload.table.column_names)) == LIMITS.label_chars


PEAK_SCRIPT = """
import json, sys
from pathlib import Path
from equity.data.ingest import IngestError, read_upload
from benchmarks.memory import peak_mb
def main():
    for name in json.loads(sys.argv[2]):
        path = Path(sys.argv[1]) / name
        try:
            read_upload(path.read_bytes(), name, typed=True)   # as the app's session reads
        except IngestError:
            pass
    print(peak_mb())
if __name__ == '__main__':
    main()
"""
SERVER_MB = 1024                                 # what the README promises of the server process
CHILD_MB = LIMITS.workbook_memory >> 20          # and of the process that parses a file


def _peak_mb(corpus: Path, names: list[str], isolate: bool = True) -> int:
    """Peak memory of a fresh process that reads these files as uploads: with `isolate`, the server, whose
    reads happen in children; without, the process that parses (as the child does, without its cap)."""
    env = {**os.environ, "EQUITY_ISOLATE": "1" if isolate else "0"}
    done = subprocess.run([sys.executable, "-c", PEAK_SCRIPT, str(corpus), json.dumps(names)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    return int(done.stdout.split()[-1])


def test_reading_the_corpus_keeps_this_process_small(corpus):
    """Peak memory of a fresh process that reads every fast case (files are parsed in children, which have
    their own address-space limit): the bombs must not be inflated here."""
    names = [_built(corpus, c).name for c in CASES if not c.slow]
    peak_mb = _peak_mb(corpus, names)
    assert peak_mb < SERVER_MB, f"peak {peak_mb} MB"


@pytest.mark.parametrize("name", [pytest.param(name, marks=[pytest.mark.slow] if slow else []) for name, slow in (
    ("dictionary_bomb.parquet", False), ("many_dictionaries.parquet", False), ("fallback_bomb.parquet", False),
    ("shared_strings.xlsx", False),
    ("wide_long.csv", True))])
def test_memory_bombs_stay_small_in_the_server_and_in_the_parsing_process(corpus, name):
    """Text stored once and referred to from every row is measured before it is decoded, so even the process
    that parses stays small; a wide, long CSV is parsed in a child and only its table comes back."""
    _built(corpus, next(c for c in CASES if c.name == name))
    server_mb, parser_mb = _peak_mb(corpus, [name]), _peak_mb(corpus, [name], isolate=False)
    assert server_mb < SERVER_MB / 2, f"server peak {server_mb} MB"
    assert parser_mb < (CHILD_MB if name.endswith(".csv") else SERVER_MB), f"parsing peak {parser_mb} MB"


# --- The child process the workbook reader runs in ------------------------------------------------------


def _answer(value):
    return value * 2


def _fail(filename):
    raise IngestError("ingest.empty", filename=filename)


def _sleep(seconds):
    time.sleep(seconds)


def _allocate(size):
    return len(bytearray(size))


def _abort():
    import os
    os.abort()


def _described(data):
    return type(data), len(data), hashlib.sha256(data).hexdigest()


def _pattern(size):
    return bytes(range(256)) * (size // 256)


def test_a_child_returns_its_result_or_raises_its_error():
    assert isolation.run(_answer, 21, seconds=30, memory=1 << 30) == 42
    with pytest.raises(IngestError, match="nope") as failed:
        isolation.run(_fail, "nope", seconds=30, memory=1 << 30)
    assert (failed.value.key, failed.value.params) == ("ingest.empty", {"filename": "nope"})   # kept for the page


def test_large_arguments_and_answers_cross_whole():
    """An upload many times the socket's buffer reaches the reader as the bytes sent (the readers take bytes),
    and a large answer comes back whole."""
    upload = bytes(range(251)) * 100_003
    assert isolation.run(_described, upload, seconds=60, memory=1 << 30) == (
        bytes, len(upload), hashlib.sha256(upload).hexdigest())
    assert isolation.run(_pattern, 40 << 20, seconds=60, memory=1 << 30) == bytes(range(256)) * (40 << 12)


def test_a_child_is_stopped_by_its_time_limit():
    started = time.perf_counter()
    with pytest.raises(isolation.Stopped) as stopped:
        isolation.run(_sleep, 30, seconds=1, memory=1 << 30)
    assert stopped.value.reason == "time" and time.perf_counter() - started < 30    # before the child's sleep ended


def test_a_child_cannot_take_more_memory_than_allowed():
    with pytest.raises(MemoryError):
        isolation.run(_allocate, 8 << 30, seconds=30, memory=256 << 20)


def test_a_child_that_dies_is_reported():
    with pytest.raises(isolation.Stopped) as stopped:
        isolation.run(_abort, seconds=30, memory=1 << 30)
    assert stopped.value.reason == "died"


# --- Fuzzing --------------------------------------------------------------------------------------------

cell_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30) | st.sampled_from(
    ['"', '""', ",", ";", "\t", "\n", "\r\n", "\x00", "=1+1", "NA", "'; DROP TABLE students; --", '" OR 1=1 --',
     "{x}", "$x", "<script>", "**", "é", "\ufeff", "\u202e", " "])


@st.composite
def delimited(draw) -> bytes:
    """Text that looks more or less like a CSV, in one of the encodings gradebooks write."""
    width = draw(st.integers(1, 6))
    rows = draw(st.lists(st.lists(cell_text, min_size=1, max_size=width + 1), min_size=1, max_size=12))
    delimiter, line_end = draw(st.sampled_from([",", ";", "\t"])), draw(st.sampled_from(["\n", "\r\n"]))
    if draw(st.booleans()):   # quoted as a spreadsheet writes it, else the raw text, quotes and all
        out = io.StringIO(newline="")
        csv.writer(out, delimiter=delimiter, lineterminator=line_end, quoting=csv.QUOTE_ALL).writerows(rows)
        text = out.getvalue()
    else:
        text = "".join(delimiter.join(row) + line_end for row in rows)
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(text)))
        text = text[:cut]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    return text.encode(encoding, errors="replace")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(delimited())
def test_the_csv_reader_gives_a_table_or_an_ingest_error(data):
    try:
        upload = read_upload(data, "fuzz.csv")
    except IngestError as error:
        assert str(error)
    else:
        _bounded(upload)


# Built once: a workbook stamps the time it was saved, and the draws below must not depend on its length.
SMALL_WORKBOOK = files.xlsx_bytes({"Grades": [["Name", "Score"], ["Ann", 3], ["Bob", 4]]})


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_a_workbook_with_damaged_bytes_gives_a_table_or_an_ingest_error(data):
    workbook = bytearray(SMALL_WORKBOOK)
    for _ in range(data.draw(st.integers(1, 8))):
        workbook[data.draw(st.integers(0, len(workbook) - 1))] = data.draw(st.integers(0, 255))
    try:
        upload = read_upload(bytes(workbook), "fuzz.xlsx")
    except IngestError as error:
        assert str(error)
    else:
        _bounded(upload)


DOMAINS = {"race_ethnicity": {*RACE_LABELS, NOT_REPORTED}, "gender": {*GENDER_LABELS, NOT_REPORTED},
           "grade": {*GRADES, None}}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(cell_text, cell_text, cell_text, cell_text), min_size=12, max_size=30))
def test_hostile_values_are_normalised_into_the_canonical_model(rows):
    """Values travel to DuckDB as bound parameters, so quotes, braces and SQL in them are only ever data."""
    header = ["Student ID", "Race", "Gender", "Grade", "Score"]
    body = [[f"{i:04d}", race, gender, grade, str(i % 100)] for i, (race, gender, grade, _) in enumerate(rows)]
    bench = Workbench()
    try:
        staged = bench.upload(files.csv_bytes([header, *body]), "fuzz.csv")
    except IngestError:
        return
    mapping = staged.proposal
    for column, role in (("Race", "race_ethnicity"), ("Gender", "gender"), ("Grade", "grade")):
        if column in staged.upload.table.column_names:
            mapping = mapping.with_role(column, role)
    bench.confirm(mapping.with_role("Score", "outcome", "numeric"), remember=False)
    students = bench.con.table("students").to_arrow_table()
    for column, allowed in DOMAINS.items():
        values = set(pc.cast(students.column(column), pa.string()).to_pylist())
        assert values <= allowed, (column, values - allowed)
    bench.con.close()


def test_a_csv_whose_reading_is_stopped_leaves_no_copy_of_its_rows(corpus, tmp_path, monkeypatch):
    """The CSV's text passes through a file in the child; the folder belongs to this process, which removes it
    even when the child is killed at the time limit."""
    import tempfile
    from dataclasses import replace

    from equity.data import ingest

    path = _built(corpus, next(c for c in CASES if c.name == "million_rows.csv"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    # a twentieth of a second: reading its million rows takes about 0.3 s on a quiet machine, so a limit of 0.3 s
    # was sometimes met
    monkeypatch.setattr(ingest, "LIMITS", replace(LIMITS, workbook_seconds=0.05))
    with pytest.raises(IngestError, match="too long|seconds"):
        read_upload(path.read_bytes(), path.name)
    assert not [p for p in tmp_path.rglob("*") if "equity-upload" in p.name or p.suffix == ".csv"]
