"""The main flow in a real browser: start the app, upload an xlsx, confirm the mapping, see the gap chart."""

from pathlib import Path

import pytest

from tests.browser.conftest import SHOTS
from tests.files import xlsx_bytes


def _gradebook(path: Path) -> Path:
    """A 60-student gradebook with two title rows and an instructions sheet first."""
    races = ["Hispanic", "White", "Black", "Asian"]
    rows = [["Room 12 - Grade 7 ELA"], ["Final grades 2024-25"], [],
            ["Student #", "Ethnicity", "Lunch", "ELL", "Final %"]]
    for i in range(60):
        rows.append([1000 + i, races[i % 4], "F" if i % 3 == 0 else "P", "Y" if i % 5 == 0 else "N",
                     55 + (i * 7) % 45])
    path.write_bytes(xlsx_bytes({"Instructions": [["Export of final grades"]], "Grades": rows}))
    return path


def test_upload_confirm_and_see_gaps(open_home, tmp_path):
    page = open_home()
    page.get_by_role("link", name="Your data").first.click()
    page.get_by_text("Upload a file").first.wait_for(timeout=30_000)
    page.locator("input[type=file]").first.set_input_files(str(_gradebook(tmp_path / "gradebook.xlsx")))
    page.get_by_text("Check the columns of gradebook.xlsx").wait_for(timeout=30_000)
    page.get_by_role("button", name="Confirm mapping").click()
    page.get_by_text("Loaded: gradebook.xlsx").wait_for(timeout=30_000)
    page.get_by_role("link", name="Gaps by group").first.click()   # same session: a new URL would not be
    page.get_by_text("The largest gap").wait_for(timeout=30_000)
    chart = page.locator(".vega-embed").first
    chart.wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SHOTS / "gaps.png"), full_page=True)
    body = page.inner_text("body")
    assert "Final %" in body and "gradebook.xlsx" in body and "sample data" not in body
    assert "Traceback" not in body


def _download(page, button: str, folder: Path) -> Path:
    """Click a download button and keep the file under the name the app suggests."""
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name=button).click()
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    return path


def test_report_downloads_in_english_and_spanish(open_home, tmp_path):
    """From the sample district: a PDF in English, then slides in Spanish, through the download buttons."""
    pypdf = pytest.importorskip("pypdf")
    pptx = pytest.importorskip("pptx")
    expect = pytest.importorskip("playwright.sync_api").expect
    page = open_home(accept_downloads=True)
    page.get_by_role("link", name="Reports").first.click()
    page.get_by_role("heading", name="Reports").wait_for(timeout=30_000)
    page.locator(".vega-embed").first.wait_for(timeout=30_000)
    pdf = _download(page, "PDF", tmp_path)
    assert pdf.name.endswith("-en.pdf")
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages).split())
    assert "Student outcomes by group" in text and "groups with fewer than 10 students are hidden" in text
    page.screenshot(path=str(SHOTS / "report.png"), full_page=True)

    page.get_by_text("Language / Idioma").first.wait_for()
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="Español").click()
    page.get_by_role("heading", name="Informes").wait_for(timeout=30_000)
    page.get_by_text("Todos los estudiantes:").first.wait_for(timeout=30_000)
    deck_path = _download(page, "Diapositivas (PowerPoint)", tmp_path)
    assert deck_path.name.endswith("-es.pptx")
    deck = pptx.Presentation(deck_path)
    assert deck.slides[0].shapes.title.text == "Resultados estudiantiles por grupo"
    notes = [s.notes_slide.notes_text_frame.text for s in deck.slides]
    assert any(n.startswith("Todos los estudiantes: ") for n in notes)

    page.get_by_text("Modo presentación").click()
    page.get_by_role("button", name="Siguiente").wait_for(timeout=30_000)
    # The presentation shows each chart as a large picture, drawn once the rerun ends (slow on a busy machine).
    page.locator("[data-testid='stStatusWidget']").wait_for(state="hidden", timeout=90_000)
    page.locator("[data-testid='stImage'] img").first.wait_for(timeout=60_000)
    # The builder's charts, faded while the rerun runs, are gone once it ends; none is drawn in presentation mode.
    expect(page.locator(".vega-embed >> visible=true")).to_have_count(0, timeout=60_000)
    page.wait_for_timeout(1000)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    page.screenshot(path=str(SHOTS / "presentation.png"))
    body = page.inner_text("body")
    assert "Traceback" not in body
