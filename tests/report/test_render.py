"""Exported files, opened and read back: the figures are the breakdowns' (as on screen), hidden groups show no
figure, no student ID leaves, charts carry titles and alt text, and spreadsheet cells cannot run as formulas."""

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from equity.app.session import Workbench
from equity.model.filters import Filters
from equity.model.rules import Rule
from equity.plans import scorecard as sc
from equity.report import images
from equity.report import render as exports
from equity.report.sections import COUNT, Choice, Column, Report, Section, Table, compose, views
from equity.report.student_list import student_table
from equity.words.reader import reading
from tests.files import csv_bytes

ELA = Rule("categories", categories=("Met", "Exceeded"))
MIN_N = 115     # race: Not reported (108) hidden as small, Native Hawaiian or Pacific Islander (123) to protect it
HIDDEN = ("Not reported", "Native Hawaiian or Other Pacific Islander")


@pytest.fixture(scope="module")
def bench():
    bench = Workbench()
    bench.load_sample()
    bench.min_n = MIN_N
    return bench


@pytest.fixture(scope="module")
def results(bench):
    return {d: bench.breakdown("ela_proficiency", ELA, d, label="ELA Proficiency") for d in ("race", "low_income")}


@pytest.fixture(scope="module")
def report(bench):
    choice = Choice("ela_proficiency", "ELA Proficiency", ELA, ("race", "low_income"),
                    crossings=(("race", "english_learner"),))
    return compose(views(bench, choice), bench, "Board report", "For the March meeting.")


@pytest.fixture(scope="module")
def student_ids(bench):
    return [r[0] for r in bench.con.execute("SELECT DISTINCT student_id FROM students").fetchall()]


def _expected_rows(result) -> dict[str, list[str]]:
    """What a reader sees for each shown group: n, value, gap, interval, printed as the exports print them."""
    return {g.label: [f"{g.n:,}", f"{g.value:.1f}%", f"{g.gap:+.1f}", f"{g.ci[0]:.1f}%", f"{g.ci[1]:.1f}%"]
            for g in result.shown()}


def _no_student_id(text: str, ids: list[str]) -> None:
    found = set(re.findall(r"\d{5,}", text)) & set(ids)
    assert not found, sorted(found)[:5]


class _Tables(HTMLParser):
    """Table rows (cell texts), and the attributes of figures, SVGs and the html element."""

    def __init__(self) -> None:
        super().__init__()
        self.tables, self.row, self.cell, self.tags, self.captions = [], None, None, [], []
        self.in_caption = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""
        elif tag == "figcaption":
            self.in_caption = True
            self.captions.append("")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.tables[-1].append(self.row)
            self.row = None
        elif tag == "figcaption":
            self.in_caption = False

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        if self.in_caption:
            self.captions[-1] += data


def test_html_figures_hidden_groups_and_accessibility(report, results, student_ids):
    page = exports.report_html(report)
    parsed = _Tables()
    parsed.feed(page)
    assert len(parsed.tables) == 3
    for table, result in zip(parsed.tables, results.values(), strict=False):
        rows = {r[0]: r for r in table}
        for label, expected in _expected_rows(result).items():
            assert rows[label][1:6] == expected, label
    rows = {r[0]: r for r in parsed.tables[0]}
    for label in HIDDEN:
        assert rows[label][2:6] == ["—"] * 4
    assert rows["Not reported"][1] == f"<{MIN_N}" and rows["Native Hawaiian or Other Pacific Islander"][1] == "—"
    _no_student_id(page, student_ids)
    tags = parsed.tags
    assert tags[0] == ("html", {"lang": "en"})
    svgs = [a for tag, a in tags if tag == "svg" and a.get("role") == "img"]
    figures = [a for tag, a in tags if tag == "figure"]
    assert len(svgs) == len(figures) == 3 and all(f["aria-label"] for f in figures)
    assert all(s["aria-labelledby"] for s in svgs) and page.count("<title id=") == 3
    assert parsed.captions[0].startswith("Figure 1: ELA Proficiency (in Met, Exceeded) by race/ethnicity")
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org", "")
    assert f"groups with fewer than {MIN_N} students are hidden" in page


