"""The decoded size of a Parquet text chunk, bounded from its page headers before it is decoded."""

import io

import pyarrow as pa
import pyarrow.parquet as pq

from equity.data.parquet_pages import plain_bound

IDS = [f"S{i:05d}" for i in range(1000)]         # 6 characters each


def _chunk_bound(table: pa.Table, **options) -> int | None:
    out = io.BytesIO()
    pq.write_table(table, out, **options)
    data = out.getvalue()
    return plain_bound(data, pq.ParquetFile(pa.BufferReader(data)).metadata.row_group(0).column(0))


def test_a_plain_page_counts_its_encoded_values_and_an_offset_per_value():
    """A required column's plain page holds each value as a 4-byte length and its 6 bytes: 1,000 × 10 bytes,
    and 8 bytes per value for its offset once decoded."""
    table = pa.table({"id": IDS}, schema=pa.schema([pa.field("id", pa.string(), nullable=False)]))
    for compression in ("NONE", "SNAPPY", "ZSTD", "GZIP"):
        assert _chunk_bound(table, use_dictionary=False, data_page_version="1.0",
                            compression=compression) == 1000 * (4 + 6) + 8 * 1000


def test_a_bound_is_never_below_what_the_column_decodes_to():
    """Nullable, page version 2, and a dictionary that overflows into plain pages half way."""
    values = [None if i % 7 == 0 else f"Student {i}" for i in range(50_000)]
    decoded = pa.array(values).nbytes
    for options in ({"use_dictionary": False, "data_page_version": "2.0"},
                    {"dictionary_pagesize_limit": 20_000}):
        bound = _chunk_bound(pa.table({"id": values}), **options)
        assert bound is not None and decoded <= bound < 3 * decoded, (options, bound, decoded)


def test_indices_into_a_dictionary_count_its_longest_entry_for_each_row():
    """A bomb of 30,000 references to one 32,767-character entry, then distinct values that overflow the
    dictionary into plain pages: what the references decode to is counted, though the file is a few KB."""
    column = ["x" * 32_767] * 30_000 + [f"S{i}" for i in range(5000)]
    bound = _chunk_bound(pa.table({"c": column}), dictionary_pagesize_limit=40_000, compression="zstd")
    assert bound >= 30_000 * 32_767


def test_a_chunk_of_dictionary_indices_only_or_of_another_encoding_has_no_bound():
    """Few labels are read cheaply as a dictionary; prefix-shared values are not bounded by their pages."""
    assert _chunk_bound(pa.table({"label": ["A", "B"] * 500})) is None
    assert _chunk_bound(pa.table({"id": IDS}), use_dictionary=False,
                        column_encoding={"id": "DELTA_BYTE_ARRAY"}) is None


def test_damaged_headers_have_no_bound():
    out = io.BytesIO()
    pq.write_table(pa.table({"id": IDS}), out, use_dictionary=False)
    data = out.getvalue()
    chunk = pq.ParquetFile(pa.BufferReader(data)).metadata.row_group(0).column(0)
    start = chunk.data_page_offset
    broken = data[:start] + b"\xff" * 16 + data[start + 16:]
    assert plain_bound(data, chunk) is not None
    assert plain_bound(broken, chunk) is None
