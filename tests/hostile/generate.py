"""Hostile and broken uploads, built on demand so that no bomb or junk file lives in the repository.

    python tests/hostile/generate.py FOLDER [NAME ...]

Each case says what reading it must give: "refused" with a message containing `keyword`, or "read" into a
table whose size stays bounded. Large files are written as streams, so generating them stays cheap in memory.
"""

import csv
import io
import random
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

MIB = 1 << 20
MAIN_NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
           'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
INJECTED = ("<script>alert('x')</script>", "**bold** _it_", "[click](javascript:alert(1))",
            "![pixel](http://example.invalid/p.png)", "=cmd|' /C calc'!A0", ":red[Red] $x^2$", "# Title",
            "<img src=x onerror=alert(1)>")
# Values that a spreadsheet would run as formulas once the guard is passed (OWASP's CSV-injection list): after
# leading blanks or line breaks, in full-width and small forms, and after a delimiter that an import splits on.
FORMULA_GAPS = ("=1+1", "+1+1", "-1+1", "@SUM(A1)", "\tx", "\rx", "\n=1+1", " =1+1", "\r\n+1", "\u3000@x",
                "\uff1d1+1", "\uff0b1", "\uff0d1", "\uff20SUM(A1)", "\ufe661+1", "x;=1+1", "x,=1+1", "x\t=1+1",
                "x; -1+1", "a;b;\uff1d1")


@dataclass(frozen=True)
class Case:
    name: str                          # the file name, whose extension is what an uploader would send
    write: Callable[[Path], None]
    expect: str                        # "refused" or "read"
    keyword: str = ""                  # a word a refusal message must contain
    slow: bool = False                 # takes more than a few seconds to build or read
    rows: int | None = None            # the data rows a read must give, where it matters


# --- A minimal xlsx writer, with full control over every part -------------------------------------------


def column_letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA, 16383 -> XFD."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def text_cell(ref: str, text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escaped}</t></is></c>'


def number_cell(ref: str, value: float) -> str:
    return f'<c r="{ref}"><v>{value}</v></c>'


def table_rows(rows: list[list], first: int = 1) -> str:
    """Rows of text and numbers as sheet XML with explicit references."""
    out = []
    for r, row in enumerate(rows, start=first):
        cells = [text_cell(f"{column_letters(c)}{r}", v) if isinstance(v, str) else
                 number_cell(f"{column_letters(c)}{r}", v) for c, v in enumerate(row) if v is not None]
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    return "".join(out)


def sheet_xml(body: str, head: str = "", prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}<worksheet {MAIN_NS}>{head}'
            f"<sheetData>{body}</sheetData></worksheet>").encode()


def package_parts(shared_strings: bool = False, external_link: bool = False) -> dict[str, bytes]:
    """Everything of a one-sheet workbook except the sheet itself."""
    overrides = ['<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                 'officedocument.spreadsheetml.sheet.main+xml"/>',
                 f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SHEET_TYPE}"/>']
    relations = [f'<Relationship Id="rId1" Type="{REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>']
    if shared_strings:
        overrides.append('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxml'
                         'formats-officedocument.spreadsheetml.sharedStrings+xml"/>')
        relations.append(f'<Relationship Id="rId2" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>')
    references = ""
    if external_link:
        relations.append(f'<Relationship Id="rId3" Type="{REL_NS}/externalLink" '
                         'Target="externalLinks/externalLink1.xml"/>')
        references = '<externalReferences><externalReference r:id="rId3"/></externalReferences>'
    return {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
            'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            + "".join(overrides) + "</Types>").encode(),
        "_rels/.rels": (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_NS}"><Relationship '
                        f'Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
                        ).encode(),
        "xl/workbook.xml": (f'<?xml version="1.0" encoding="UTF-8"?><workbook {MAIN_NS}><sheets><sheet '
                            f'name="Grades" sheetId="1" r:id="rId1"/></sheets>{references}</workbook>').encode(),
        "xl/_rels/workbook.xml.rels": (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_NS}">'
                                       + "".join(relations) + "</Relationships>").encode(),
    }


def write_xlsx(path: Path, sheet: bytes | Iterable[bytes], extra: dict[str, bytes] | None = None) -> None:
    """A workbook whose sheet XML may be a stream of pieces; `extra` adds or replaces other members."""
    extra = extra or {}
    members = {**package_parts("xl/sharedStrings.xml" in extra, "xl/externalLinks/externalLink1.xml" in extra),
               **extra}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            for piece in [sheet] if isinstance(sheet, bytes) else sheet:
                out.write(piece)


# --- A raw zip writer, for members whose declared sizes are chosen rather than computed --------------------


