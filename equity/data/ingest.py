"""Uploaded bytes to an Arrow table of text, whatever the gradebook exported.

Every value stays text here (leading zeros, `NA`, codes): deciding types is the mapping step's job, with the
user watching. The format is judged from the bytes rather than the file name, because files get renamed, and
every failure becomes an `IngestError` that tells the uploader what to do.
"""

import codecs
import csv
import io
import logging
import math
import re
import tempfile
import zipfile
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import reduce
from pathlib import Path

import duckdb
import fastexcel
import numpy as np
import olefile
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from equity.data import html_tables, isolation, limits, parquet_pages, shared_strings, workbook_head
from equity.data.limits import LIMITS
from equity.words.messages import Message, Text

PEEK_ROWS = 40          # rows read to find the header
HEADER_SEARCH = 30      # the header must start within this many rows
LOOKAHEAD = 10          # rows below a candidate header that show how wide the data is
SAMPLE_CHARS = 1 << 20  # text searched for the delimiter and the header of a CSV
DELIMITERS = (",", ";", "\t")
WORKBOOKS = ("xlsx", "xls", "ods")
SHEETED = (*WORKBOOKS, "html")   # kinds whose parts (sheets, a web page's tables) a person picks from

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_SIGNATURES = (   # the start of a file, and what it is instead (a key under ingest.kind)
    (b"%PDF", "pdf"),
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"{\\rtf", "rtf"),
    (b"\x1f\x8b", "gzip"),
    (b"Rar!", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "seven_zip"),
)
_ZIP_PARTS = (("word/", "word"), ("ppt/", "powerpoint"))
_OLE_STREAMS = (("WordDocument", "word"), ("PowerPoint Document", "powerpoint"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
# Windows-1252, with the five bytes it leaves undefined read as Latin-1 so that decoding never fails.
_CP1252 = "".join(bytes([byte]).decode("cp1252", errors="ignore") or chr(byte) for byte in range(256))
_NULL_TEXT = pa.scalar(None, pa.string())

# The reader warns once per column it cannot type; spreadsheets are full of empty spacer columns.
logging.getLogger("fastexcel.types.dtype").setLevel(logging.ERROR)

Row = list[str | None]


class IngestError(Message, ValueError):
    """A problem with an uploaded file, worded for the person who uploaded it (what is wrong, what to do):
    `IngestError("ingest.empty", filename=...)`, a catalogue key and its parameters."""


@dataclass(frozen=True)
class Upload:
    """One uploaded file, read: the table plus what the person uploading should be told about it."""

    name: str                  # the file name as uploaded
    table: pa.Table            # every column pa.string() (typed: a Parquet file's types); headers stripped, unique
    sheet: str | None          # sheet read (None for csv/parquet)
    sheets: tuple[str, ...]    # all sheet names of a workbook ((), for csv/parquet)
    header_row: int            # 0-based index of the header row in the sheet/file (rows skipped above it)
    notes: tuple[str, ...]     # plain-language notes on what was done to the file (Text: translatable)


def read_upload(data: bytes, filename: str, sheet: str | None = None, typed: bool = False) -> Upload:
    """Read an uploaded file into a table of text, or raise IngestError saying what to fix. Every format is
    parsed in a child process (see `_isolated`); only the kind of file is judged here. With `typed`, a Parquet
    file whose own column names are its header keeps its columns' types (numbers, flags, dates, text), for a
    session that reads typed columns (equity.profile) and would only parse the text back."""
    with _plain_errors(filename):
        kind = _file_kind(data, filename)
        if kind == "csv":
            # The CSV's text passes through a file: in a folder of this process's, so that it goes even when
            # the child is stopped midway.
            with tempfile.TemporaryDirectory(prefix="equity-upload-") as folder:
                return _read_isolated(_read_text, data, filename, folder)
        if kind == "parquet":
            return _read_isolated(_read_parquet, data, filename, typed)
        if kind == "html":
            return _read_isolated(_read_html, data, filename, sheet)
        return _read_isolated(_read_workbook, data, filename, sheet)


def sheet_names(data: bytes, filename: str) -> tuple[str, ...]:
    """A workbook's sheet names (or a web page's tables), for a sheet picker (no sheet of an xlsx or ods is
    read); () for others."""
    with _plain_errors(filename):
        kind = _file_kind(data, filename)
        if kind not in SHEETED:
            return ()
        return _isolated(_sheet_names, data, filename, kind)


def _sheet_names(data: bytes, filename: str, kind: str) -> tuple[str, ...]:
    if kind == "html":
        return tuple(name for name, _ in html_tables.read_tables(data))
    return tuple(_open_workbook(data, filename).sheet_names)


def _isolated(read, data: bytes, filename: str, *args):
    """Files are parsed by native code in a child process, so a hostile one costs one failed read rather than
    the server (see equity.data.isolation)."""
    try:
        return isolation.run(read, data, filename, *args, seconds=LIMITS.workbook_seconds,
                             memory=LIMITS.workbook_memory)
    except isolation.Stopped as stopped:
        raise _too_costly(filename, stopped.reason) from stopped
    except MemoryError as error:
        raise _too_costly(filename, "memory") from error


def _read_isolated(read, data: bytes, filename: str, *args) -> Upload:
    """`read(data, filename, *args)` in a child process, which sends back only a table within the size limit."""
    return _isolated(_within_limits, data, filename, read, *args)


def _within_limits(data: bytes, filename: str, read, *args) -> Upload:
    upload = read(data, filename, *args)
    table = upload.table
    too_large = limits.text_problem(table.get_total_buffer_size(), filename, table.num_rows * table.num_columns)
    if too_large:
        raise IngestError(too_large)
    return upload


# --- Errors ---------------------------------------------------------------------------------------------


@contextmanager
def _plain_errors(filename: str) -> Iterator[None]:
    """Replace a reader's own exception, meaningless to the uploader, with advice; the cause stays chained."""
    try:
        yield
    except IngestError:
        raise
    except BaseException as error:
        if not (isinstance(error, Exception) or _is_panic(error)):
            raise
        raise IngestError("ingest.unreadable", filename=filename) from error


def _is_panic(error: BaseException) -> bool:
    """A panic in the Rust spreadsheet reader reaches Python as a BaseException, not an Exception."""
    return type(error).__name__ == "PanicException"


def _only_space(text: str | bytes) -> bool:
    """Nothing but white space: `not text.strip()` without copying a large upload to find out."""
    return not text or text.isspace()


def _not_spreadsheet(filename: str, what: str) -> IngestError:
    """`what` is the kind of file it is instead: a key under ingest.kind (pdf, word, html, ...)."""
    return IngestError("ingest.not_spreadsheet", filename=filename, what=Text(f"ingest.kind.{what}"))


def _empty(filename: str) -> IngestError:
    return IngestError("ingest.empty", filename=filename)


def _damaged(filename: str) -> IngestError:
    return IngestError("ingest.damaged", filename=filename)


def _password(filename: str) -> IngestError:
    return IngestError("ingest.password", filename=filename)


def _too_costly(filename: str, reason: str) -> IngestError:
    if reason == "time":
        return IngestError("ingest.too_slow", filename=filename, seconds=f"{LIMITS.workbook_seconds:.0f}",
                           advice=Text("limits.advice"))
    return IngestError("ingest.too_much_memory", filename=filename, advice=Text("limits.advice"))


def _file_place(filename: str) -> Text:
    return Text("ingest.place.file", filename=filename)


def _no_table(place: Text) -> IngestError:
    return IngestError("ingest.no_table", place=place)


# --- Format ---------------------------------------------------------------------------------------------


def _file_kind(data: bytes, filename: str) -> str:
    """'xlsx', 'ods', 'xls', 'parquet', 'html' or 'csv', from the content, since uploads are often renamed."""
    if _only_space(data):
        raise _empty(filename)
    too_large = limits.upload_problem(len(data), filename)
    if too_large:
        raise IngestError(too_large)
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data, filename)
    if data.startswith(_OLE2):
        return _ole_kind(data, filename)
    if data.startswith(b"PAR1"):
        return "parquet"
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise _not_spreadsheet(filename, what)
    if html_tables.looks_like_html(data):
        return "html"
    return "csv"


def _zip_kind(data: bytes, filename: str) -> str:
    """xlsx and ods are zip archives; so are Word documents, which must be told apart. The archive's directory
    is checked for bombs first, and then every part is inflated once up to its declared size, so that the
    directory can be trusted."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.namelist()
            problem = limits.archive_problem(archive, filename)
            if problem is None:
                limits.verify_archive(archive)
                mimetype = archive.read("mimetype").strip() if "mimetype" in parts else b""
    except Exception as error:  # any failure to open the archive means it is damaged
        if b"xl/" in data[:1 << 16] or _ODS_MIMETYPE in data[:256]:
            raise _damaged(filename) from error
        raise _not_spreadsheet(filename, "damaged_zip") from error
    if problem:
        raise IngestError(problem)
    if any(part.startswith("xl/") for part in parts):
        return "xlsx"
    if mimetype.startswith(_ODS_MIMETYPE):
        return "ods"
    for prefix, what in _ZIP_PARTS:
        if any(part.startswith(prefix) for part in parts):
            raise _not_spreadsheet(filename, what)
    if mimetype.startswith(b"application/vnd.oasis.opendocument."):
        raise _not_spreadsheet(filename, "opendocument")
    raise _not_spreadsheet(filename, "zip")


def _ole_kind(data: bytes, filename: str) -> str:
    """Legacy Office container: an .xls, or a password-protected workbook of any age, or another document.
    olefile reads the container's directory, so a stream's name in a cell's text is not taken for the stream."""
    try:
        with olefile.OleFileIO(data) as container:
            streams = {"/".join(path) for path in container.listdir()}
    except Exception as error:  # any failure to read the container's directory means it is damaged
        raise _damaged(filename) from error
    if "EncryptedPackage" in streams:
        raise _password(filename)
    for stream, what in _OLE_STREAMS:
        if stream in streams:
            raise _not_spreadsheet(filename, what)
    if streams & {"Workbook", "Book"}:
        return "xls"
    raise _not_spreadsheet(filename, "office")


# --- CSV and other delimited text -----------------------------------------------------------------------


def _read_text(data: bytes, filename: str, folder: str) -> Upload:
    text, notes = _decode(data)
    if _only_space(text):
        raise _empty(filename)
    _refuse_binary(text, filename)
    text, notes = _drop_nul(text, notes)
    parses = {delimiter: _first_records(text, delimiter) for delimiter in DELIMITERS}
    delimiter = max(DELIMITERS, key=lambda d: _consistency(parses[d][0]))
    records, ends = parses[delimiter]
    rows = [_clean_cells(record) for record in records]
    header_row = _header_index(rows)
    place = _file_place(filename)
    if header_row is None:
        raise _no_table(place)
    width = _body_width(records, header_row)
    too_large = limits.shape_problem(text.count("\n", ends[header_row]) + 1, width, place)
    if too_large:
        raise IngestError(too_large)
    body = _csv_body(text[ends[header_row]:], delimiter, width, place, header_row, Path(folder))
    table, tidy_notes = _tidy(rows[header_row], body, place)
    return Upload(filename, table, None, (), header_row,
                  (*notes, *_skipped_note(rows, header_row), *tidy_notes))


def _decode(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 when the bytes are valid UTF-8, else the Windows-1252 that Excel on Windows writes."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), [Text("ingest.note.utf16")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    if any(ord(char) > 127 and char != "\ufffd" for char in data.decode("utf-8-sig", errors="replace")):
        return data.decode("utf-8-sig", errors=_FALLBACK), [Text("ingest.note.mixed_encoding")]
    return codecs.charmap_decode(data, "strict", _CP1252)[0], [Text("ingest.note.cp1252")]


def _cp1252_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    """Bytes that are not UTF-8, read as Windows-1252, for files that mix the two."""
    return codecs.charmap_decode(error.object[error.start:error.end], "strict", _CP1252)[0], error.end


_FALLBACK = "equity-cp1252"
codecs.register_error(_FALLBACK, _cp1252_fallback)


def _drop_nul(text: str, notes: list[str]) -> tuple[str, list[str]]:
    """NUL characters (left by damaged exports) mean nothing in a table and break column names."""
    count = text.count("\x00")
    if not count:
        return text, notes
    note = Text.counted("ingest.note.nul", count)
    return text.replace("\x00", ""), [*notes, note]


def _refuse_binary(text: str, filename: str) -> None:
    """Text without a known signature is read as CSV, unless it is binary junk or XML (web pages are told
    apart before, by `html_tables.looks_like_html`)."""
    head = text[:4096]
    if "\x00" in head or len(_CONTROL.findall(head)) > len(head) // 100:
        raise _not_spreadsheet(filename, "binary")
    if head.lstrip().lower().startswith("<?xml"):
        raise _not_spreadsheet(filename, "xml")


def _first_records(text: str, delimiter: str) -> tuple[list[list[str]], list[int]]:
    """The first records as the csv module splits them, with the offset in `text` where each one ends."""
    sample = text[:SAMPLE_CHARS]
    consumed = 0

    def lines() -> Iterator[str]:
        nonlocal consumed
        for line in io.StringIO(sample, newline=""):
            consumed += len(line)
            yield line

    records: list[list[str]] = []
    ends: list[int] = []
    try:
        for record in csv.reader(lines(), delimiter=delimiter):
            records.append(record)
            ends.append(consumed)
            if len(records) == PEEK_ROWS:
                break
    except csv.Error:
        pass  # a malformed record ends the sample; reading the body reports it with its row
    if len(sample) < len(text) and ends and ends[-1] == len(sample):
        del records[-1], ends[-1]  # cut off by the sample's end
    return records, ends


def _consistency(records: list[list[str]]) -> int:
    """How many records share the most common field count above one: high for the right delimiter."""
    widths = Counter(len(record) for record in records if len(record) > 1)
    return widths.most_common(1)[0][1] if widths else 0


def _body_width(records: list[list[str]], header_row: int) -> int:
    """The header's field count, or the usual one below it if wider; an odd longer row is then an error."""
    usual = Counter(len(record) for record in records[header_row + 1:] if record).most_common(1)
    return max(len(records[header_row]), usual[0][0] if usual else 0)


def _csv_body(text: str, delimiter: str, width: int, place: Text, header_row: int, folder: Path) -> pa.Table:
    """The rows below the header, parsed by DuckDB as VARCHAR only, so `007` and `NA` stay as written."""
    if _only_space(text):
        return pa.table({})
    _check_quotes(text, delimiter, place)
    columns = {f"c{i}": "VARCHAR" for i in range(width)}
    with tempfile.TemporaryDirectory(dir=folder) as inner:
        path = Path(inner) / "body.csv"
        path.write_text(text, encoding="utf-8", newline="")
        connection = duckdb.connect()
        try:
            return connection.read_csv(
                str(path), header=False, delimiter=delimiter, quotechar='"', escapechar='"',
                auto_detect=False, columns=columns, all_varchar=True, null_padding=True, parallel=False,
                max_line_size=LIMITS.line_bytes,
            ).to_arrow_table()
        except duckdb.Error as error:
            raise _bad_row(place, str(error), header_row) from error
        finally:
            connection.close()


def _check_quotes(text: str, delimiter: str, place: Text) -> None:
    """Refuse a quote mark that never closes: the parser would quietly lose every row after it."""
    if text.count('"') % 2 == 0:
        return
    try:
        deque(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True), maxlen=0)
    except csv.Error as error:
        raise IngestError("ingest.open_quote", place=place) from error


def _bad_row(place: Text, message: str, header_row: int) -> IngestError:
    """DuckDB counts records from the start of the body; the uploader counts rows from the top of the file."""
    found = re.search(r"CSV Error on Line: (\d+)", message)
    where = Text("ingest.row.near", row=header_row + 1 + int(found.group(1))) if found else ""
    if "Expected Number of Columns" in message:
        problem = Text("ingest.row.too_many_values", where=where)
    elif "Maximum line size" in message:
        problem = Text("ingest.row.too_long", where=where, line_chars=LIMITS.line_bytes,
                       cell_chars=LIMITS.cell_chars)
    else:
        problem = Text("ingest.row.unsplit", where=where)
    return IngestError("ingest.bad_row", place=place, problem=problem)


# --- Workbooks: xlsx, xls, ods --------------------------------------------------------------------------


@dataclass(frozen=True)
class _SheetPeek:
    """The top of a sheet, enough to find its header and compare it with the other sheets."""

    name: str
    rows: list[Row]
    header_row: int | None
    height: int | None     # None: peeked at the sheet's head only, its height is known once its body is read
    visible: bool

    @property
    def size(self) -> int:
        """Cells under the header, roughly: a sheet of students beats a sheet of instructions."""
        if self.header_row is None:
            return 0
        return (self.height - self.header_row - 1) * _span(self.rows[self.header_row])


def _read_workbook(data: bytes, filename: str, sheet: str | None) -> Upload:
    if data.startswith(b"PK"):   # xlsx: its shared strings are copied into every cell that refers to them
        too_large = limits.text_problem(shared_strings.text_bytes(data), filename)
        if too_large:
            raise IngestError(too_large)
    reader = _open_workbook(data, filename)
    names = tuple(reader.sheet_names)
    chosen = _choose_sheet(reader, names, sheet, filename, data)
    place = Text("ingest.place.sheet", sheet=chosen.name, filename=filename)
    if chosen.header_row is None:
        raise _no_table(place)
    width = max(map(len, chosen.rows), default=0)
    too_large = limits.shape_problem(chosen.height or 0, width, place)
    if too_large:
        raise IngestError(too_large)
    body = _sheet_body(reader, chosen, filename)
    if chosen.height is None:   # peeked at from its head: its height is known now
        too_large = limits.shape_problem(chosen.header_row + 1 + body.num_rows, width, place)
        if too_large:
            raise IngestError(too_large)
    table, notes = _tidy(chosen.rows[chosen.header_row], body, place)
    return Upload(filename, table, chosen.name, names, chosen.header_row,
                  (*_skipped_note(chosen.rows, chosen.header_row), *notes))


@contextmanager
def _workbook_errors(filename: str) -> Iterator[None]:
    """The spreadsheet library fails on damaged and password-protected files; say which it was."""
    try:
        yield
    except fastexcel.CalamineError as error:
        if re.search("password|encrypt", str(error), re.IGNORECASE):
            raise _password(filename) from error
        raise _damaged(filename) from error
    except BaseException as error:
        if not _is_panic(error):
            raise
        raise _damaged(filename) from error


def _open_workbook(data: bytes, filename: str) -> fastexcel.ExcelReader:
    with _workbook_errors(filename):
        return fastexcel.read_excel(data)


def _choose_sheet(reader: fastexcel.ExcelReader, names: tuple[str, ...], sheet: str | None,
                  filename: str, data: bytes) -> _SheetPeek:
    """The sheet asked for, else the visible sheet with the most data. A sheet that needs no comparing (asked
    for, or the only one) is peeked at from its head alone (`_peek_head`)."""
    if sheet is not None and sheet not in names:
        listing = ", ".join(f"'{name}'" for name in names)
        raise IngestError("ingest.no_sheet", filename=filename, sheet=sheet, listing=listing)
    if sheet is not None or len(names) == 1:
        name = sheet if sheet is not None else names[0]
        return _peek_head(data, name) or _peek_sheet(reader, name, filename)
    peeks = [_peek_sheet(reader, name, filename) for name in names]
    if not peeks:
        raise _no_table(_file_place(filename))
    return max(peeks, key=lambda peek: (peek.visible and peek.size > 0, peek.size))


def _peek_sheet(reader: fastexcel.ExcelReader, sheet: str, filename: str) -> _SheetPeek:
    with _workbook_errors(filename):
        top = _top(reader, sheet)
        rows = _table_rows(pa.Table.from_batches([top.to_arrow()]))
    return _SheetPeek(sheet, rows, _header_index(rows), top.total_height, top.visible == "visible")


def _peek_head(data: bytes, sheet: str) -> _SheetPeek | None:
    """An xlsx sheet's top rows read from a copy of the workbook cut after them (equity.data.workbook_head),
    its height left unknown; None for other workbooks, for one whose sheets are no longer than that, or when
    the copy cannot be read (the whole sheet is peeked at instead)."""
    if not data.startswith(b"PK"):
        return None
    try:
        head = workbook_head.head(data, PEEK_ROWS)
        if head is None:
            return None
        top = _top(fastexcel.read_excel(head), sheet)
        rows = _table_rows(pa.Table.from_batches([top.to_arrow()]))
    except BaseException as error:
        if not (isinstance(error, Exception) or _is_panic(error)):
            raise
        return None
    return _SheetPeek(sheet, rows, _header_index(rows), None, top.visible == "visible")


def _top(reader: fastexcel.ExcelReader, sheet: str) -> fastexcel.ExcelSheet:
    return reader.load_sheet(sheet, header_row=None, skip_rows=0, n_rows=PEEK_ROWS, dtypes="string",
                             whitespace_as_null=True)


def _sheet_body(reader: fastexcel.ExcelReader, peek: _SheetPeek, filename: str) -> pa.Table:
    """The rows below the header, typed by the workbook and then written as text the same way every time."""
    start = (peek.header_row or 0) + 1
    if peek.height is not None and start >= peek.height:
        return pa.table({})
    options = {"header_row": None, "skip_rows": start, "schema_sample_rows": None, "whitespace_as_null": True}
    with _workbook_errors(filename):
        try:
            batch = reader.load_sheet(peek.name, **options).to_arrow()
        except fastexcel.UnsupportedColumnTypeCombinationError:  # too many kinds of value in one column
            batch = reader.load_sheet(peek.name, dtypes="string", **options).to_arrow()
        except fastexcel.InvalidParametersError:   # nothing below the header (of a sheet of unknown height)
            if peek.height is not None:
                raise
            return pa.table({})
    return _text_table(pa.Table.from_batches([batch]), workbook=True)


# --- Web-page tables saved as .xls ----------------------------------------------------------------------


def _read_html(data: bytes, filename: str, sheet: str | None) -> Upload:
    """The table asked for, else the one with the most data, read like a sheet (see equity.data.html_tables)."""
    tables = html_tables.read_tables(data)
    if not tables:
        raise _not_spreadsheet(filename, "html")
    names = tuple(name for name, _ in tables)
    if sheet is not None and sheet not in names:
        raise IngestError("ingest.no_sheet", filename=filename, sheet=sheet,
                          listing=", ".join(f"'{name}'" for name in names))
    peeks = [_SheetPeek(name, rows[:PEEK_ROWS], _header_index(rows[:PEEK_ROWS]), len(rows), True)
             for name, rows in tables if sheet in (None, name)]
    chosen = max(peeks, key=lambda peek: peek.size)
    rows = dict(tables)[chosen.name]
    place = Text("ingest.place.sheet", sheet=chosen.name, filename=filename)
    if chosen.header_row is None:
        raise _no_table(place)
    width = max(map(len, rows))
    too_large = limits.shape_problem(len(rows), width, place)
    if too_large:
        raise IngestError(too_large)
    below = [row + [None] * (width - len(row)) for row in rows[chosen.header_row + 1:]]
    body = pa.table({f"c{i}": pa.array([row[i] for row in below], pa.string()) for i in range(width)})
    table, notes = _tidy(rows[chosen.header_row], body, place)
    return Upload(filename, table, chosen.name, names, chosen.header_row,
                  (Text("ingest.note.html"), *_skipped_note(rows, chosen.header_row), *notes))


# --- Parquet --------------------------------------------------------------------------------------------


def _read_parquet(data: bytes, filename: str, typed: bool = False) -> Upload:
    """Parquet compresses runs of equal values to almost nothing, so its footer is checked before reading, and
    text is read still dictionary-encoded: one long string referenced by every row costs its indices, and the
    size it would decode to is known before it is decoded. That size, typed values as they are, is what the
    limit is on, whether the table comes back typed or as text."""
    place = _file_place(filename)
    try:
        file = pq.ParquetFile(pa.BufferReader(data))
        footer = file.metadata
        too_large = limits.shape_problem(footer.num_rows, footer.num_columns, place)
        if too_large is None and sum(footer.row_group(i).total_byte_size
                                     for i in range(footer.num_row_groups)) > LIMITS.unzipped_bytes:
            too_large = Text("ingest.too_large_unpacked", filename=filename, advice=Text("limits.advice"))
        if too_large is None:
            source, too_large = _row_groups(data, file, filename)
    except (pa.ArrowException, OSError) as error:
        raise _damaged(filename) from error
    if too_large:
        raise IngestError(too_large)
    names = _clean_cells(source.column_names)
    rows = [names, *_table_rows(_text_table(source.slice(0, PEEK_ROWS)))]
    header_row = _header_index(rows) or 0
    if typed and header_row == 0:
        table, notes = _tidy(names, source, place, typed=True)
        return Upload(filename, table, None, (), 0, tuple(notes))
    table, notes = _tidy(rows[header_row], _text_table(source).slice(header_row), place)
    return Upload(filename, table, None, (), header_row, (*_skipped_note(rows, header_row), *notes))


def _row_groups(data: bytes, footer: pq.ParquetFile, filename: str) -> tuple[pa.Table | None, Text | None]:
    """The file read one row group at a time, stopping at the first row group that takes the table past the
    size limit. Text is read still dictionary-encoded, except a column whose page headers bound what each of
    its chunks decodes to (a column of many distinct values, whose dictionary Arrow would build by hashing every
    value); that bound is checked before its row group is read. Text of many distinct values that comes as a
    dictionary (ids, names) is decoded as each row group is read: a dictionary as long as its column saves
    nothing, and Arrow repeats it in every batch."""
    metadata = footer.metadata
    leaves = {metadata.schema.column(j).path: j for j in range(metadata.num_columns)}
    text = [field.name for field in footer.schema_arrow if _is_text(field.type)]
    bounds = {name: _plain_bounds(data, metadata, leaves[name]) for name in text if name in leaves}
    plain = {name for name, bound in bounds.items() if bound}
    file = pq.ParquetFile(pa.BufferReader(data), read_dictionary=[name for name in text if name not in plain])
    if file.num_row_groups == 0:
        return file.read(), None
    parts, size, decode = [], 0, None
    cells = metadata.num_rows * metadata.num_columns
    for i in range(file.num_row_groups):
        too_large = limits.text_problem(size + sum(bounds[name][i] for name in plain), filename, cells)
        if too_large:
            return None, too_large
        part = file.read_row_group(i)
        size += sum(map(_decoded_bytes, part.columns))
        too_large = limits.text_problem(size, filename, cells)
        if too_large:
            return None, too_large
        if decode is None:
            decode = {j for j, column in enumerate(part.columns) if pa.types.is_dictionary(column.type) and any(
                2 * len(chunk.dictionary) > len(chunk) for chunk in column.chunks)}
        parts.append(pa.Table.from_arrays([_as_kept(c, j in decode) for j, c in enumerate(part.columns)],
                                          names=part.column_names))
    return pa.concat_tables(parts, promote_options="permissive"), None   # row groups may need wider indices


def _plain_bounds(data: bytes, metadata: pq.FileMetaData, leaf: int) -> list[int] | None:
    """What each row group's chunk of a text column decodes to at most, when every chunk holds plain pages
    whose headers bound it; None as soon as one does not (the column is then read as a dictionary, and the
    headers of its other chunks need not be read)."""
    bounds = []
    for group in range(metadata.num_row_groups):
        bound = parquet_pages.plain_bound(data, metadata.row_group(group).column(leaf))
        if bound is None:
            return None
        bounds.append(bound)
    return bounds or None


def _as_kept(column: pa.ChunkedArray, decode: bool) -> pa.ChunkedArray:
    """One row group's column as the table keeps it: dictionary text of many values decoded, of few values with
    the narrowest indices (`_narrow`), so that the four-byte indices Arrow reads are never all held at once."""
    if decode:
        return pc.cast(column, column.type.value_type)
    kind = column.type
    if pa.types.is_dictionary(kind) and (pa.types.is_string(kind.value_type)
                                         or pa.types.is_large_string(kind.value_type)):
        return _narrow(column)
    return column


def _decoded_bytes(column: pa.ChunkedArray) -> int:
    """The bytes a column's values take once decoded: for dictionary-encoded text, each row's entry counted
    for every row that refers to it (an array of one length per row, never the text itself)."""
    if not pa.types.is_dictionary(column.type):
        return column.nbytes
    total = 0
    for chunk in column.chunks:
        lengths = pc.binary_length(chunk.dictionary) if _is_text(chunk.dictionary.type) else None
        if lengths is None:
            total += chunk.nbytes
        else:
            total += (pc.sum(pc.take(pc.cast(lengths, pa.int64()), chunk.indices)).as_py() or 0) + 4 * len(chunk)
    return total


def _is_text(kind: pa.DataType) -> bool:
    return (pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_binary(kind)
            or pa.types.is_large_binary(kind))


# --- Finding the header ---------------------------------------------------------------------------------


def _clean_cells(cells: list) -> Row:
    """Cells as stripped text, None where empty."""
    return [_clean_cell(cell) for cell in cells]


def _clean_cell(cell: object) -> str | None:
    text = "" if cell is None else str(cell).strip()
    return text or None


def _table_rows(table: pa.Table) -> list[Row]:
    """A few rows of a text table as lists, for the header search (small tables only)."""
    columns = [column.to_pylist() for column in table.columns]
    return [_clean_cells(list(row)) for row in zip(*columns, strict=True)]


def _count(row: Row) -> int:
    return sum(cell is not None for cell in row)


def _span(row: Row) -> int:
    """Position after the last filled cell."""
    return max((i + 1 for i, cell in enumerate(row) if cell is not None), default=0)


def _header_index(rows: list[Row]) -> int | None:
    """The header: the first row about as wide as the data below it.

    Title lines ("Riverside Middle - Grade 7 ELA") and blank lines fill fewer cells than the table has columns,
    so they are passed over. Whether the cells look like numbers is deliberately not asked: a header of years
    or assignment numbers above rows of words would otherwise lose its place to the first student.
    """
    filled = [i for i, row in enumerate(rows[:HEADER_SEARCH]) if _count(row)]
    for i in filled:
        width = max((_span(row) for row in rows[i + 1:i + 1 + LOOKAHEAD]), default=0)
        if _count(rows[i]) >= max(1, math.ceil(0.6 * width)):
            return i
    return filled[0] if filled else None


def _skipped_note(rows: list[Row], header_row: int) -> list[str]:
    if header_row == 0:
        return []
    kind = "title" if any(_count(row) for row in rows[:header_row]) else "blank"
    return [Text.counted(f"ingest.note.skipped_{kind}", header_row)]


# --- Values as text -------------------------------------------------------------------------------------


def as_text_table(table: pa.Table) -> pa.Table:
    """An upload's table as text, its typed columns (a Parquet file read typed) written as the reader writes
    them, for steps that compare files as text (joining two files)."""
    return _text_table(table).rename_columns(table.column_names)


def _text_table(table: pa.Table, workbook: bool = False) -> pa.Table:
    """Every column as text, named by position (the header is handled separately)."""
    columns = [_as_text(column, workbook) for column in table.columns]
    return pa.Table.from_arrays(columns, names=[f"c{i}" for i in range(len(columns))])


def _as_text(column: pa.ChunkedArray, workbook: bool) -> pa.ChunkedArray:
    """One column as text: whole numbers without `.0`, ISO dates, TRUE/FALSE."""
    kind = column.type
    if pa.types.is_dictionary(kind):
        return _as_text(pc.cast(column, kind.value_type), workbook)
    if pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind):
        text = pc.cast(column, pa.string())
        return _tidy_datetimes(text) if workbook else text  # cells of mixed columns arrive pre-formatted
    if pa.types.is_floating(kind):
        return _float_text(column)
    if pa.types.is_boolean(kind):
        return pc.if_else(column, "TRUE", "FALSE")
    if pa.types.is_timestamp(kind):
        seconds = pc.cast(column, pa.timestamp("s", kind.tz), safe=False)
        return _tidy_datetimes(pc.strftime(seconds, format="%Y-%m-%d %H:%M:%S"))
    if pa.types.is_date(kind):
        return pc.strftime(column, format="%Y-%m-%d")
    if pa.types.is_time(kind):
        return pc.cast(pc.cast(column, pa.time32("s"), safe=False), pa.string())
    if pa.types.is_null(kind):
        return pa.chunked_array([pa.nulls(len(column), pa.string())])
    if pa.types.is_integer(kind) or pa.types.is_decimal(kind):
        return pc.cast(column, pa.string())
    return _duckdb_text(column)


