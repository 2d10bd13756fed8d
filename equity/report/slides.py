"""The report as a slide deck (16:9) for a board meeting: a title slide, then per section one slide with the
chart (alt text on the picture) beside its plain-language summary, and slides with the table behind it, at most
`ROWS_PER_SLIDE` rows each. The summary is also in the speaker notes, and every slide states the privacy rule.
"""

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from equity.present.tables import COUNT, GAP, VALUE, Table
from equity.report.images import chart_png, png_size
from equity.report.sections import Report, Section
from equity.words.i18n import t

ROWS_PER_SLIDE = 9
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
TOP = Inches(1.35)                          # below the title
CHART_BOX = (Inches(8.2), Inches(5.4))      # the chart on the left, its summary in the column to its right
TITLE_ONLY, TITLE = 5, 0
DARK, GREY, BLUE = RGBColor(0x1A, 0x1A, 0x1A), RGBColor(0x55, 0x55, 0x55), RGBColor(0x00, 0x72, 0xB2)


def report_pptx(report: Report) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    cover = deck.slides.add_slide(deck.slide_layouts[TITLE])
    cover.shapes.title.text = report.title
    subtitle = cover.placeholders[1]
    # The template's placeholders are laid out for 4:3; stretch them across the wide slide.
    for shape, top, height in ((cover.shapes.title, Inches(1.6), Inches(1.6)), (subtitle, Inches(3.4), Inches(3.0))):
        shape.left, shape.top, shape.width, shape.height = MARGIN, top, WIDTH - 2 * MARGIN, height
    subtitle.text = "\n".join([*report.context, t("report.aggregates_only")])
    for paragraph in subtitle.text_frame.paragraphs:
        paragraph.font.size = Pt(16)
    _notes(cover, [*report.context, report.notes] if report.notes else report.context)
    _footer(cover, report)
    if report.notes:
        slide = _titled(deck, t("report.notes"))
        _text(slide, report.notes.splitlines(), Inches(1.4), Inches(5.2), Pt(20))
        _footer(slide, report)
    for section in report.sections:
        _section(deck, report, section)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _titled(deck, title: str):
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(1.0)
    shape.text = title
    for paragraph in shape.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        paragraph.font.size = Pt(26 if len(title) < 70 else 22)
        paragraph.font.bold = True
        paragraph.font.color.rgb = DARK
    return slide


def _text(slide, lines, top: Emu, height: Emu, size: Pt, colour: RGBColor = DARK, left: Emu = MARGIN) -> None:
    box = slide.shapes.add_textbox(left, top, WIDTH - MARGIN - left, height)
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = size
        paragraph.font.color.rgb = colour
        paragraph.space_after = Pt(4)


def _footer(slide, report: Report) -> None:
    _text(slide, [report.privacy], HEIGHT - Inches(0.55), Inches(0.45), Pt(9), GREY)


def _notes(slide, lines) -> None:
    slide.notes_slide.notes_text_frame.text = "\n".join(lines)


def _section(deck, report: Report, section: Section) -> None:
    if section.chart is not None:
        slide = _titled(deck, section.title)
        png = chart_png(section.chart)
        width, height = png_size(png)
        scale = min(CHART_BOX[0] / width, CHART_BOX[1] / height)
        w, h = int(width * scale), int(height * scale)
        picture = slide.shapes.add_picture(io.BytesIO(png), MARGIN, TOP, w, h)
        properties = picture._element.nvPicPr.cNvPr     # python-pptx has no public setter for alt text
        properties.set("descr", section.alt_text)
        properties.set("title", section.title)
        _text(slide, section.summary, TOP, Inches(5.3), Pt(16), left=MARGIN + CHART_BOX[0] + Inches(0.3))
        _notes(slide, section.summary)
        _footer(slide, report)
    pages = _pages(section.table)
    for i, rows in enumerate(pages):
        more = f" ({i + 1}/{len(pages)})" if len(pages) > 1 else ""
        slide = _titled(deck, f"{section.title}{more}")
        _table(slide, section.table, rows, [n for n in section.table.notes if n != report.privacy])
        _notes(slide, [*section.summary, *section.table.notes])
        _footer(slide, report)


def _pages(table: Table) -> list[list[int]]:
    indexes = list(range(len(table.rows)))
    return [indexes[i:i + ROWS_PER_SLIDE] for i in range(0, len(indexes), ROWS_PER_SLIDE)] or [[]]


def _table(slide, table: Table, rows: list[int], notes: list[str]) -> None:
    table = table.compact()
    texts = table.text_rows()
    width = WIDTH - 2 * MARGIN
    shape = slide.shapes.add_table(len(rows) + 1, len(table.columns), MARGIN, Inches(1.35), width,
                                   Inches(0.4) * (len(rows) + 1))
    grid = shape.table
    weights = [max(len(c.header) * 0.7, *(len(texts[r][j]) for r in rows), 6) if rows else 8
               for j, c in enumerate(table.columns)]
    weights = [min(w, 40) for w in weights]
    for j, w in enumerate(weights):
        grid.columns[j].width = int(width * w / sum(weights))
    for j, column in enumerate(table.columns):
        _cell(grid.cell(0, j), column.header, column.kind, bold=True)
    for i, r in enumerate(rows, start=1):
        for j, column in enumerate(table.columns):
            _cell(grid.cell(i, j), texts[r][j], column.kind)
    notes_top = Inches(1.45) + Inches(0.4) * (len(rows) + 1)
    _text(slide, notes, min(notes_top, HEIGHT - Inches(1.6)), Inches(1.0), Pt(10), GREY)


def _cell(cell, text: str, kind: str, bold: bool = False) -> None:
    cell.text = text
    paragraph = cell.text_frame.paragraphs[0]
    paragraph.font.size = Pt(14)
    paragraph.font.bold = bold
    paragraph.alignment = PP_ALIGN.RIGHT if kind in (COUNT, VALUE, GAP) else PP_ALIGN.LEFT
