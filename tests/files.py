"""Builders for uploaded files, made in code so no binary fixture has to live in the repository.

Rows are lists of Python values; `None` is an empty cell. Each builder returns the bytes a browser would send.
"""

import csv
import datetime as dt
import io
import random
import zipfile

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

Rows = list[list]


def csv_bytes(rows: Rows, encoding: str = "utf-8", delimiter: str = ",", bom: bool = False,
              title_lines: tuple[str, ...] = (), line_end: str = "\n", quote_all: bool = False) -> bytes:
    """A delimited text file, optionally with title lines above the table and a byte-order mark."""
    out = io.StringIO(newline="")
    for line in title_lines:
        out.write(line + line_end)
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    writer = csv.writer(out, delimiter=delimiter, lineterminator=line_end, quoting=quoting)
    writer.writerows([["" if cell is None else cell for cell in row] for row in rows])
    data = out.getvalue().encode(encoding)
    return ("\ufeff".encode(encoding) if bom else b"") + data


def xlsx_bytes(sheets: dict[str, Rows], hidden: tuple[str, ...] = ()) -> bytes:
    """An .xlsx workbook with one sheet per entry, in order; names in `hidden` are hidden sheets."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name in hidden:
            sheet.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xls_bytes(sheets: dict[str, Rows]) -> bytes:
    """A legacy .xls (BIFF8) workbook; dates get a date format so readers see them as dates."""
    import xlwt

    book = xlwt.Workbook()
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if isinstance(cell, dt.date):
                    sheet.write(r, c, cell, date_style)
                elif cell is not None:
                    sheet.write(r, c, cell)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ods_bytes(sheets: dict[str, Rows]) -> bytes:
    """An OpenDocument spreadsheet (LibreOffice), written through pandas' odf engine."""
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="odf") as writer:
        for name, rows in sheets.items():
            pd.DataFrame(rows).to_excel(writer, sheet_name=name, header=False, index=False)
    return out.getvalue()


def html_table(rows: Rows, header_cells: str = "th", caption: str | None = None) -> str:
    """One HTML `<table>`: the first row in `header_cells` (th or td), cells escaped as an export writes them."""
    from html import escape

    def cells(row: list, tag: str) -> str:
        return "".join(f"<{tag}>{'' if c is None else escape(str(c))}</{tag}>" for c in row)

    head = f"<caption>{escape(caption)}</caption>" if caption else ""
    body = "".join(f"<tr>{cells(row, header_cells if i == 0 else 'td')}</tr>\n" for i, row in enumerate(rows))
    return f"<table border=1>{head}\n{body}</table>\n"


def html_xls_bytes(tables: list[str], before: str = "", encoding: str = "utf-8", excel: bool = False) -> bytes:
    """A web page of tables as SIS exports save it under an .xls name: `before` goes first (a comment,
    `<meta>`, ...); `excel` wraps it as Excel's "Web Page" format does (namespaces, meta charset, style,
    a conditional comment with the workbook's XML)."""
    if excel:
        page = ('<html xmlns:o="urn:schemas-microsoft-com:office:office" '
                'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">\n'
                f'<head><meta http-equiv="Content-Type" content="text/html; charset={encoding}">\n'
                '<meta name=ProgId content=Excel.Sheet><style>td {mso-number-format:"\\@";}</style>\n'
                '<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet>'
                '<x:Name>Students</x:Name></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml>'
                '<![endif]-->\n</head><body>\n' + "".join(tables) + "</body></html>\n")
    else:
        page = "".join(tables)
    return (before + page).encode(encoding)


def parquet_bytes(columns: dict[str, list] | pa.Table, row_group_size: int | None = None) -> bytes:
    """A parquet file from named columns (types inferred by Arrow) or from a ready table; `row_group_size` rows
    to a row group (each read as a chunk with its own dictionary)."""
    table = columns if isinstance(columns, pa.Table) else pa.table(columns)
    out = io.BytesIO()
    pq.write_table(table, out, row_group_size=row_group_size)
    return out.getvalue()


def encrypted_xlsx_bytes(sheets: dict[str, Rows], password: str = "secret") -> bytes:
    """An .xlsx protected with "Encrypt with Password", as Excel saves it."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(xlsx_bytes(sheets))).encrypt(password, out)
    return out.getvalue()


def docx_like_zip_bytes() -> bytes:
    """A minimal Word document: a zip whose parts live under word/."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return out.getvalue()


def pdf_like_bytes() -> bytes:
    """The start of a PDF with some binary content, enough to be recognised by its signature."""
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + junk_bytes(200)


def png_bytes() -> bytes:
    """The signature and header chunk of a PNG image."""
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + junk_bytes(100)


def junk_bytes(size: int = 2000, seed: int = 7) -> bytes:
    """Random bytes, as from a file of unknown binary kind."""
    return random.Random(seed).randbytes(size)


def truncated(data: bytes, fraction: float = 0.5) -> bytes:
    """The first part of a file, as from an interrupted upload or copy."""
    return data[: int(len(data) * fraction)]


def confirmed(data: bytes, name: str):
    """A new workbench with `data` uploaded as `name` and its columns confirmed as proposed."""
    from equity.app.session import Workbench  # the file builders above need no workbench

    bench = Workbench()
    bench.upload(data, name)
    bench.confirm(bench.staged.proposal)
    return bench


SMALL_CLASS: Rows = [   # six students whose figures the filter and cube tests work out by hand
    ["Student ID", "Race", "Lunch", "ELL", "Grade", "Score"],
    ["01", "Hispanic or Latino", "F", "Y", "3", "80"],
    ["02", "Black", "Paid", "N", "4", "60"],
    ["03", "White", "R", "", "3", "90"],
    ["04", "", "Paid", "Y", "", "EX"],
    ["05", "White", "", "N", "4", "75"],
    ["06", "Asian", "F", "N", "3", "70"],
]


def students_of(rows: Rows):
    """A DuckDB connection whose `students` table holds `rows` (a CSV upload mapped as proposed)."""
    from equity.data import dataset
    from equity.data.ingest import read_upload

    con = dataset.connect()
    staged = dataset.stage(con, read_upload(csv_bytes(rows), "class.csv"))
    dataset.activate(con, staged, staged.proposal)
    return con


def table_values(table) -> pd.DataFrame:
    """A result's table (equity.present.tables.Table) as plain values under its headers, None where a figure is
    hidden: the figures before they are printed, to check against sums worked out by hand."""
    return pd.DataFrame([list(row) for row in table.rows], columns=[c.header for c in table.columns])