@dataclass(frozen=True)
class RawMember:
    name: str
    compressed: bytes      # a raw deflate stream
    crc: int
    size: int              # the uncompressed size written in the headers


def deflated(data: bytes) -> RawMember:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return RawMember("", compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data))


def write_raw_zip(path: Path, members: list[RawMember]) -> None:
    """Local headers, data and central directory, written by hand (sizes under 4 GiB, so no zip64)."""
    with path.open("wb") as out:
        directory = []
        for member in members:
            name = member.name.encode()
            offset = out.tell()
            out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, member.crc,
                                  len(member.compressed), member.size, len(name), 0) + name)
            out.write(member.compressed)
            directory.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, member.crc,
                                         len(member.compressed), member.size, len(name), 0, 0, 0, 0, 0, offset)
                             + name)
        start = out.tell()
        out.write(b"".join(directory))
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(directory), len(directory),
                              out.tell() - start, start, 0))


def repeated_sheet(head: bytes, unit: bytes, total: int, tail: bytes) -> tuple[bytes, int, int]:
    """A raw deflate stream of `head`, then `unit` repeated to about `total` bytes, then `tail`, made by
    compressing one MiB block after a full flush and repeating its bytes: building it costs one MiB of
    compression, not `total`. Returns the stream, its CRC-32 and its uncompressed size."""
    block = unit * (MIB // len(unit))
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    copy = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    blocks = max(1, total // len(block))
    end = compressor.compress(tail) + compressor.flush()
    crc = zlib.crc32(head)
    for _ in range(blocks):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    return start + copy * blocks + end, crc, len(head) + blocks * len(block) + len(tail)


def bomb_members(total: int, declared: int | None = None) -> list[RawMember]:
    """A workbook whose sheet XML inflates to `total` bytes, almost all of it the blank space XML allows
    between rows (it compresses about 1000:1); `declared` lies about the size."""
    head = sheet_xml(table_rows([["Name", "Score"], ["Ann", 3]]))[:-len(b"</sheetData></worksheet>")]
    stream, crc, size = repeated_sheet(head, b" ", total, b"</sheetData></worksheet>")
    members = [replace(deflated(data), name=name) for name, data in package_parts().items()]
    members.append(RawMember("xl/worksheets/sheet1.xml", stream, crc, size if declared is None else declared))
    return members


# --- The cases ------------------------------------------------------------------------------------------


def zip_bomb(path: Path) -> None:
    """2 GiB of sheet XML in about 2 MB: refused from the zip directory before anything inflates."""
    write_raw_zip(path, bomb_members(2048 * MIB))


def many_sheets(path: Path) -> None:
    """60 sheets of 15.5 MiB each (930 MiB in about 4 MB): every part under the size from which one part's
    ratio is checked, the whole archive at a ratio above 250."""
    head = sheet_xml(table_rows([["Name", "Score"], ["Ann", 3]]))[:-len(b"</sheetData></worksheet>")]
    stream, crc, size = repeated_sheet(head, b" ", 31 * MIB // 2, b"</sheetData></worksheet>")
    members = [replace(deflated(data), name=name) for name, data in package_parts().items()]
    members += [RawMember(f"xl/worksheets/sheet{i}.xml", stream, crc, size) for i in range(1, 61)]
    write_raw_zip(path, members)


def lying_zip(path: Path) -> None:
    """A directory that says 2 KB for a member that inflates to 64 MiB: the check must not trust it."""
    write_raw_zip(path, bomb_members(64 * MIB, declared=2048))


def huge_dimension(path: Path) -> None:
    """A declared dimension of every cell Excel allows, with a handful of real cells."""
    rows = table_rows([["Name", "Score"], ["Ann", 5], ["Bob", 6]])
    write_xlsx(path, sheet_xml(rows, head='<dimension ref="A1:XFD1048576"/>'))


def far_corners(path: Path) -> None:
    """Real cells at A1 and XFD1048576: a reader that allocates the rectangle between them needs 0.5 TB."""
    rows = table_rows([["Name", "Score"], ["Ann", 5]])
    far = f'<row r="1048576">{text_cell("XFD1048576", "far")}</row>'
    write_xlsx(path, sheet_xml(rows + far, head='<dimension ref="A1:XFD1048576"/>'))


def billion_laughs(path: Path) -> None:
    """Nested XML entities in the sheet and in the shared strings, which would expand to gigabytes."""
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)]
    doctype = f"<!DOCTYPE lolz [{''.join(entities)}]>"
    body = (f'<row r="1">{text_cell("A1", "Name")}<c r="B1" t="s"><v>0</v></c></row>'
            f'<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c><c r="B2"><v>1</v></c></row>')
    shared = (f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<sst {MAIN_NS} count="1" uniqueCount="1">'
              "<si><t>&lol9;</t></si></sst>").encode()
    write_xlsx(path, sheet_xml(body, prolog=doctype), {"xl/sharedStrings.xml": shared})


def formulas(path: Path) -> None:
    """Formulas with cached values, a web-service call and an external workbook link: only values are read."""
    link = (f'<?xml version="1.0" encoding="UTF-8"?><externalLink {MAIN_NS}><externalBook r:id="rId1">'
            '<sheetNames><sheetName val="Secret"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1">'
            '<cell r="A1"><v>99</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>'
            ).encode()
    link_rels = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_NS}"><Relationship Id="rId1" '
                 f'Type="{REL_NS}/externalLinkPath" Target="http://example.invalid/secret.xlsx" '
                 'TargetMode="External"/></Relationships>').encode()
    body = (f'<row r="1">{text_cell("A1", "Name")}{text_cell("B1", "Score")}{text_cell("C1", "Linked")}'
            f'{text_cell("D1", "Formula text")}</row>'
            f'<row r="2">{text_cell("A2", "Ann")}<c r="B2"><f>SUM(1,2)</f><v>3</v></c>'
            f'<c r="C2"><f>[1]Secret!A1</f><v>99</v></c>'
            f'<c r="D2" t="str"><f>WEBSERVICE("http://example.invalid/")</f><v>#VALUE!</v></c></row>'
            f'<row r="3">{text_cell("A3", "Bob")}<c r="B3"><f>B2*2</f><v>6</v></c><c r="C3"><v>1</v></c>'
            + text_cell("D3", '=HYPERLINK("http://example.invalid")') + "</row>")
    write_xlsx(path, sheet_xml(body), {"xl/externalLinks/externalLink1.xml": link,
                                       "xl/externalLinks/_rels/externalLink1.xml.rels": link_rels})


