"""The report as a PDF for a board packet: a cover with what the figures cover and the privacy rule, then one
section per page (summary, chart as a PNG with alt text, the table behind it, its notes), page numbers and
the rule in the footer.

A Unicode font (DejaVu Sans, common on Linux, or Arial) is used when one is installed; otherwise the
built-in Helvetica, with the few symbols it lacks spelled out.
"""

import io
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from equity.present.tables import COUNT, GAP, TEXT, VALUE, Table
from equity.report.images import chart_png, png_size
from equity.report.sections import Report, Section
from equity.words.i18n import t

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
             Path("/usr/local/share/fonts"), Path.home() / ".fonts", Path("/Library/Fonts"),
             Path("C:/Windows/Fonts"))
FONT_FILES = (("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"),
              ("arial.ttf", "arialbd.ttf", "ariali.ttf"), ("Arial.ttf", "Arial Bold.ttf", "Arial Italic.ttf"))
PLAIN = {"—": "-", "–": "-", "◆": "*", "×": "x", "≥": ">=", "≤": "<=", "…": "...", "’": "'", "‘": "'",
         "“": '"', "”": '"'}
BLUE = (0, 114, 178)
GREY = (85, 85, 85)
SHORT_TEXT = 20            # mm: a text column this narrow (a yes/no flag) is never squeezed
TEXT_CAP = 55          # mm: wider text columns wrap
CAPTION = 9           # mm: the line under a chart
MIN_CHART = 0.75      # a chart shrinks to no less than this share of its size to keep its table beside it
CHART_WIDTH = 560     # px: the chart's text prints at about 8 to 9 pt across the page


def _unicode_font() -> tuple[Path, Path, Path] | None:
    for folder in FONT_DIRS:
        for regular, bold, italic in FONT_FILES:
            files = (folder / regular, folder / bold, folder / italic)
            if all(f.is_file() for f in files):
                return files
    return None


