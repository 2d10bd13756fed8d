"""The benchmark's district in Parquet: written a part at a time, every student numbered once, and a table of
one part the same rows as made at once."""

import pyarrow.parquet as pq

from benchmarks import data


def test_parquet_is_written_a_part_at_a_time_with_each_student_once(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "PART", 10)
    data._parquet(25, tmp_path / "three.parquet")
    written = pq.read_table(tmp_path / "three.parquet")
    ids = written.column("Student ID").to_pylist()
    assert written.num_rows == 25 and ids == [f"{i:07d}" for i in range(25)]    # 10 + 10 + 5, numbered on
    assert written.schema == data.district(3).schema
    data._parquet(10, tmp_path / "one.parquet")
    assert pq.read_table(tmp_path / "one.parquet").equals(data.district(10))