def wide_xlsx(path: Path) -> None:
    """16,384 columns, every column Excel allows."""
    header = [f"Q{i}" for i in range(16384)]
    write_xlsx(path, sheet_xml(table_rows([header, list(range(16384))])))


def wide_csv(path: Path) -> None:
    header = ",".join(f"Q{i}" for i in range(16384))
    path.write_text(header + "\n" + ",".join("1" for _ in range(16384)) + "\n", encoding="utf-8")


def million_rows_xlsx(path: Path) -> None:
    """1,048,576 rows, Excel's maximum, streamed row by row."""
    def pieces() -> Iterator[bytes]:
        yield sheet_xml(table_rows([["Student ID", "Score"]]))[:-len(b"</sheetData></worksheet>")]
        for start in range(2, 1_048_577, 8192):
            yield "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><v>{r % 100}</v></c></row>'
                          for r in range(start, min(start + 8192, 1_048_577))).encode()
        yield b"</sheetData></worksheet>"
    write_xlsx(path, pieces())


def million_rows_csv(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("Student ID,Race,Score\n")
        races = ("Asian", "Black", "Hispanic", "White")
        for start in range(0, 1_048_575, 65536):
            out.write("".join(f"{i:07d},{races[i % 4]},{i % 100}\n"
                              for i in range(start, min(start + 65536, 1_048_575))))


def junk(path: Path) -> None:
    path.write_bytes(random.Random(6).randbytes(256 * 1024))


def junk_zip(path: Path) -> None:
    """A zip signature followed by noise."""
    path.write_bytes(b"PK\x03\x04" + random.Random(7).randbytes(64 * 1024))


def truncated_xlsx(path: Path) -> None:
    formulas(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])


def truncated_csv(path: Path) -> None:
    """Cut off inside a quoted value, as an interrupted download leaves it."""
    path.write_text('Name,Comment,Score\nAnn,"fine",3\nBob,"goes on and on', encoding="utf-8")


def truncated_parquet(path: Path) -> None:
    out = io.BytesIO()
    pq.write_table(pa.table({"Name": ["Ann", "Bob"] * 500, "Score": list(range(1000))}), out)
    path.write_bytes(out.getvalue()[:-300])


def parquet_bomb(path: Path) -> None:
    """A column of 200 million identical values: a few KB on disk, gigabytes in memory."""
    batch = pa.table({"Score": pa.array([1] * 1_000_000, pa.int8())})
    with pq.ParquetWriter(path, batch.schema, compression="zstd") as writer:
        for _ in range(200):
            writer.write_table(batch)