def test_pdf_text_has_the_figures_and_no_hidden_ones(report, results, student_ids):
    reader = PdfReader(io.BytesIO(exports.render(report, "pdf")))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    for result in results.values():
        for label, expected in _expected_rows(result).items():
            assert f"{label} {' '.join(expected)}" in flat, label
    hidden = {g.label: g for g in results["race"].groups if g.suppressed}
    for label, g in hidden.items():
        assert not re.search(rf"(?<![\d,.]){g.n}(?![\d,.])", flat), (label, g.n)
    assert f"Not reported <{MIN_N} — — —" in flat
    _no_student_id(text, student_ids)
    assert f"groups with fewer than {MIN_N} students are hidden" in flat
    assert "Page 2 of" in flat and reader.metadata.title == "Board report"
    for section in report.sections:
        for sentence in section.summary:
            assert " ".join(sentence.split()) in flat


def test_pptx_slides_notes_and_alt_text(report, results, student_ids):
    deck = Presentation(io.BytesIO(exports.render(report, "pptx")))
    pictures, tables, notes, texts = [], [], [], []
    for slide in deck.slides:
        notes.append(slide.notes_slide.notes_text_frame.text)
        for shape in slide.shapes:
            if shape.shape_type == 13:
                pictures.append(shape._element.nvPicPr.cNvPr.attrib)
            if shape.has_table:
                tables.append({row.cells[0].text: [c.text for c in row.cells] for row in shape.table.rows})
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
    assert len(pictures) == 3
    assert all(p["descr"].startswith(("Bar chart of", "Heat table of")) and p["title"] for p in pictures)
    for cells, result in zip(tables, results.values(), strict=False):
        for label, expected in _expected_rows(result).items():
            assert cells[label][1:6] == expected, label
    for label in HIDDEN:
        assert tables[0][label][2:6] == ["—"] * 4
    chart_slides = [n for n in notes if n.startswith("All students: ")]
    assert len(chart_slides) >= 2
    for section in report.sections:
        assert "\n".join(section.summary) in notes
    assert any(f"fewer than {MIN_N} students are hidden" in t for t in texts)
    cells = [" ".join(row) for table in tables for row in table.values()]
    _no_student_id("\n".join([*notes, *texts, *cells]), student_ids)


def test_xlsx_has_headers_formats_figures_and_legend(report, results):
    book = load_workbook(io.BytesIO(exports.report_xlsx(report)))
    assert len(book.worksheets) == 1 + len(report.sections)
    sheet = book.worksheets[1]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Group", "Students with a result", "Share (%)", "Gap vs all students (points)"]
    assert sheet["A1"].font.bold
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2) if r[0].value}
    for g in results["race"].groups:
        row = rows[g.label]
        if g.suppressed:
            assert [c.value for c in row[2:6]] == [None] * 4
            continue
        # Stored as numbers at full precision (a spreadsheet keeps 15 significant digits), shown to one decimal.
        assert (row[1].value, row[2].value, row[3].value) == (g.n, pytest.approx(g.value), pytest.approx(g.gap))
        assert row[1].number_format == "#,##0" and row[2].number_format == '0.0"%"'
        assert row[3].number_format == "+0.0;-0.0;0.0"
    legend = [r[0].value for r in sheet.iter_rows(min_row=len(results["race"].groups) + 3) if r[0].value]
    assert any(f"fewer than {MIN_N} students are hidden" in line for line in legend)


def test_single_chart_and_table_downloads(report):
    section = report.sections[0]
    png = images.chart_png(section.chart)
    assert png.startswith(b"\x89PNG") and images.png_size(png)[0] > 2 * images.WIDTH
    assert images.chart_svg(section.chart).lstrip().startswith("<svg")
    lines = list(csv.reader(io.StringIO(exports.table_csv(section.table).decode("utf-8-sig"))))
    assert lines[0][:2] == ["Group", "Students with a result"]
    assert any(f"fewer than {MIN_N} students are hidden" in line[0] for line in lines if line)


def _hostile_bench() -> Workbench:
    """Schools named like formulas; 12 students each, so none is hidden."""
    rows = [["Student ID", "School", "Race", "Score"]]
    for i, school in enumerate(["=HYPERLINK(\"http://x\")", "+SUM(A1)", "-2+3", "@cmd", "Plain"] * 12):
        rows.append([f"S{i:04d}", school, "White" if i % 2 else "Asian", str(55 + 8 * (i % 5) + i % 3)])
    bench = Workbench()
    bench.upload(csv_bytes(rows), "hostile.csv")
    bench.confirm(bench.staged.proposal, remember=False)
    return bench


