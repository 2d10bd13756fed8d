"""Staging an upload (equity.dataset): a Parquet file read with its types is profiled, mapped and built into
`students` exactly as its text would be, which is the independent method each typed result is checked against."""

import datetime as dt

import pyarrow as pa
import pytest

from equity.data import dataset
from equity.data.ingest import read_upload
from tests import files

ROWS = 60


def _export() -> pa.Table:
    """A state system's export: numbers, flags, dates and dictionary-encoded labels, blanks and NaN among them."""
    races = ["Hispanic/Latino", "White", "Black or African American", "Asian", None]
    return pa.table({
        "Student ID": pa.array([100_001 + i for i in range(ROWS)], pa.int64()),
        "School Year": pa.array(["2023-24", "2024-25"] * (ROWS // 2)).dictionary_encode(),
        "Grade": pa.array([3 + i % 6 for i in range(ROWS)], pa.int32()),
        "Race/Ethnicity": pa.array([races[i % 5] for i in range(ROWS)]).dictionary_encode(),
        "FRL": pa.array([i % 3 == 0 for i in range(ROWS)]),
        "ELL": pa.array(["Y" if i % 4 == 0 else "N" if i % 4 != 1 else "  " for i in range(ROWS)]),
        "Final %": pa.array([float("nan") if i % 7 == 0 else 50.0 + i * 0.5 for i in range(ROWS)]),
        "Days enrolled": pa.array([170 + i % 10 for i in range(ROWS)], pa.int16()),
        "Days absent": pa.array([float(i % 25) for i in range(ROWS)], pa.float32()),
        "Enrolled on": pa.array([dt.date(2024, 8, 20 + i % 5) for i in range(ROWS)]),
    })


@pytest.fixture(scope="module")
def both():
    """The same file staged and built twice: read as text, and read typed as the app's session reads it."""
    data = files.parquet_bytes(_export())
    out = {}
    for typed in (False, True):
        con = dataset.connect()
        staged = dataset.stage(con, read_upload(data, "state.parquet", typed=typed))
        out[typed] = (con, staged, dataset.activate(con, staged, staged.proposal))
    return out


def test_typed_columns_stay_typed(both):
    types = dict(zip(both[True][1].upload.table.column_names, both[True][1].upload.table.schema.types,
                     strict=True))
    assert types["Student ID"] == pa.int64() and types["Final %"] == pa.float64() and types["FRL"] == pa.bool_()
    assert pa.types.is_dictionary(types["Race/Ethnicity"]) and types["Enrolled on"] == pa.date32()


def test_typed_columns_are_profiled_as_their_text(both):
    assert both[True][1].profiles == both[False][1].profiles
    assert both[True][1].proposal == both[False][1].proposal


def test_students_built_from_typed_columns_equal_those_built_from_text(both):
    text_con, typed_con = both[False][0], both[True][0]
    ordered = "SELECT * FROM students ORDER BY student_id"
    assert typed_con.execute(ordered).fetchall() == text_con.execute(ordered).fetchall()
    # By hand: ids written without '.0', NaN scores missing (every 7th of 60: 9), FRL's flags read as income.
    ids, missing, low_income = typed_con.execute(
        "SELECT min(student_id), count(*) FILTER (WHERE final_pct IS NULL), count(*) FILTER (WHERE low_income) "
        "FROM students").fetchone()
    assert (ids, missing, low_income) == ("100001", 9, 20)


def test_the_loaded_upload_stays_readable_as_raw(both):
    con = both[True][0]
    assert con.execute("SELECT count(*) FROM raw").fetchall() == [(ROWS,)]
    assert not con.execute("SELECT * FROM duckdb_views() WHERE view_name = 'raw_pending'").fetchall()