def parquet_dictionary_bomb(path: Path) -> None:
    """One 32,767-character string, dictionary-encoded and referenced by 30,000 rows: about 70 KB on disk,
    nearly 1 GB once decoded, while the footer's sizes count the encoded form."""
    column = pa.DictionaryArray.from_arrays(pa.array([0] * 30_000, pa.int32()), pa.array(["x" * 32_767]))
    pq.write_table(pa.table({"Name": pa.array([f"S{i}" for i in range(30_000)]), "Comment": column}), path,
                   compression="zstd")


def parquet_many_dictionaries(path: Path) -> None:
    """Twelve such columns over 100,000 rows, in row groups of 10,000: 39 GB once decoded."""
    indices = pa.array([0] * 100_000, pa.int32())
    columns = {f"Comment {i}": pa.DictionaryArray.from_arrays(indices, pa.array([chr(65 + i) * 32_767]))
               for i in range(12)}
    pq.write_table(pa.table(columns), path, compression="zstd", row_group_size=10_000)


def parquet_fallback_bomb(path: Path) -> None:
    """The dictionary bomb, followed by distinct values that overflow the dictionary into plain pages: a column
    read as plain text (as IDs are) must still count the references to its long entry before decoding them."""
    column = ["x" * 32_767] * 30_000 + [f"S{i}" for i in range(5000)]
    pq.write_table(pa.table({"Comment": column}), path, compression="zstd", dictionary_pagesize_limit=40_000)


def shared_string_bomb(path: Path) -> None:
    """One 32,767-character shared string referenced by 20,000 cells: 60 KB, 655 MB of cell text."""
    shared = (f'<?xml version="1.0" encoding="UTF-8"?><sst {MAIN_NS} count="20000" uniqueCount="2">'
              f'<si><t>Comment</t></si><si><t>{"x" * 32_767}</t></si></sst>').encode()
    rows = [f'<row r="1">{text_cell("A1", "Name")}<c r="B1" t="s"><v>0</v></c></row>']
    rows += [f'<row r="{r}">{text_cell(f"A{r}", f"S{r}")}<c r="B{r}" t="s"><v>1</v></c></row>'
             for r in range(2, 20_002)]
    write_xlsx(path, sheet_xml("".join(rows)), {"xl/sharedStrings.xml": shared})


