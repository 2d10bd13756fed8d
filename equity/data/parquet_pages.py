"""The most a Parquet text column chunk can take once decoded, from its page headers, before it is decoded.

Reading text with Arrow's `read_dictionary` keeps a bomb (one long string referred to from every row) small, but
a column of many distinct values (student IDs) falls back to plain pages, and Arrow then builds a dictionary by
hashing every value, which costs more than reading the column. Such a chunk can be read as plain text once its
decoded size is known to be bounded: a plain page decodes to at most its uncompressed size, and a page of
dictionary indices to at most its values times the longest dictionary entry. The footer's chunk sizes count
the encoded form, so the page headers (Thrift compact protocol) are read, and the dictionary page inflated to
find its longest entry.
"""

import struct

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

PLAIN, PLAIN_DICTIONARY, RLE_DICTIONARY = 0, 2, 8
DATA_PAGE, DICTIONARY_PAGE, DATA_PAGE_V2 = 0, 2, 3
DICTIONARY_LIMIT = 64 << 20      # a dictionary page larger than this is not inflated to be measured
OFFSET_BYTES = 8                 # per value: its offset in the decoded array (and room for its validity bit)
CODECS = {"SNAPPY": "snappy", "GZIP": "gzip", "BROTLI": "brotli", "ZSTD": "zstd", "LZ4_RAW": "lz4_raw"}


class Unbounded(Exception):
    """The chunk's pages do not say how large it decodes (an encoding other than plain or dictionary, a
    dictionary too large to measure, headers that cannot be read): read it the safe way, with a dictionary."""


def plain_bound(data: bytes, chunk: pq.ColumnChunkMetaData) -> int | None:
    """The decoded size of a text chunk holding plain pages, at most; None when it holds none (dictionary
    indices only, which Arrow reads cheaply as a dictionary) or when its pages do not bound it."""
    try:
        plain, indexed, dictionary = 0, 0, None
        for kind, size, values, encoding, body in _pages(data, chunk):
            if kind == DICTIONARY_PAGE:
                dictionary = (body, size, values)
            elif kind in (DATA_PAGE, DATA_PAGE_V2) and encoding == PLAIN:
                plain += size
            elif kind in (DATA_PAGE, DATA_PAGE_V2) and encoding in (PLAIN_DICTIONARY, RLE_DICTIONARY):
                indexed += values
            elif kind in (DATA_PAGE, DATA_PAGE_V2):
                raise Unbounded
        if not plain:
            return None
        longest = _longest_entry(*dictionary, chunk.compression) if indexed else 0
    except (Unbounded, TypeError, IndexError, ValueError, struct.error, pa.ArrowException):
        return None
    return plain + indexed * longest + OFFSET_BYTES * chunk.num_values


def _pages(data: bytes, chunk: pq.ColumnChunkMetaData):
    """(page type, uncompressed size, values, encoding, compressed body) of each page of the chunk."""
    start = chunk.dictionary_page_offset if chunk.has_dictionary_page else chunk.data_page_offset
    end = start + chunk.total_compressed_size
    if start < 0 or end > len(data):
        raise Unbounded
    at = start
    while at < end:
        header, at = _struct(data, at)
        kind, size, compressed = header.get(1), header.get(2, 0), header.get(3, 0)
        detail = header.get({DATA_PAGE: 5, DICTIONARY_PAGE: 7, DATA_PAGE_V2: 8}.get(kind, 0), {})
        encoding = detail.get(4 if kind == DATA_PAGE_V2 else 2)
        if size < 0 or compressed < 0:
            raise Unbounded
        yield kind, size, detail.get(1, 0), encoding, data[at:at + compressed]
        at += compressed


def _longest_entry(body: bytes, size: int, count: int, compression: str) -> int:
    """The longest of the `count` values of a plain-encoded dictionary page (each: a 4-byte length, then its
    bytes). Values of one length (zero-padded IDs) are checked at once; others are walked one by one."""
    if size > DICTIONARY_LIMIT:
        raise Unbounded
    if compression != "UNCOMPRESSED":
        if compression not in CODECS:
            raise Unbounded
        body = pa.decompress(body, decompressed_size=size, codec=CODECS[compression], asbytes=True)
    if count and len(body) % count == 0 and len(body) // count >= 4:
        width = len(body) // count
        lengths = np.ndarray((count,), "<i4", body, strides=(width,))
        if (lengths == width - 4).all():
            return width - 4
    longest, at = 0, 0
    while at < len(body):
        (length,) = struct.unpack_from("<i", body, at)
        longest, at = max(longest, length), at + 4 + length
    return longest


# --- Thrift compact protocol: just enough to read a page header ------------------------------------------


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value, shift = 0, 0
    while True:
        byte = data[at]
        value |= (byte & 0x7F) << shift
        at, shift = at + 1, shift + 7
        if not byte & 0x80:
            return value, at
        if shift > 63:
            raise ValueError("varint too long")


def _zigzag(data: bytes, at: int) -> tuple[int, int]:
    value, at = _varint(data, at)
    return (value >> 1) ^ -(value & 1), at


def _struct(data: bytes, at: int, depth: int = 0) -> tuple[dict, int]:
    """A struct as {field id: value}; binary values are skipped (None), lists kept as lists."""
    fields, last = {}, 0
    while True:
        byte = data[at]
        at += 1
        if byte == 0:
            return fields, at
        delta, kind = byte >> 4, byte & 0x0F
        if delta:
            last += delta
        else:
            last, at = _zigzag(data, at)
        fields[last], at = _value(data, at, kind, depth)


def _value(data: bytes, at: int, kind: int, depth: int):
    if depth > 16:
        raise ValueError("nested too deep")
    if kind in (1, 2):                           # booleans, their value in the type
        return kind == 1, at
    if kind == 3:
        return data[at], at + 1
    if kind in (4, 5, 6):
        return _zigzag(data, at)
    if kind == 7:
        return None, at + 8
    if kind == 8:
        length, at = _varint(data, at)
        return None, at + length
    if kind in (9, 10):
        head = data[at]
        count, element, at = head >> 4, head & 0x0F, at + 1
        if count == 15:
            count, at = _varint(data, at)
        items = []
        for _ in range(count):
            item, at = (bool(data[at]), at + 1) if element in (1, 2) else _value(data, at, element, depth + 1)
            items.append(item)
        return items, at
    if kind == 11:
        count, at = _varint(data, at)
        if count:
            types, at = data[at], at + 1
            for _ in range(count):
                _, at = _value(data, at, types >> 4, depth + 1)
                _, at = _value(data, at, types & 0x0F, depth + 1)
        return None, at
    if kind == 12:
        return _struct(data, at, depth + 1)
    raise ValueError(f"unknown thrift type {kind}")
