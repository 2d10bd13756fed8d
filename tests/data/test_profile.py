"""Profiling an upload whose text columns are dictionary-encoded counts them on their codes and reports exactly
what counting their text reports (the independent method: the same table profiled without its codes)."""

import random

import pyarrow as pa
import pytest

from equity.data import dataset, profile
from equity.data.ingest import read_upload
from tests.files import parquet_bytes

ROWS, CHUNK = 3000, 400


def _columns() -> dict[str, list]:
    rng = random.Random(11)

    def draw(values: list) -> list:
        return [rng.choice(values) for _ in range(ROWS)]

    return {
        "Student ID": [f"S{i:05d}" for i in range(ROWS)],
        "Grade": draw(["03", "4", "KG", "12", None]),
        "Level": draw(["Met", "Not Met", "EX", "INC", "85", None]),
        "Score": draw(["71.5%", " 88 ", "90", "EX", None]),
        "Flag": draw(["Y", "N"]),
        "Many": [f"v{rng.randrange(2000)}" for _ in range(ROWS)],
        "Points": [rng.uniform(0, 100) for _ in range(ROWS)],
        "Blank": [None] * ROWS,
    }


def _profiled(table: pa.Table, arrow: bool) -> tuple[profile.ColumnProfile, ...]:
    con = dataset.connect()
    con.register("t", table)
    return profile.profile_table(con, "t", table if arrow else None)


@pytest.fixture
def counted_on_codes(monkeypatch) -> list:
    seen: list = []
    count = profile.values_of

    def spied(table, codes, limit):
        seen.append(codes.column)
        return count(table, codes, limit)

    monkeypatch.setattr(profile, "values_of", spied)
    return seen


def test_a_parquet_upload_profiled_on_its_codes_reads_as_its_text(counted_on_codes):
    table = read_upload(parquet_bytes(_columns(), row_group_size=CHUNK), "s.parquet", typed=True).table
    assert pa.types.is_dictionary(table["Grade"].type) and table["Grade"].num_chunks > 1
    assert _profiled(table, arrow=True) == _profiled(table, arrow=False)
    assert {c.split(" code")[0] for c in counted_on_codes} >= {"Grade", "Level", "Score", "Flag"}


def test_dictionaries_holding_blanks_and_spaces_read_as_their_text(counted_on_codes):
    chunks = [pa.DictionaryArray.from_arrays(pa.array(codes, pa.int8()), pa.array(values)) for codes, values in [
        ([0, 1, 2, None], ["", " 7 ", "EX"]), ([1, 1], ["unused", "7"])]]
    table = pa.table({"x": pa.chunked_array(chunks), "y": ["a", "b", "c", "d", "e", "f"]})
    with_codes = _profiled(table, arrow=True)
    assert with_codes == _profiled(table, arrow=False)
    # '' is not missing to DuckDB's count; of the five sampled values three read as numbers and one is excused
    assert with_codes[0] == profile.ColumnProfile("x", 5, 4, 0.75, (("7", 2), ("", 1), (" 7 ", 1), ("EX", 1),
                                                                    (None, 1)))
    assert counted_on_codes


def test_a_profile_holds_every_value_only_of_a_column_counted_whole():
    few = profile.ColumnProfile("x", 8, 2, 0.0, (("a", 5), ("b", 3), (None, 2)))
    assert few.every == few.values
    cut = tuple((f"v{i}", 1) for i in range(profile.TOP_VALUES))       # the first TOP_VALUES of more
    assert profile.ColumnProfile("x", 300, 300, 0.0, cut).every is None
    sampled = profile.ColumnProfile("x", 50_000, profile.MANY + 1, 0.0, (("a", 1), ("b", 1)))   # ids: a sample
    assert sampled.every is None


def test_the_values_a_profile_holds_are_the_values_counted_again():
    con = dataset.connect()
    table = read_upload(parquet_bytes(_columns(), row_group_size=CHUNK), "s.parquet", typed=True).table
    con.register("t", table)
    found = {p.header: p.every for p in profile.profile_table(con, "t", table)}
    assert {h for h, every in found.items() if every is not None} == {"Grade", "Level", "Score", "Flag", "Blank"}
    for header, every in found.items():
        if every is not None:
            assert every == profile.column_values(con, "t", header, profile.MANY * 2)


def test_a_large_arrow_upload_is_sampled_at_seeded_places_and_judged_by_them():
    """120,000 rows, a fifth of the scores written as text ('absent'): the kind is judged on 50,000 different rows
    drawn at seeded places (the same each time), whose share of numbers is within a point of 80%, and the drawn
    rows leave nothing registered behind."""
    rows = 120_000
    scores = ["absent" if i % 5 == 0 else str(50 + i % 50) for i in range(rows)]
    table = pa.table({"Score": scores, "Row": [str(i) for i in range(rows)]})
    con = dataset.connect()
    con.register("upload", table)
    drawn = []
    for _ in range(2):
        with profile.sampled(con, "upload", table) as sample:
            drawn.append(con.execute(f"SELECT list(Row ORDER BY Row) FROM {sample}").fetchall()[0][0])
    assert drawn[0] == drawn[1] and len(set(drawn[0])) == len(drawn[0]) == profile.SAMPLE_ROWS
    assert profile.profile_table(con, "upload", table)[0].numeric_share == pytest.approx(0.8, abs=0.01)
    assert {name for (name,) in con.execute("SELECT table_name FROM duckdb_tables() UNION ALL "
                                            "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
            } == {"upload"}
