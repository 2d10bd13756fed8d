"""The dictionary codes of an upload's label columns, which the `students` build reads instead of their text.

A Parquet file's labels (race, grade, school, yes/no columns) arrive dictionary-encoded: a few distinct values,
and per row a small integer saying which. DuckDB reads such a column as text, writing every row's string; the
build works a column's value map out once per distinct value instead, and each row looks its value up by its
code (queries/columns/by_code.sql). The codes travel as extra columns of a table only the build reads: the
upload's own table, which the user's views show, keeps its columns as they are.
"""

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


@dataclass(frozen=True)
class Codes:
    """A dictionary-encoded column as the build reads it: the name of its column of codes (NULL for a missing
    value), and the raw value each code stands for."""

    column: str
    dictionary: tuple[str, ...]


def with_codes(table: pa.Table, headers: Iterable[str]) -> tuple[pa.Table, dict[str, Codes]]:
    """`table` with a column of codes beside each of `headers` that is dictionary-encoded text, its chunks
    sharing one dictionary; the codes by header. Without copying the rows, where the chunks already share
    their dictionary."""
    names = {name.casefold() for name in table.column_names}      # as DuckDB compares column names
    codes: dict[str, Codes] = {}
    for header in headers:
        column = table[header] if header in table.column_names else None
        if column is None or not _dictionary_text(column.type) or column.num_chunks == 0:
            continue
        column = _unified(column)
        name = _unused(f"{header} code", names)
        names.add(name.casefold())
        table = table.append_column(name, pa.chunked_array([chunk.indices for chunk in column.chunks],
                                                           column.type.index_type))
        codes[header] = Codes(name, tuple(column.chunks[0].dictionary.to_pylist()))
    return table, codes


def values_of(table: pa.Table, codes: Codes, limit: int) -> tuple[tuple[str | None, int], ...]:
    """The `limit` most frequent raw values of a column with codes, with their counts, as
    equity.data.profile.column_values gives them (most rows first, then by value, missing last): counted on the
    codes (a byte or two a row) instead of grouping each row's text."""
    size = max(len(codes.dictionary), 1)
    counts, missing = np.zeros(size, np.int64), 0
    for chunk in table[codes.column].chunks:
        counts += np.bincount(chunk.fill_null(0).to_numpy(), minlength=size)
        counts[0] -= chunk.null_count
        missing += chunk.null_count
    rows: dict[str | None, int] = {None: missing} if missing else {}
    for value, n in zip(codes.dictionary, counts.tolist(), strict=False):
        if n:
            rows[value] = rows.get(value, 0) + n
    return tuple(sorted(rows.items(), key=lambda row: (-row[1], row[0] is None, row[0] or "")))[:limit]


def _dictionary_text(kind: pa.DataType) -> bool:
    return pa.types.is_dictionary(kind) and pa.types.is_string(kind.value_type)


def _unified(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """The column with one dictionary for all its chunks; indices widened where the union needs it."""
    try:
        return column.unify_dictionaries()
    except pa.ArrowInvalid:     # the chunks' dictionaries together hold more values than their index type counts
        wide = pa.dictionary(pa.int32(), column.type.value_type)
        return pa.chunked_array([pa.DictionaryArray.from_arrays(pc.cast(chunk.indices, pa.int32()), chunk.dictionary)
                                 for chunk in column.chunks], wide).unify_dictionaries()


def _unused(name: str, taken: set[str]) -> str:
    """`name`, or it with underscores after it, whichever no name in `taken` (casefolded) is."""
    while name.casefold() in taken:
        name += "_"
    return name
