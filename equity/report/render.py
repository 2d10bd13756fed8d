"""Files that leave the computer: a report as one self-contained HTML page (charts inline as SVG, figures as
HTML tables), a table as CSV or XLSX. PDF and slides live in `pdf` and `slides`, charts as images in `images`;
`render` picks by format. Every table carries its notes (the suppression rule among them), and every text cell
a spreadsheet could run as a formula is neutralised.
"""

import csv
import io
import re
import unicodedata
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from equity.present.tables import COUNT, GAP, INDEX, VALUE, Table
from equity.report.images import chart_svg
from equity.report.safe_cells import safe_cell
from equity.report.sections import Report, Section
from equity.words.i18n import t
from equity.words.reader import reading

FORMATS = ("html", "pdf", "pptx")
MIME = {"html": "text/html", "pdf": "application/pdf", "svg": "image/svg+xml", "png": "image/png",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "csv": "text/csv"}


def file_stem(title: str) -> str:
    """A file name from a title: its words in plain letters and digits, joined by hyphens."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[A-Za-z0-9]+", plain)).lower()[:60] or "report"


# Tables: CSV and XLSX

def table_csv(table: Table, title: str = "") -> bytes:
    """The table as CSV (UTF-8 with a byte-order mark, so Excel reads accents): a header row, the rows as
    plain numbers, then a blank line and the notes. Text cells that could run as formulas are neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if title:
        writer.writerow([safe_cell(title)])
    writer.writerow([safe_cell(c.header) for c in table.columns])
    for row in table.rows:
        writer.writerow(["" if v is None else _csv_value(v) for v in row])
    if table.notes:
        writer.writerow([])
        for note in table.notes:
            writer.writerow([safe_cell(note)])
    return out.getvalue().encode("utf-8-sig")


def _csv_value(value: object) -> object:
    if isinstance(value, float):
        return round(value, 4)
    return safe_cell(value)


NUMBER_FORMATS = {COUNT: "#,##0", GAP: '+0.0;-0.0;0.0', INDEX: "0.00"}


def _number_format(kind: str, unit: str) -> str | None:
    if kind == VALUE:
        return '0.0"%"' if unit == "%" else "0.0"
    return NUMBER_FORMATS.get(kind)


def _sheet(book: Workbook, name: str, table: Table, title: str, first: bool) -> None:
    """One table on one sheet: a bold header row (frozen, filterable), figures stored as numbers with their
    display format, then the notes (suppression rule, legend) under the table."""
    sheet = book.active if first else book.create_sheet()
    sheet.title = _sheet_name(name, book)
    header = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for j, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=1, column=j, value=safe_cell(column.header))
        cell.font, cell.fill = header, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(j)].width = 34 if j == 1 else max(12, min(30, len(column.header) + 2))
    for i, row in enumerate(table.rows, start=2):
        for j, (value, column) in enumerate(zip(row, table.columns, strict=True), start=1):
            cell = sheet.cell(row=i, column=j, value=safe_cell(value))
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cell.number_format = _number_format(column.kind, column.unit) or "General"
            elif isinstance(value, str):
                cell.data_type = "s"
    sheet.freeze_panes = "B2"
    if table.rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table.rows) + 1}"
    at = len(table.rows) + 3
    for line in (title, *table.notes):
        if line:
            cell = sheet.cell(row=at, column=1, value=safe_cell(line))
            cell.font = Font(italic=True)
            at += 1