def test_formula_cells_are_neutralised_and_numbers_stay_numbers():
    bench = _hostile_bench()
    result = views(bench, Choice("score", "Score", Rule("threshold", 70), ("school",)))[0].section()
    book = load_workbook(io.BytesIO(exports.table_xlsx(result.table, "=title")))
    sheet = book.active
    names = [r[0].value for r in sheet.iter_rows(min_row=2, max_row=len(result.table.rows) + 1)]
    assert {"'=HYPERLINK(\"http://x\")", "'+SUM(A1)", "'-2+3", "'@cmd", "Plain"} <= set(names)
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    gaps = [r[3].value for r in sheet.iter_rows(min_row=2, max_row=len(result.table.rows) + 1)]
    assert any(isinstance(g, (int, float)) and g < 0 for g in gaps)
    text = exports.table_csv(result.table, "=title").decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == ["'=title"]
    assert {"'=HYPERLINK(\"http://x\")", "'+SUM(A1)", "'-2+3", "'@cmd"} <= {line[0] for line in lines if line}
    assert any(re.fullmatch(r"-\d+\.\d+", cell) for line in lines for cell in line)


def test_student_level_export_is_labelled(bench):
    one_class = Filters(school=("Cedar Elementary",), grade=("4",), term=("2024-25",))   # 156 students
    with reading("es"):
        table = student_table(bench.con, "ela_proficiency", "ELA Proficiency", ELA, one_class)
    assert len(table.rows) >= 156
    text = exports.table_csv(table, "Lista").decode("utf-8-sig")
    assert "CONTIENE DATOS DE ESTUDIANTES" in text
    sheet = load_workbook(io.BytesIO(exports.table_xlsx(table, "Lista"))).active
    assert sheet["A1"].value == "ID del estudiante"
    assert any("CONTIENE DATOS DE ESTUDIANTES" in str(r[0].value) for r in sheet.iter_rows(min_row=len(table.rows)))


def test_spanish_exports_read_in_spanish(bench, results):
    choice = Choice("ela_proficiency", "ELA Proficiency", ELA, ("low_income",))
    with reading("es"):
        report = compose(views(bench, choice), bench, "", "")
    flat = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(exports.render(report, "pdf")))
                              .pages).split())
    assert "Resultados estudiantiles por grupo" in flat and "Bajos ingresos" in flat
    assert f"se ocultan los grupos de menos de {MIN_N} estudiantes" in flat
    assert "Página 1 de" in flat
    g = next(g for g in results["low_income"].groups if g.key is True)
    assert (g.n, round(g.value, 1), round(g.gap, 1)) == (5542, 36.3, -10.9)
    assert "Bajos ingresos 5.542 36,3 % -10,9" in flat          # Spanish writes 5.542 and 36,3 %, not 5,542 and 36.3%
    assert "<td>5.542</td><td>36,3\u00a0%</td><td>-10,9</td>" in exports.report_html(report)
    deck = Presentation(io.BytesIO(exports.render(report, "pptx")))
    notes = [s.notes_slide.notes_text_frame.text for s in deck.slides]
    assert any(n.startswith("Todos los estudiantes: ") for n in notes)
    assert exports.report_html(report).startswith('<!doctype html>\n<html lang="es">')


# The scorecard of the sample district in 2024-25 against 2022-23. Suspensions: 4.6%, down 0.3 (lower is better:
# 'better'), by the unified district's published cut points High (over 4.5, up to 8.0) and 'declined' (0.3 to
# under 2.0 down): the turned-round grid's Yellow. Course passing: 79.9%, up 1.8, Low (under 80) and 'increased'
# (1 to 5): Yellow.
SCORECARD_ROWS = {
    "Suspensions": ["Suspended", "4.6%", "-0.3", "better", "High", "Yellow",
                    "Highest risk ratio: Black or African American, 2.54.", "No goal"],
    "Course passing": ["Final Grade % ≥ 70", "79.9%", "+1.8", "better", "Low", "Yellow"],
}


@pytest.fixture(scope="module")
def scorecard_report(bench):
    indicators = sc.default_indicators(bench.data.mapping, bench.data.profiles)
    choice = Choice("ela_proficiency", "ELA Proficiency", ELA, ("race",), scorecard=indicators)
    return compose(views(bench, choice), bench, "Board scorecard")


