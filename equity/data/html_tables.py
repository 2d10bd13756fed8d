"""Tables of a web page, the form many student information systems give their "Excel" exports.

PowerSchool, Infinite Campus and Skyward save reports as an HTML `<table>` named `.xls`; Excel opens them, so
people upload them as spreadsheets. Such a file may start with a comment, an XML declaration, `<meta>` or
`<style>` before its table, and may hold several tables (a title block, then the roster). Each table becomes a
"sheet" (named by its caption, else `Table N`) so the same picker chooses among them, and every cell stays text.
"""

import codecs
import re

import lxml.html

SNIFF_BYTES = 1 << 16
# What may come before the first element, and the elements an exported page starts with.
_PREAMBLE = re.compile(r"\s*(?:<!--.*?-->|<\?xml[^>]*\?>|<!doctype[^>]*>|<!\[[^\]]*\]>)", re.I | re.S)
_PAGE_START = re.compile(r"<(?:html|head|body|meta|style|title|table|link|base)\b", re.I)

Row = list[str | None]


def looks_like_html(data: bytes) -> bool:
    """The file starts (after any comment, XML declaration or doctype) with an element of a web page."""
    text = _head_text(data[:SNIFF_BYTES])
    position = 0
    while match := _PREAMBLE.match(text, position):
        position = match.end()
    return bool(_PAGE_START.match(text[position:].lstrip()))


def _head_text(head: bytes) -> str:
    """The start of the file as text, enough to see its first tags (UTF-16 exports included)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="ignore")
    return head.decode("latin-1").removeprefix("\xef\xbb\xbf")


def read_tables(data: bytes) -> list[tuple[str, list[Row]]]:
    """Every non-empty table of the page, outermost first, as (name, rows of stripped text or None)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = data.decode("utf-16").encode("utf-8")
        parser = lxml.html.HTMLParser(encoding="utf-8")
    else:
        parser = lxml.html.HTMLParser(encoding=_declared_encoding(data))
    root = lxml.html.document_fromstring(data, parser=parser)
    tables = []
    for number, table in enumerate(root.iter("table"), start=1):
        rows = _rows(table)
        if any(any(cell is not None for cell in row) for row in rows):
            tables.append((_name(table, number), rows))
    return tables


def _declared_encoding(data: bytes) -> str:
    """The page's own charset (Excel writes windows-1252), else UTF-8 when the bytes are valid UTF-8."""
    found = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", data[:SNIFF_BYTES], re.I)
    if found:
        name = found[1].decode("ascii")
        try:
            return codecs.lookup(name).name
        except LookupError:
            pass
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def _rows(table) -> list[Row]:
    """The table's own rows (not those of a table nested in a cell). A cell spanning columns or rows fills
    its first place and leaves the others empty, so every value stays under its own header."""
    rows: list[Row] = []
    below: dict[int, int] = {}     # column -> rows still covered by a cell above that spans rows
    for row in table.iter("tr"):
        if next(row.iterancestors("table"), None) is not table:
            continue
        cells: Row = []
        for cell in row:
            if cell.tag not in ("td", "th"):
                continue
            _pass_covered(cells, below)
            first, across, down = len(cells), _span(cell, "colspan"), _span(cell, "rowspan")
            cells.append(_text(cell))
            cells += [None] * (across - 1)
            for column in range(first, first + across) if down > 1 else ():
                below[column] = down - 1
        _pass_covered(cells, below)
        rows.append(cells)
    return rows


def _pass_covered(cells: Row, below: dict[int, int]) -> None:
    """Leave empty the places a cell of an earlier row still covers."""
    while below.get(len(cells), 0) > 0:
        below[len(cells)] -= 1
        cells.append(None)


def _text(cell) -> str | None:
    """A cell's visible text on one line; `&nbsp;` and line breaks are spaces."""
    for br in cell.iter("br"):
        br.tail = " " + (br.tail or "")
    text = " ".join(cell.text_content().replace("\xa0", " ").split())
    return text or None


def _span(cell, attribute: str) -> int:
    try:
        return max(1, min(int(cell.get(attribute, "1")), 1000))
    except ValueError:
        return 1


def _name(table, number: int) -> str:
    """`Table 2`, or `Table 2: Students` when the table has a caption (numbers keep names unique)."""
    caption = table.find("caption")
    text = _text(caption) if caption is not None else None
    return f"Table {number}: {text[:60]}" if text else f"Table {number}"
