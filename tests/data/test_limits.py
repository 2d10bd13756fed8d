"""Cells longer than Excel's limit are cut to it, counted in characters (not bytes), in every chunk."""

import pyarrow as pa

from equity.data.limits import LIMITS, cut_long_cells

LIMIT = LIMITS.cell_chars


def test_cells_at_the_limit_are_kept_and_one_character_more_is_cut():
    column = pa.chunked_array([["a" * LIMIT, "b"], ["c" * (LIMIT + 1), None, ""]])
    cut, count = cut_long_cells(column)
    assert count == 1
    assert [len(cell) if cell is not None else None for cell in cut.to_pylist()] == [LIMIT, 1, LIMIT, None, 0]
    assert cut.to_pylist()[2] == "c" * LIMIT


def test_characters_not_bytes_are_counted():
    """'é' takes two bytes and '中' three: cells of LIMIT such characters are over the limit in bytes, not in
    characters, and are kept whole; one more character cuts them."""
    kept = pa.chunked_array([["é" * LIMIT], ["中" * LIMIT, "x"]])
    assert cut_long_cells(kept) == (kept, 0)
    cut, count = cut_long_cells(pa.chunked_array([["中" * (LIMIT + 1)], ["é" * (LIMIT + 2)], ["ok"]]))
    assert count == 2
    assert cut.to_pylist() == ["中" * LIMIT, "é" * LIMIT, "ok"]


def test_a_column_of_short_cells_or_none_is_returned_as_it_is():
    column = pa.chunked_array([["x" * 100] * 3, [None]], pa.string())
    assert cut_long_cells(column) == (column, 0)
    empty = pa.chunked_array([], pa.string())
    assert cut_long_cells(empty) == (empty, 0)
    nulls = pa.chunked_array([pa.nulls(4, pa.string())])
    assert cut_long_cells(nulls) == (nulls, 0)
