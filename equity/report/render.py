"""Files that leave the computer: a report as one self-contained HTML page (charts inline as SVG, figures as
HTML tables), a chart as PNG or SVG, a table as CSV or XLSX. PDF and slides live in `report_pdf` and
`report_slides`; `render` picks by format.

Charts are drawn from their Vega-Lite spec by vl-convert, without a browser. Every table carries its notes
(the suppression rule among them), and every text cell a spreadsheet could run as a formula is neutralised.
"""

import csv
import io
import json
import re
import unicodedata
from functools import lru_cache
from html import escape

import altair as alt
import vl_convert
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from equity.report.safe_cells import safe_cell
from equity.report.sections import COUNT, GAP, INDEX, VALUE, Report, Section, Table
from equity.words.i18n import t
from equity.words.numbers import chart_locale
from equity.words.reader import reading

WIDTH = 720                       # chart width in exported files, in pixels
FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"    # one family with ◆ and ×, tried first
FORMATS = ("html", "pdf", "pptx")
MIME = {"html": "text/html", "pdf": "application/pdf", "svg": "image/svg+xml", "png": "image/png",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "csv": "text/csv"}


def static_spec(chart: alt.TopLevelMixin, width: int = WIDTH) -> str:
    """The chart's Vega-Lite spec at a fixed width (a page has no container to stretch to), as JSON."""
    fixed = chart.properties(width=width).configure(font=FONT, locale=chart_locale())
    return json.dumps(fixed.to_dict(), sort_keys=True)


@lru_cache(maxsize=64)
def _svg(spec: str) -> str:
    return vl_convert.vegalite_to_svg(json.loads(spec))


@lru_cache(maxsize=64)
def _png(spec: str, scale: float) -> bytes:
    return vl_convert.vegalite_to_png(json.loads(spec), scale=scale)


def chart_svg(chart: alt.TopLevelMixin, width: int = WIDTH) -> str:
    return _svg(static_spec(chart, width))


def chart_png(chart: alt.TopLevelMixin, width: int = WIDTH, scale: float = 2.0) -> bytes:
    """A PNG at twice the pixel density, sharp on a projector and in print."""
    return _png(static_spec(chart, width), scale)