class _Document(FPDF):
    def __init__(self, report: Report) -> None:
        super().__init__(format="Letter", unit="mm")
        self.report = report
        fonts = _unicode_font()
        if fonts:
            for style, path in zip(("", "B", "I"), fonts, strict=True):
                self.add_font("Body", style, str(path))
            self.family, self.unicode = "Body", True
        else:
            self.family, self.unicode = "Helvetica", False
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=22)
        self.set_lang(report.lang)
        self.set_title(report.title)
        self.set_creator(t("report.generated_by"))

    def text_of(self, text: str) -> str:
        """Text the font can print."""
        if self.unicode:
            return text
        for symbol, plain in PLAIN.items():
            text = text.replace(symbol, plain)
        return text.encode("latin-1", "replace").decode("latin-1")

    def style(self, size: float, style: str = "", colour: tuple[int, int, int] = (26, 26, 26)) -> None:
        self.set_font(self.family, style, size)
        self.set_text_color(*colour)

    def paragraph(self, text: str, size: float = 10.5, style: str = "", colour=(26, 26, 26), after: float = 1.5
                  ) -> None:
        self.style(size, style, colour)
        self.multi_cell(0, size * 0.5, self.text_of(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(after)

    def footer(self) -> None:
        self.set_y(-16)
        self.style(7.5, "", GREY)
        self.multi_cell(0, 3.4, self.text_of(self.report.privacy), align="L", new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 4, self.text_of(t("report.page", page=self.page_no(), pages="{nb}")), align="R")


def report_pdf(report: Report) -> bytes:
    pdf = _Document(report)
    pdf.add_page()
    pdf.paragraph(report.title, 22, "B", after=3)
    for line in report.context:
        pdf.paragraph(line, 10, colour=(51, 51, 51), after=0.5)
    pdf.ln(2)
    pdf.set_fill_color(243, 246, 250)
    pdf.style(9.5)
    pdf.multi_cell(0, 4.8, pdf.text_of(f"{t('report.aggregates_only')} {report.privacy}"),
                   align="L", fill=True, padding=2.5, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    if report.notes:
        pdf.paragraph(t("report.notes"), 13, "B")
        pdf.paragraph(report.notes)
    if len(report.sections) > 1:
        pdf.paragraph(t("report.contents"), 13, "B")
        for i, section in enumerate(report.sections, start=1):
            pdf.paragraph(f"{i}. {section.title}", 10.5, after=0.5)
    pdf.paragraph(t("report.created", date=report.created), 9, colour=GREY, after=0)
    scratch = _Document(report)          # where tables are laid out first, to measure them
    for i, section in enumerate(report.sections, start=1):
        pdf.add_page()
        _section(pdf, section, i, scratch)
    return bytes(pdf.output())


def _section(pdf: _Document, section: Section, number: int, scratch: _Document) -> None:
    """Title, summary, chart and table; the chart shrinks (to no less than `MIN_CHART` of its width) when that
    keeps its table on the same page, and a table that would break after a few rows starts on a new one."""
    pdf.start_section(pdf.text_of(f"{number}. {section.title}"))
    pdf.paragraph(f"{number}. {section.title}", 14, "B", BLUE, after=2)
    for sentence in section.summary:
        pdf.paragraph(sentence, 11, after=1.2)
    pdf.ln(2)
    if section.chart is not None:
        png = chart_png(section.chart, CHART_WIDTH)
        width, height = png_size(png)
        w = pdf.epw
        h = w * height / width
        table_height = _table_height(scratch, section.table)
        room = pdf.page_break_trigger - pdf.get_y() - CAPTION - table_height
        if h > room >= h * MIN_CHART:
            w, h = w * room / h, room
        if pdf.get_y() + h > pdf.page_break_trigger:
            pdf.add_page()
        pdf.image(io.BytesIO(png), x=pdf.l_margin + (pdf.epw - w) / 2, w=w, h=h,
                  alt_text=pdf.text_of(section.alt_text), title=pdf.text_of(section.title))
        pdf.paragraph(t("report.chart_caption", number=number, title=section.title), 8.5, "I", GREY, after=3)
    # A table starts on a new page when it would break with fewer than its head and four rows on this one.
    rows = len(section.table.rows)
    start = _table_height(scratch, section.table) * min(1.0, 6 / (rows + 3))
    if pdf.get_y() + start > pdf.page_break_trigger and pdf.get_y() > pdf.t_margin + 1:
        pdf.add_page()
    _table(pdf, section.table)


def _table_height(scratch: _Document, table: Table) -> float:
    """How tall the table (with its notes) prints, measured on a fresh page of a scratch document; a whole
    page when it is taller."""
    scratch.add_page()
    page, top = scratch.page, scratch.get_y()
    _table(scratch, table)
    return scratch.get_y() - top if scratch.page == page else scratch.eph


def _table(pdf: _Document, table: Table) -> None:
    """The table at its natural column widths (text columns capped, then wrapped), scaled to the page."""
    table = table.compact()
    texts = table.text_rows()
    pdf.style(8.5)
    widths = []
    for j, column in enumerate(table.columns):
        header = max(pdf.get_string_width(pdf.text_of(w)) for w in column.header.split()) * 1.15
        cells = max((pdf.get_string_width(pdf.text_of(r[j])) for r in texts), default=0)
        widths.append(max(header, cells) + 3)
    # Figures and one-word text (yes / no) keep their natural width; text columns (names, notes) share what is
    # left, and wrap.
    text = [j for j, c in enumerate(table.columns) if c.kind == TEXT and widths[j] > SHORT_TEXT]
    room = pdf.epw - sum(w for j, w in enumerate(widths) if j not in text)
    wanted = sum(min(widths[j], TEXT_CAP) for j in text)
    for j in text:
        # Wrapped at spaces, never inside a word ('Hispanic/Latino' stays whole).
        word = max((pdf.get_string_width(w) for r in texts for w in pdf.text_of(r[j]).split()), default=0) + 3
        widths[j] = max(word, min(widths[j], TEXT_CAP) * min(1.0, room / wanted) if wanted else widths[j])
    aligns = ["RIGHT" if c.kind in (COUNT, VALUE, GAP) else "LEFT" for c in table.columns]
    heading = FontFace(emphasis="BOLD", fill_color=(221, 235, 247))
    hidden = FontFace(emphasis="ITALICS", color=GREY)
    with pdf.table(col_widths=widths, text_align=aligns, headings_style=heading, line_height=4.4,
                   borders_layout="HORIZONTAL_LINES", padding=1) as grid:
        head = grid.row()
        for column in table.columns:
            head.cell(pdf.text_of(column.header))
        for i, text in enumerate(texts):
            line = grid.row()
            for cell in text:
                line.cell(pdf.text_of(cell), style=hidden if table.hidden_row(i) else None)
    pdf.ln(2)
    for note in table.notes:
        if note != pdf.report.privacy:          # already in every page's footer
            pdf.paragraph(note, 8, colour=GREY, after=0.8)