def _scorecard_rows(rows: dict[str, list[str]]) -> None:
    for name, expected in SCORECARD_ROWS.items():
        assert rows[name][1:1 + len(expected)] == expected, name
    text = " ".join(" ".join(r) for r in rows.values())
    for label in HIDDEN:                      # hidden groups are never named in a finding
        assert label not in text


def test_the_scorecard_in_html_pdf_slides_and_xlsx(scorecard_report, student_ids):
    section = scorecard_report.sections[-1]
    assert section.title == "Balanced scorecard"
    parsed = _Tables()
    parsed.feed(exports.report_html(scorecard_report))
    _scorecard_rows({r[0]: r for r in parsed.tables[-1]})
    assert parsed.captions[-1] == "Figure 2: Balanced scorecard"

    flat = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(
        exports.render(scorecard_report, "pdf"))).pages).split())
    for sentence in section.summary:
        assert " ".join(sentence.split()) in flat
    assert "2. Balanced scorecard" in flat and "Highest risk ratio: Black or African American, 2.54." in flat
    _no_student_id(flat, student_ids)

    deck = Presentation(io.BytesIO(exports.render(scorecard_report, "pptx")))
    slides = [s for s in deck.slides if s.shapes.title is not None and s.shapes.title.text.startswith(
        "Balanced scorecard")]
    pictures = [shape._element.nvPicPr.cNvPr.attrib for s in slides for shape in s.shapes if shape.shape_type == 13]
    assert len(pictures) == 1 and pictures[0]["descr"].startswith("Bar chart of Balanced scorecard")
    cells = {row.cells[0].text: [c.text for c in row.cells] for s in slides for shape in s.shapes
             if shape.has_table for row in shape.table.rows}
    _scorecard_rows(cells)

    book = load_workbook(io.BytesIO(exports.report_xlsx(scorecard_report)))
    sheet = book.worksheets[-1]
    assert sheet.title == "2 Balanced scorecard"
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2) if r[0].value}
    suspensions = rows["Suspensions"]
    assert round(suspensions[2].value, 1) == 4.6 and suspensions[2].number_format == '0.0"%"'
    assert round(suspensions[3].value, 1) == -0.3 and suspensions[3].number_format == "+0.0;-0.0;0.0"
    assert [c.value for c in suspensions[4:7]] == ["better", "High", "Yellow"]


def test_a_hidden_scorecard_value_stays_hidden_in_every_file(bench):
    # With groups under 3,000 hidden, all students' 2024-25 value is hidden where fewer answered: Belonging
    # (363 + 2,467 = 2,830 survey answers) and AP participation (1,120 + 871 + 22 = 2,013); ELA (3,421) shows.
    indicators = sc.default_indicators(bench.data.mapping, bench.data.profiles)
    bench.min_n = 3000
    try:
        view = views(bench, Choice("ela_proficiency", "ELA Proficiency", ELA, (), scorecard=indicators))[0]
    finally:
        bench.min_n = MIN_N
    assert {c.indicator.label for c in view.cards if c.latest is None} == {"Belonging", "AP participation"}
    report = compose([view], bench, "Scorecard")
    parsed = _Tables()
    parsed.feed(exports.report_html(report))
    rows = {r[0]: r for r in parsed.tables[-1]}
    assert rows["ELA proficiency"][2] == "48.9%"
    for name in ("Belonging", "AP participation"):
        assert rows[name][2:4] == ["—", "—"]
        assert rows[name][6] == "No colour: the latest value is hidden (too few students)"
    sheet = load_workbook(io.BytesIO(exports.report_xlsx(report))).worksheets[-1]
    cells = {r[0].value: [c.value for c in r] for r in sheet.iter_rows(min_row=2) if r[0].value}
    assert cells["Belonging"][2:4] == [None, None] and round(cells["ELA proficiency"][2], 1) == 48.9
    spec = json.dumps(report.sections[0].chart.to_dict())
    assert "ELA proficiency" in spec and "Belonging" not in spec


