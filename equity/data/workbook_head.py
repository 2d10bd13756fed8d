"""The top rows of every sheet of an xlsx workbook, as a workbook of its own, for finding a sheet's header.

The spreadsheet reader parses a whole sheet even when asked for its first rows: finding the header of a
100,000-row sheet cost as much as reading it. A copy of the workbook whose sheets stop after their first rows
(every other part as it is: shared strings, styles, the list of sheets) gives the same top rows for the cost of
those rows. A sheet's XML is cut after a row's end tag (cell text escapes its `<`); a copy that cannot be read
is not used (equity.data.ingest then peeks at the whole sheet).
"""

import io
import re
import zipfile

_CHUNK = 1 << 16
_ROW_END = re.compile(rb"</(?:\w+:)?row>|<(?:\w+:)?row\b[^>]*/>")
_OPENING = re.compile(rb"<(\w+:)?(worksheet|sheetData)\b")


def head(data: bytes, rows: int) -> bytes | None:
    """The workbook with each worksheet cut after its first `rows` rows; None when no sheet is longer (or the
    workbook holds no xlsx worksheets): the workbook itself is then as quick to read."""
    out, cut = io.BytesIO(), False
    with zipfile.ZipFile(io.BytesIO(data)) as archive, zipfile.ZipFile(out, "w") as copy:
        for part in archive.infolist():
            with archive.open(part) as stream:
                if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
                    content, shorter = _sheet_head(stream, rows)
                    cut |= shorter
                else:
                    content = stream.read()
            copy.writestr(part.filename, content)
    return out.getvalue() if cut else None


def _sheet_head(stream: io.BufferedIOBase, rows: int) -> tuple[bytes, bool]:
    """A worksheet's XML up to the end of its `rows`-th row, closed as the rest of the sheet would close it,
    and whether a row was cut off (the sheet as it is when none follows)."""
    text, ends, at = bytearray(), [], 0
    while chunk := stream.read(_CHUNK):
        text += chunk
        for end in _ROW_END.finditer(text, at):
            ends.append(end.end())
            at = end.end()
            if len(ends) > rows:
                kept = text[:ends[rows - 1]]
                return bytes(kept) + _closing(kept), True
        at = max(at, len(text) - 4096)    # a row end split between two chunks is found in the next
    return bytes(text), False


def _closing(text: bytearray) -> bytes:
    prefixes = {name: prefix or b"" for prefix, name in _OPENING.findall(text)}
    return b"</%ssheetData></%sworksheet>" % (prefixes[b"sheetData"], prefixes[b"worksheet"])
