"""How much text an xlsx workbook's cells hold once its shared strings are filled in, worked out from the XML
before any reader builds a table.

A workbook can store a long string once, in xl/sharedStrings.xml, and refer to it from every cell: a 60 KB file
whose cells hold 650 MB of text. The reader copies the string into every cell, so the size must be known first:
each shared string's length (its XML, tags left out: never less than the text) times the number of cells, in
every sheet, that refer to it.
"""

import io
import re
import zipfile

import numpy as np

SHARED = "xl/sharedStrings.xml"
_CHUNK = 16 << 20
_ITEM = re.compile(rb"<(?:\w+:)?si\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?si>)", re.DOTALL)
_TAG = re.compile(rb"<[^>]*>")
_REFERENCE = re.compile(rb"<(?:\w+:)?c\b[^>]*?\bt=[\"']s[\"'][^>]*>\s*<(?:\w+:)?v>\s*(\d+)\s*<")
_CELL_END = re.compile(rb"</(?:\w+:)?c>|/>")


def text_bytes(data: bytes) -> int:
    """An upper bound on the bytes of text that the workbook's shared-string cells hold (0 without any)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        if SHARED not in names:
            return 0
        lengths = np.array([len(_TAG.sub(b"", item.group(1) or b"")) for item in
                            _ITEM.finditer(archive.read(SHARED))], dtype=np.int64)
        total = 0
        for name in names:
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                with archive.open(name) as sheet:
                    total += _referenced(sheet, lengths)
        return total


def _referenced(sheet: io.BufferedIOBase, lengths: np.ndarray) -> int:
    """The lengths of the shared strings this sheet's cells refer to, added up, read a chunk at a time."""
    total, rest = 0, b""
    while chunk := sheet.read(_CHUNK):
        text = rest + chunk
        cut = max((m.end() for m in _CELL_END.finditer(text, max(0, len(text) - 4096))), default=len(text))
        indices = np.array(_REFERENCE.findall(text, 0, cut), dtype=np.int64)
        indices = indices[indices < len(lengths)]
        total += int(lengths[indices].sum())
        rest = text[cut:]
    return total