def _sheet_name(name: str, book: Workbook) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name, and each name once."""
    clean = "".join("-" if c in "[]:*?/\\" else c for c in name).strip("'")[:28] or "Sheet"
    taken = {s.title for s in book.worksheets[:-1]} if book.worksheets else set()
    candidate, n = clean, 2
    while candidate in taken:
        candidate, n = f"{clean[:26]} {n}", n + 1
    return candidate


def table_xlsx(table: Table, title: str = "", sheet: str = "Figures") -> bytes:
    book = Workbook()
    _sheet(book, sheet, table, title, first=True)
    return _save(book)


def report_xlsx(report: Report) -> bytes:
    """Every table of a report, one sheet each, and a first sheet saying what they cover, in its language."""
    with reading(report.lang):
        return _workbook(report)


def _workbook(report: Report) -> bytes:
    book = Workbook()
    about = book.active
    about.title = _sheet_name(t("report.contents"), book)
    lines = [report.title, *report.context, t("report.aggregates_only"), report.privacy]
    if report.notes:
        lines += [t("report.notes"), report.notes]
    lines += [f"{i}. {s.title}" for i, s in enumerate(report.sections, start=1)]
    for i, line in enumerate(lines, start=1):
        cell = about.cell(row=i, column=1, value=safe_cell(line))
        cell.font = Font(bold=i == 1, size=14 if i == 1 else 11)
    about.column_dimensions["A"].width = 120
    for i, section in enumerate(report.sections, start=1):
        _sheet(book, f"{i} {section.title}", section.table, section.title, first=False)
    return _save(book)


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# The report as one HTML page: Jinja2 templates in templates/, every value escaped by autoescape; only the
# chart SVG (drawn by vl-convert from the chart, its text escaped there) and a rendered table go in as markup.

TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True,
                        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def report_html(report: Report) -> str:
    """One self-contained page: no script, no external file; charts inline as SVG with a title and
    aria-label, every chart followed by the table behind it."""
    with reading(report.lang):
        return _html(report)


def _html(report: Report) -> str:
    """The page in the reader's language: report_html reads it in the report's."""
    sections = [_html_section(section, i) for i, section in enumerate(report.sections, start=1)]
    return TEMPLATES.get_template("report.html").render(
        report=report, notes=[p for p in report.notes.splitlines() if p.strip()], sections=sections,
        words={key: t(f"report.{key}") for key in ("aggregates_only", "notes", "contents", "generated_by")},
        created=t("report.created", date=report.created))


def _html_section(section: Section, number: int) -> dict:
    svg = None if section.chart is None else \
        _accessible_svg(chart_svg(section.chart), section.alt_text, f"s{number}-chart")
    return {"number": number, "section": section, "svg": svg,
            "chart_caption": t("report.chart_caption", number=number, title=section.title),
            "table": html_table(section.table, t("report.table_caption", number=number, title=section.title))}


def _accessible_svg(svg: str, alt_text: str, ident: str) -> Markup:
    """The SVG as an image for assistive technology: role, label, and a <title> child."""
    start = svg.index("<svg") + len("<svg")
    opened = svg.index(">", start) + 1
    return Markup(svg[:start]) + Markup(' role="img" aria-labelledby="{}"').format(ident) \
        + Markup(svg[start:opened]) + Markup('<title id="{}">{}</title>').format(ident, alt_text) + Markup(svg[opened:])


def html_table(table: Table, caption: str) -> Markup:
    """An accessible HTML table: a caption, column headers, the first cell of each row as its header."""
    table = table.compact()
    rows = [(table.hidden_row(i), texts) for i, texts in enumerate(table.text_rows())]
    text = [c.kind not in (COUNT, VALUE, GAP, INDEX) for c in table.columns]
    return Markup(TEMPLATES.get_template("table.html").render(table=table, rows=rows, caption=caption, text=text))


def render(report: Report, fmt: str) -> bytes:
    """The report as a file: 'html', 'pdf' or 'pptx', its figures written the way its language writes them."""
    with reading(report.lang):
        return _rendered(report, fmt)


def _rendered(report: Report, fmt: str) -> bytes:
    if fmt == "html":
        return report_html(report).encode("utf-8")
    # Imported when asked for: each format brings its own library, and both build on this module.
    if fmt == "pdf":
        from equity.report.pdf import report_pdf
        return report_pdf(report)
    if fmt == "pptx":
        from equity.report.slides import report_pptx
        return report_pptx(report)
    raise ValueError(f"Unknown report format '{fmt}': choose one of {', '.join(FORMATS)}.")