def wide_long_csv(path: Path) -> None:
    """1,000 columns and 80 MB: every limit met, and a lot for one server process to parse."""
    header = ",".join(f"Q{i}" for i in range(1000)) + "\n"
    line = ",".join(f"{i % 97}.{i % 7}" for i in range(1000)) + "\n"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(header)
        out.write(line * (80 * MIB // len(line)))


def mixed_encodings(path: Path) -> None:
    """UTF-8 lines and Windows-1252 lines in one file, as after pasting two exports together."""
    lines = ["José,Café Élan,3\n".encode(), "Zoë,Niño,4\n".encode("cp1252"), "Renée,Ærø,5\n".encode()]
    path.write_bytes(b"Name,School,Score\n" + b"".join(lines * 20))


def nul_bytes(path: Path) -> None:
    """NUL characters inside values, below the first screen of text."""
    rows = ["Name,Score"] + [f"Student {i},{i % 100}" for i in range(400)]
    rows[300] = "Nul\x00Student,5\x00"
    path.write_bytes(("\n".join(rows) + "\n").encode())


def nul_header(path: Path) -> None:
    path.write_bytes(b"Na\x00me,Score\nAnn,3\nBob,4\n")


def long_cell_csv(path: Path) -> None:
    """A 10 MB cell."""
    path.write_text("Name,Comment,Score\nAnn," + "x" * (10 * MIB) + ",3\nBob,short,4\n", encoding="utf-8")


def long_cell_xlsx(path: Path) -> None:
    rows = table_rows([["Name", "Comment", "Score"], ["Ann", "x" * (10 * MIB), 3], ["Bob", "short", 4]])
    write_xlsx(path, sheet_xml(rows))


def injected_headers(path: Path) -> None:
    """HTML, script, markdown and formulas as headers and values, to be shown as text and exported inert."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Student ID", *INJECTED])
    for i in range(12):
        writer.writerow([f"{i:03d}", *(f"{text} {i}" if j % 2 else text for j, text in enumerate(INJECTED))])
    path.write_text(out.getvalue(), encoding="utf-8")


def formula_gaps(path: Path) -> None:
    """Each formula spelling as a header and as a value, to be exported inert. A workbook, because tabs and
    line breaks in values make any delimiter guess of a CSV moot."""
    header = ["Student ID", "Note", *(f"H{i} {text}" for i, text in enumerate(FORMULA_GAPS))]
    rows = [[f"{i:03d}", text, *FORMULA_GAPS] for i, text in enumerate(FORMULA_GAPS)]
    write_xlsx(path, sheet_xml(table_rows([header, *rows])))


def injected_xlsx(path: Path) -> None:
    """The same labels in a workbook, also as the sheet name and in a title row."""
    rows = [["<b>Title</b> **loud**"], [], ["Student ID", *INJECTED],
            *[[f"{i:03d}", *INJECTED] for i in range(12)]]
    write_xlsx(path, sheet_xml(table_rows(rows)))


def write_ods(path: Path, table: str) -> None:
    """An OpenDocument spreadsheet with one table, as LibreOffice lays the package out."""
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="Grades">{table}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type='
                '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path='
                '"content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)


def ods_cell(value: str) -> str:
    return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'


def ods_repeats(path: Path) -> None:
    """One filled cell repeated across 16,384 columns and 1,048,575 rows: 17 billion cells in 1 KB."""
    header = f"<table:table-row>{ods_cell('Name')}{ods_cell('Score')}</table:table-row>"
    bomb = ('<table:table-row table:number-rows-repeated="1048575"><table:table-cell '
            'table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p>'
            "</table:table-cell></table:table-row>")
    write_ods(path, header + bomb)


def too_many_members(path: Path) -> None:
    """A workbook package padded with 20,000 empty parts."""
    formulas(path)
    with zipfile.ZipFile(path, "a") as archive:
        for i in range(20_000):
            archive.writestr(f"xl/media/pad{i}.bin", b"")


CASES = (
    Case("zip_bomb.xlsx", zip_bomb, "refused", "large"),
    Case("lying_sizes.xlsx", lying_zip, "refused", "damaged"),
    Case("many_sheets.xlsx", many_sheets, "refused", "together"),
    Case("huge_dimension.xlsx", huge_dimension, "read", rows=2),
    Case("far_corners.xlsx", far_corners, "refused", "memory"),
    Case("billion_laughs.xlsx", billion_laughs, "refused", "damaged"),
    Case("formulas.xlsx", formulas, "read"),
    Case("wide.xlsx", wide_xlsx, "refused", "columns"),
    Case("wide.csv", wide_csv, "refused", "columns"),
    Case("million_rows.xlsx", million_rows_xlsx, "read", slow=True, rows=1_048_575),
    Case("million_rows.csv", million_rows_csv, "read", rows=1_048_575),
    Case("junk.bin", junk, "refused", "binary"),
    Case("junk.xlsx", junk_zip, "refused", "damaged"),
    Case("truncated.xlsx", truncated_xlsx, "refused", "damaged"),
    Case("truncated.csv", truncated_csv, "refused", "quote"),
    Case("truncated.parquet", truncated_parquet, "refused", "damaged"),
    Case("parquet_bomb.parquet", parquet_bomb, "refused", "large"),
    Case("dictionary_bomb.parquet", parquet_dictionary_bomb, "refused", "text"),
    Case("many_dictionaries.parquet", parquet_many_dictionaries, "refused", "text"),
    Case("fallback_bomb.parquet", parquet_fallback_bomb, "refused", "text"),
    Case("shared_strings.xlsx", shared_string_bomb, "refused", "text"),
    Case("wide_long.csv", wide_long_csv, "read", slow=True, rows=80 * MIB // 4890),
    Case("mixed_encodings.csv", mixed_encodings, "read"),
    Case("nul_bytes.csv", nul_bytes, "read"),
    Case("nul_header.csv", nul_header, "refused", "binary"),
    Case("long_cell.csv", long_cell_csv, "refused", "long"),
    Case("long_cell.xlsx", long_cell_xlsx, "read"),
    Case("injected_headers.csv", injected_headers, "read"),
    Case("injected.xlsx", injected_xlsx, "read"),
    Case("formula_gaps.xlsx", formula_gaps, "read", rows=len(FORMULA_GAPS)),
    Case("too_many_members.xlsx", too_many_members, "refused", "parts"),
    Case("repeats.ods", ods_repeats, "refused", "damaged"),
)


def generate(folder: Path, names: Iterable[str] = ()) -> dict[str, Path]:
    """Write the cases (all, or those named) into `folder`; returns their paths by name."""
    wanted = set(names)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for case in CASES:
        if wanted and case.name not in wanted:
            continue
        path = folder / case.name
        case.write(path)
        paths[case.name] = path
    return paths


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for name, path in generate(Path(sys.argv[1]), sys.argv[2:]).items():
        print(f"{path.stat().st_size:>12,}  {name}")