def _float_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Whole numbers as integers (`1001`, not `1001.0`), others in their shortest form; NaN as empty."""
    if column.type == pa.float16():
        column = pc.cast(column, pa.float32())
    values = pc.cast(column, pa.float64())
    whole = pc.and_(pc.equal(values, pc.floor(values)), pc.less(pc.abs(values), 2.0 ** 53))
    integers = pc.cast(pc.if_else(whole, values, 0.0), pa.int64())
    text = pc.if_else(whole, pc.cast(integers, pa.string()), pc.cast(column, pa.string()))
    return pc.if_else(pc.is_nan(values), _NULL_TEXT, text)


def _tidy_datetimes(text: pa.ChunkedArray) -> pa.ChunkedArray:
    """`2024-09-03 00:00:00` -> `2024-09-03`, a bare time of day (Excel's day zero) -> `10:30:00`. Each pattern
    needs 19 characters and a dash fifth, so a column without such a cell (ids, names, labels) is left as it is
    without running them."""
    if not any(_may_be_datetime(chunk) for chunk in text.chunks):
        return text
    text = pc.replace_substring_regex(text, pattern=r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.0*)?$",
                                      replacement=r"\1 \2")
    text = pc.replace_substring_regex(text, pattern=r"^1899-12-3[01] (\d{2}:\d{2}:\d{2})$", replacement=r"\1")
    return pc.replace_substring_regex(text, pattern=r"^(\d{4}-\d{2}-\d{2}) 00:00:00$", replacement=r"\1")


def _duckdb_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Lists, structs and durations: DuckDB's cast to VARCHAR spells them readably."""
    with duckdb.connect() as connection:
        cast = connection.from_arrow(pa.table({"value": column})).select("CAST(value AS VARCHAR) AS value")
        return pc.cast(cast.to_arrow_table().column("value"), pa.string())


# --- Cleanup --------------------------------------------------------------------------------------------


def _tidy(header: Row, body: pa.Table, place: Text, typed: bool = False) -> tuple[pa.Table, list[str]]:
    """The table as the rest of the app sees it: unique column names, only rows that hold data. With `typed`,
    `body` is a Parquet file's table and keeps the types the app reads (`_typed`)."""
    width = max(len(header), body.num_columns)
    too_large = limits.shape_problem(body.num_rows, width, place)
    if too_large:
        raise IngestError(too_large)
    header = header + [None] * (width - len(header))
    columns, cut = [], 0
    for column in body.columns:
        column = _typed(column) if typed else column
        if _is_text_column(column):
            column, count = _tidy_text(column)
            cut += count
        columns.append(column)
    columns += [pa.chunked_array([pa.nulls(body.num_rows, pa.string())])] * (width - body.num_columns)
    labels = [_label(cell) or f"Column {i + 1}" for i, cell in enumerate(header)]
    keep = [i for i in range(width) if header[i] is not None or columns[i].null_count < len(columns[i])]
    if not keep:
        raise _no_table(place)
    rows = pa.Table.from_arrays([columns[i] for i in keep], names=[f"c{i}" for i in keep])
    rows, notes = _drop_repeated_header(rows, [header[i] for i in keep])
    rows = _drop_empty_rows(rows)
    if rows.num_rows == 0:
        raise IngestError("ingest.no_rows", place=place)
    names, name_notes = _unique_names([labels[i] for i in keep])
    if cut:
        notes.append(limits.long_cells_note(cut))
    return rows.rename_columns(names), notes + name_notes


def _label(cell: str | None) -> str:
    """A header as one line of visible text, no longer than a header can usefully be ("" for none)."""
    return " ".join(_CONTROL.sub(" ", cell or "").split())[:LIMITS.label_chars].strip()


_TYPED = (pa.types.is_integer, pa.types.is_float32, pa.types.is_float64, pa.types.is_decimal, pa.types.is_boolean,
          pa.types.is_date, lambda kind: pa.types.is_timestamp(kind) and kind.tz is None)


def _typed(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A Parquet column as the app keeps it: numbers, flags, dates and text as they are (text of few distinct
    values dictionary-encoded, each held once; ids and names plain); any other type (lists, durations, bytes)
    as text."""
    kind = column.type.value_type if pa.types.is_dictionary(column.type) else column.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return _narrow(column) if pa.types.is_dictionary(column.type) else pc.cast(column, pa.string())
    if any(test(kind) for test in _TYPED) and not pa.types.is_dictionary(column.type):
        return column
    return _as_text(column, workbook=False)


def _narrow(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Dictionary-encoded text with the smallest indices its dictionaries need: a byte a row for a few labels
    instead of four."""
    longest = max((len(chunk.dictionary) for chunk in column.chunks), default=0)
    index = next(kind for kind in (pa.int8(), pa.int16(), pa.int32()) if longest < 1 << (kind.bit_width - 1))
    if index == column.type.index_type and column.type.value_type == pa.string():
        return column
    # every index is below the dictionary's length, which fits `index`: neither step needs checking each row
    return pa.chunked_array([pa.DictionaryArray.from_arrays(pc.cast(chunk.indices, index, safe=False),
                                                            chunk.dictionary.cast(pa.string()), safe=False)
                             for chunk in column.chunks], pa.dictionary(index, pa.string()))


def _is_text_column(column: pa.ChunkedArray) -> bool:
    kind = column.type.value_type if pa.types.is_dictionary(column.type) else column.type
    return pa.types.is_string(kind)


def _per_value(column: pa.ChunkedArray, function) -> pa.ChunkedArray:
    """`function` of every cell of a text column, worked out once per distinct value of a dictionary-encoded
    one (its dictionary) rather than once per row."""
    if not pa.types.is_dictionary(column.type):
        return function(column)
    if column.num_chunks == 0:
        return function(pc.cast(column, column.type.value_type))
    return pa.chunked_array([pc.take(function(chunk.dictionary), chunk.indices) for chunk in column.chunks])


def _tidy_text(column: pa.ChunkedArray) -> tuple[pa.ChunkedArray, int]:
    """Blank cells as missing and cells cut to Excel's limit; a dictionary-encoded column none of whose values
    needs either stays encoded. Returns the column and how many cells were cut."""
    if pa.types.is_dictionary(column.type):
        if not any(pc.any(pc.or_(_is_blank(chunk.dictionary),
                                 pc.greater(pc.utf8_length(chunk.dictionary), LIMITS.cell_chars))).as_py()
                   for chunk in column.chunks):
            return column, 0
        column = pc.cast(column, column.type.value_type)
    return limits.cut_long_cells(_blank_to_null(column))


def _is_blank(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    return pc.equal(pc.utf8_trim_whitespace(values), "")


def _blank_to_null(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Only a cell that is empty or starts with a byte that can begin a space (an ASCII control or space
    character, or any non-ASCII one) can be blank, so the costly test runs on those cells alone: a column of
    IDs passes with a look at one byte a row and no new column."""
    chunks = []
    for chunk in column.chunks:
        if not len(chunk):
            continue
        maybe = np.flatnonzero(_may_be_blank(chunk))
        blank = maybe[pc.fill_null(_is_blank(chunk.take(pa.array(maybe))), False).to_numpy(zero_copy_only=False)]
        if len(blank):
            mask = np.zeros(len(chunk), dtype=bool)
            mask[blank] = True
            chunk = pc.if_else(pa.array(mask), _NULL_TEXT, chunk)
        chunks.append(chunk)
    return pa.chunked_array(chunks, column.type)


def _may_be_blank(chunk: pa.StringArray) -> np.ndarray:
    """Per cell: empty, or its first byte is at most a space or outside ASCII (every space character, Unicode's
    too, starts with such a byte)."""
    offsets, data = _text_buffers(chunk)
    first = data[np.minimum(offsets[:-1], len(data) - 1)]
    return (offsets[1:] == offsets[:-1]) | (first <= 0x20) | (first >= 0x80)


def _may_be_datetime(chunk: pa.StringArray) -> bool:
    """Whether any cell has at least 19 bytes, the fifth a dash (`2024-09-03 10:30:00`)."""
    if not len(chunk):
        return False
    offsets, data = _text_buffers(chunk)
    starts = offsets[:-1][np.diff(offsets) >= 19]
    return bool(len(starts)) and bool((data[starts + 4] == ord("-")).any())


def _text_buffers(chunk: pa.StringArray) -> tuple[np.ndarray, np.ndarray]:
    """A text chunk's offsets (one more than its cells) and bytes (at least one), as views of its buffers."""
    offsets = np.frombuffer(chunk.buffers()[1], np.int32, len(chunk) + 1, chunk.offset * 4)
    text = chunk.buffers()[2]
    return offsets, np.frombuffer(text, np.uint8) if text is not None and text.size else np.zeros(1, np.uint8)


def _drop_empty_rows(rows: pa.Table) -> pa.Table:
    kept = reduce(pc.or_, [pc.is_valid(column) for column in rows.columns])
    return rows if pc.all(kept).as_py() is not False else rows.filter(kept)


def _drop_repeated_header(rows: pa.Table, header: Row) -> tuple[pa.Table, list[str]]:
    """Some exports repeat the header line inside the data; such rows are not students (a typed column, a
    number or a date, cannot hold a header's words)."""
    if not all(map(_is_text_column, rows.columns)):
        return rows, []
    same = reduce(pc.and_, [_equals(column, cell) for column, cell in zip(rows.columns, header, strict=True)])
    count = pc.sum(same).as_py() or 0
    if not count:
        return rows, []
    note = Text.counted("ingest.note.repeated_header", count)
    return rows.filter(pc.invert(same)), [note]


def _equals(column: pa.ChunkedArray, cell: str | None) -> pa.ChunkedArray:
    if cell is None:
        return pc.is_null(column)
    return pc.fill_null(_per_value(column, lambda values: pc.equal(pc.utf8_trim_whitespace(values), cell)), False)


def _unique_names(labels: list[str]) -> tuple[list[str], list[str]]:
    """Repeats become `Score (2)`, compared ignoring case as DuckDB compares column names."""
    taken = {label.casefold() for label in labels}
    groups: dict[str, list[str]] = {}
    names = []
    for label in labels:
        group = groups.setdefault(label.casefold(), [])
        name = _fresh_name(label, len(group) + 1, taken) if group else label
        taken.add(name.casefold())
        group.append(name)
        names.append(name)
    return names, [_duplicate_note(group) for group in groups.values() if len(group) > 1]


def _fresh_name(label: str, number: int, taken: set[str]) -> str:
    while f"{label} ({number})".casefold() in taken:
        number += 1
    return f"{label} ({number})"


def _duplicate_note(group: list[str]) -> str:
    if len(group) == 2:
        return Text("ingest.note.duplicate_two", name=group[0], renamed=group[1])
    renamed = ", ".join(f"'{name}'" for name in group[1:])
    return Text("ingest.note.duplicates", count=len(group), name=group[0], renamed=renamed)
