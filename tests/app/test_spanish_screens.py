"""Every screen, opened in Spanish on the sample district, shows no English sentence of its own: whatever
English remains is the district's data (its column headers, schools, survey questions), which stays as written.
This reads what the screens draw, so it also catches English produced in `equity` rather than in a page."""

import csv
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = re.findall(r'st\.Page\("(pages/views/\w+\.py)"', (ROOT / "app.py").read_text(encoding="utf-8"))
ENGLISH = re.compile(r"\b(the|and|with|of|students?|groups?|hidden|than|this|from|your|which|shown|loaded|choose|"
                     r"share|average|gaps?|others?|not|no one|none|only|each|every|term|goal|data|saved|upload|"
                     r"absent|missed|days|rows|below|above|more|less|yes)\b",
                     re.IGNORECASE)
KEPT = ("Language / Idioma", "English",   # the language switch names both languages on purpose
        "students")                       # the table's name on the SQL page, as a query must spell it
CODE = re.compile(r"`[^`]*`|\b[A-Z]{2,}\b|(?<!\w)/\S+")   # code, folder paths and SQL keywords are not sentences


def _data_words() -> list[str]:
    """Every header and text value in the sample files, longest first, to be taken out before checking."""
    found = set()
    for path in (ROOT / "sample_data").glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as f:
            for row in csv.reader(f):
                found |= {cell.strip() for cell in row if re.search(r"[A-Za-z]{2,}", cell)}
    return sorted(found | set(KEPT), key=len, reverse=True)


DATA = _data_words()


def _texts(at) -> list[str]:
    """What a screen shows people: text elements, widget labels, help and options, table headers, chart titles."""
    shown = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success",
                 "text", "exception"):
        shown += [str(e.value) for e in getattr(at, kind)]
    for kind in ("button", "selectbox", "multiselect", "radio", "checkbox", "toggle", "text_input", "text_area",
                 "number_input", "date_input", "expander", "tabs", "metric"):
        for element in getattr(at, kind):
            shown += [str(getattr(element, "label", "") or ""), str(getattr(element.proto, "help", "") or ""),
                      str(getattr(element.proto, "placeholder", "") or "")]
            shown += [str(o) for o in getattr(element, "options", ()) or ()]
    shown += [b.proto.label for b in at.get("download_button")]
    for table in at.dataframe:
        shown += [str(c) for c in table.value.columns]
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        shown += re.findall(r'"(?:title|text|subtitle)": "([^"]*)"', json.dumps(spec, ensure_ascii=False))
    return shown


def english_left(texts: list[str]) -> list[str]:
    """The texts that still read as English once the district's own words are taken out."""
    left = []
    for text in texts:
        stripped = text
        for phrase in DATA:
            stripped = stripped.replace(phrase, " ")
        stripped = CODE.sub(" ", stripped)
        if ENGLISH.search(stripped):
            left.append(text[:120])
    return left


@pytest.mark.parametrize("page", PAGES)
def test_a_screen_in_spanish_shows_no_english_of_its_own(app, page):
    app.session_state["lang"] = "es"
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    assert not english_left(_texts(app)), page
    # A list left empty shows Streamlit's own English "Choose options" unless the screen gives its words.
    assert all(m.proto.placeholder for m in app.multiselect), [m.label for m in app.multiselect]


def test_the_check_finds_english_and_lets_data_through():
    assert english_left(["Groups under 10 students are hidden.", "Brecha de Final Grade %",
                         "I feel like I belong at this school.: 78% favorable", "Una consulta (WITH … SELECT)",
                         "Se guarda en `/tmp/pytest-of-root/workspace`", "the"]) == \
        ["Groups under 10 students are hidden.", "the"]


def test_a_spanish_screen_writes_its_figures_the_spanish_way(app):
    """The sample district's 15,104 rows and Hispanic/Latino students' 72.9% reading in English are 15.104 and
    72,9 % in Spanish: in sentences, captions and metrics, and in the chart's own axis and tooltip numbers."""
    app.switch_page("pages/views/gaps.py").run()
    english = " ".join(str(e.value) for e in (*app.markdown, *app.caption))
    assert "Hispanic/Latino: 72.9% on Final Grade %" in english and "6.1 percentage points" in english
    assert "15,104 rows" in english
    app.session_state["lang"] = "es"
    app.switch_page("pages/views/gaps.py").run()
    spanish = " ".join(str(e.value) for e in (*app.markdown, *app.caption))
    assert "Hispano/Latino: 72,9\u00a0% en Final Grade %" in spanish and "6,1 puntos porcentuales" in spanish
    assert "15.104 filas" in spanish and "n = 14.589" in spanish
    locales = [json.loads(c.proto.spec)["config"]["locale"]["number"] for c in app.get("vega_lite_chart")]
    assert locales and all((n["decimal"], n["thousands"]) == (",", ".") for n in locales)
    app.switch_page("pages/views/overview.py").run()
    assert [m.value for m in app.metric if m.label == "Filas"] == ["15.104"]