def file_stem(title: str) -> str:
    """A file name from a title: its words in plain letters and digits, joined by hyphens."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[A-Za-z0-9]+", plain)).lower()[:60] or "report"


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height of a PNG, read from its header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


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
    """Every table of a report, one sheet each, and a first sheet saying what they cover."""
    book = Workbook()
    about = book.active
    about.title = _sheet_name(t("report.contents", report.lang), book)
    lines = [report.title, *report.context, t("report.aggregates_only", report.lang), report.privacy]
    if report.notes:
        lines += [t("report.notes", report.lang), report.notes]
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


# The report as one HTML page

STYLE = """
body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;color:#1a1a1a;line-height:1.45;
margin:0;background:#fff}
main{max-width:60rem;margin:0 auto;padding:2rem 1.5rem}
h1{font-size:2rem;margin:0 0 .5rem}h2{font-size:1.4rem;margin:2.5rem 0 .5rem;border-top:2px solid #0072B2;
padding-top:1rem}
.context{color:#333;margin:.2rem 0}.privacy{font-size:.9rem;color:#333;background:#f3f6fa;padding:.6rem .8rem;
border-left:4px solid #0072B2}
.summary p{font-size:1.1rem;margin:.4rem 0}
figure{margin:1rem 0}figure svg{max-width:100%;height:auto}figcaption{font-size:.9rem;color:#333}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.8rem 0}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border-bottom:1px solid #ccc;padding:.3rem .5rem;text-align:right;vertical-align:top}
th:first-child,td:first-child,.text{text-align:left}thead th{border-bottom:2px solid #333}
tr.hidden-row td,tr.hidden-row th{color:#555;font-style:italic}
.notes li{font-size:.85rem;color:#333}footer{margin-top:3rem;font-size:.85rem;color:#333}
@media print{h2{break-before:page}figure,table{break-inside:avoid}main{max-width:none}}
"""


def report_html(report: Report) -> str:
    """One self-contained page: no script, no external file; charts inline as SVG with a title and
    aria-label, every chart followed by the table behind it."""
    with reading(report.lang):
        return _html(report)


def _html(report: Report) -> str:
    lang = report.lang
    parts = [f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
             f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
             f"<title>{escape(report.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<header>\n"
             f"<h1>{escape(report.title)}</h1>\n"]
    parts += [f'<p class="context">{escape(line)}</p>\n' for line in report.context]
    parts.append(f'<p class="privacy">{escape(t("report.aggregates_only", lang))} '
                 f'{escape(report.privacy)}</p>\n</header>\n')
    if report.notes:
        parts.append(f'<section aria-labelledby="notes"><h2 id="notes">{escape(t("report.notes", lang))}</h2>\n'
                     + "".join(f"<p>{escape(p)}</p>\n" for p in report.notes.splitlines() if p.strip())
                     + "</section>\n")
    if len(report.sections) > 1:
        items = "".join(f'<li><a href="#s{i}">{escape(s.title)}</a></li>'
                        for i, s in enumerate(report.sections, start=1))
        parts.append(f'<nav aria-labelledby="toc"><h2 id="toc">{escape(t("report.contents", lang))}</h2>'
                     f"<ol>{items}</ol></nav>\n")
    for i, section in enumerate(report.sections, start=1):
        parts.append(_html_section(section, i, lang))
    parts.append(f"<footer><p>{escape(report.privacy)}</p><p>{escape(t('report.created', lang, date=report.created))}"
                 f" · {escape(t('report.generated_by', lang))}</p></footer>\n</main>\n</body>\n</html>\n")
    return "".join(parts)


def _html_section(section: Section, number: int, lang: str) -> str:
    head = f'<section id="s{number}" aria-labelledby="s{number}-title">\n' \
           f'<h2 id="s{number}-title">{number}. {escape(section.title)}</h2>\n'
    summary = '<div class="summary">' + "".join(f"<p>{escape(s)}</p>" for s in section.summary) + "</div>\n"
    figure = ""
    if section.chart is not None:
        svg = _accessible_svg(chart_svg(section.chart), section.alt_text, f"s{number}-chart")
        caption = escape(t("report.chart_caption", lang, number=number, title=section.title))
        figure = (f'<figure aria-label="{escape(section.alt_text)}">\n{svg}\n<figcaption>{caption}</figcaption>\n'
                  "</figure>\n")
    table = html_table(section.table, t("report.table_caption", lang, number=number, title=section.title))
    notes = "".join(f"<li>{escape(n)}</li>" for n in section.table.notes)
    return f'{head}{summary}{figure}{table}<ul class="notes">{notes}</ul>\n</section>\n'


def _accessible_svg(svg: str, alt_text: str, ident: str) -> str:
    """The SVG as an image for assistive technology: role, label, and a <title> child."""
    start = svg.index("<svg") + len("<svg")
    opened = svg.index(">", start) + 1
    return (svg[:start] + f' role="img" aria-labelledby="{ident}"' + svg[start:opened]
            + f'<title id="{ident}">{escape(alt_text)}</title>' + svg[opened:])


def html_table(table: Table, caption: str) -> str:
    """An accessible HTML table: a caption, column headers, the first cell of each row as its header."""
    table = table.compact()
    heads = "".join(f'<th scope="col"{_class(c.kind)}>{escape(c.header)}</th>' for c in table.columns)
    body = []
    for i, texts in enumerate(table.text_rows()):
        hidden = ' class="hidden-row"' if table.hidden_row(i) else ""
        cells = [f'<th scope="row">{escape(texts[0])}</th>']
        cells += [f"<td{_class(c.kind)}>{escape(text)}</td>" for text, c in zip(texts[1:], table.columns[1:],
                                                                             strict=True)]
        body.append(f"<tr{hidden}>{''.join(cells)}</tr>")
    return (f"<table><caption>{escape(caption)}</caption><thead><tr>{heads}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>\n")


def _class(kind: str) -> str:
    return ' class="text"' if kind not in (COUNT, VALUE, GAP, INDEX) else ""


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