def coded_bench() -> Workbench:
    """White 100 students (97 at or above 70), Black 60 (2), Asian 100 (95), Hispanic 40 (20); top/bottom coding on."""
    rows = [["Student ID", "Race", "FRL", "Score"]]
    for race, n, meet in (("White", 100, 97), ("Black", 60, 2), ("Asian", 100, 95), ("Hispanic", 40, 20)):
        rows += [[f"S{len(rows):04d}", race, "Y" if k % 2 else "N", "80" if k < meet else "50"] for k in range(n)]
    bench = Workbench()
    bench.upload(csv_bytes(rows), "coded.csv")
    bench.confirm(bench.staged.proposal, remember=False)
    bench.coding = True
    return bench


def test_coded_rates_read_back_as_codes_in_every_file():
    bench = coded_bench()
    choice = Choice("score", "Score", Rule("threshold", 70), ("race",), crossings=(("race", "low_income"),))
    built = compose(views(bench, choice), bench, "Coded")
    # White 97.0% and Black 3.3% (2 of 60) must not appear; Asian's exact 95.0% does (95 is not above 95).
    expected = {"White": ["100", "≥ 95%", "—", "—", "—"], "Black or African American": ["60", "≤ 5%", "—", "—", "—"],
                "Asian": ["100", "95.0%", "+23.7", "88.8%", "97.8%"]}
    parsed = _Tables()
    page = exports.report_html(built)
    parsed.feed(page)
    rows = {r[0]: r for r in parsed.tables[0]}
    for label, cells in expected.items():
        assert rows[label][1:6] == cells, label
    flat = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(exports.render(built, "pdf"))).pages)
                    .split())
    assert "White 100 ≥ 95% — — — yes ≥ 95% — rate top-coded" in flat          # the note says the code too
    assert "Black or African American 60 ≤ 5% — — — yes ≤ 5% — rate bottom-coded" in flat
    deck = Presentation(io.BytesIO(exports.render(built, "pptx")))
    slide_text = " ".join(shape.text_frame.text if shape.has_text_frame else
                          " ".join(c.text for row in shape.table.rows for c in row.cells) if shape.has_table else ""
                          for slide in deck.slides for shape in slide.shapes)
    assert "≥ 95%" in slide_text and "≤ 5%" in slide_text
    sheet = load_workbook(io.BytesIO(exports.report_xlsx(built))).worksheets[1]
    cells = {r[0].value: [c.value for c in r[1:6]] for r in sheet.iter_rows(min_row=2) if r[0].value}
    assert cells["White"] == [100, "≥ 95%", None, None, None]
    assert cells["Black or African American"] == [60, "≤ 5%", None, None, None]
    lines = list(csv.reader(io.StringIO(exports.table_csv(built.sections[0].table).decode("utf-8-sig"))))
    assert next(r for r in lines if r and r[0] == "White")[:6] == ["White", "100", "≥ 95%", "", "", ""]
    crossed = {(r[0], r[1]): r for r in parsed.tables[1]}
    assert crossed[("White", "Low income")][2:5] == ["50", "≥ 95%", "—"]
    # A chart's SVG is read for the words it prints, not its coordinates (translate(113.333…) is no rate).
    shown = re.sub(r"<svg.*?</svg>", lambda svg: " ".join(re.findall(r">([^<]+)<", svg.group())), page, flags=re.S)
    for text in (shown, flat, slide_text, str(cells), str(lines)):
        assert "97.0" not in text and "3.3%" not in text and "3.33" not in text
    assert "Top/bottom coding: in a group of fewer than 300 students" in page
    assert built.privacy.endswith("another group is hidden too.")


def test_text_in_the_html_report_is_escaped_wherever_it_goes():
    """A title, notes, a group's name, a header, a note and the alt text written as markup read as text: the
    page's tags are the report's own, none from the text (built by hand, no chart)."""
    bad = '<script>alert(1)</script> & "Q" <b>'
    table = Table((Column(bad), Column("n", COUNT)), ((bad, 12),), (bad,))
    page = exports.report_html(Report(bad, "en", (Section(bad, (bad,), table, None, bad),), (bad,), bad, bad))
    parsed = _Tables()
    parsed.feed(page)
    assert {tag for tag, _ in parsed.tags} <= {"html", "meta", "title", "style", "main", "header", "h1", "p",
                                                 "section", "h2", "div", "table", "caption", "thead", "tr", "th",
                                                 "tbody", "td", "ul", "li", "footer", "head", "body"}
    assert "<script" not in page and "<b>" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Q&#34; &lt;b&gt;") >= 9
    assert parsed.tables == [[[bad, "n"], [bad, "12"]]]
