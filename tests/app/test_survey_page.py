"""The survey page in Spanish, and items worded negatively read reversed on screen."""

import csv

import pandas as pd
import pytest

from equity.data.ingest import read_upload
from equity.plans.survey import read_survey
from equity.stats.privacy import PRESETS
from tests.app.conftest import ROOT
from tests.files import csv_bytes
from tests.plans.test_survey import _reversed_rows

SURVEY_PAGE = "pages/views/survey.py"
LEFT_OUT = "I feel left out at school."


def _frame(app, column: str) -> pd.DataFrame:
    return next(d.value for d in app.dataframe if column in d.value.columns)


def _open(app, lang: str, rows=None):
    """The survey page in `lang`, on `rows` as an uploaded survey (else the sample's), groups of 5 or more shown."""
    app.session_state["lang"] = lang
    if rows is not None:
        bench = app.session_state["bench"]
        app.session_state["survey"] = read_survey(bench.con, read_upload(csv_bytes(rows), "Climate.csv"))
    app.switch_page(SURVEY_PAGE).run()
    app.selectbox(key="preset").set_value(PRESETS[-1]).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_sample_survey_in_spanish(app):
    _open(app, "es")
    assert app.title[0].value == "Resultados de encuestas"
    captions = " ".join(c.value for c in app.caption)
    assert "Leído como exportación de Google Forms." in captions
    assert "2.830 de 2.830 encuestados coinciden con un registro de estudiante en 2024-25" in captions
    assert "Los grupos de menos de 5 encuestados se ocultan" in captions
    assert "respondents" not in captions and "Percent favourable" not in captions
    assert app.subheader[0].value.endswith("(encuesta de pertenencia del distrito de ejemplo)")
    assert app.toggle(key="survey_join").label.startswith("Tomar los grupos de los registros de estudiantes")
    assert app.multiselect(key="survey_reversed").label.startswith("Preguntas redactadas en negativo")
    assert app.multiselect(key="survey_reversed").value == []           # the sample's items are all positive
    assert app.markdown[0].value.startswith("Menos favorable: P")
    codes = _frame(app, "Código")
    assert list(codes["Código"]) == ["P1", "P2", "P3", "P4", "P5"]
    with (ROOT / "sample_data" / "belonging_survey.csv").open(encoding="utf-8") as handle:
        questions = next(csv.reader(handle))[2:]           # after the time stamp and the student ID
    assert list(codes["Pregunta"]) == questions            # as typed in the file, in any language
    table = _frame(app, "% favorable")
    assert list(table.columns) == ["Pregunta", "Grupo", "n", "% favorable", "Oculto"]
    assert "Todos los encuestados" in set(table["Grupo"])


@pytest.mark.parametrize("lang, reversed_mark, everyone", [("en", "(reversed)", "All respondents"),
                                                           ("es", "(invertida)", "Todos los encuestados")])
def test_negative_items_reversed_and_editable(app, lang, reversed_mark, everyone):
    _open(app, lang, _reversed_rows())
    picked = app.multiselect(key="survey_reversed")
    assert picked.value == [LEFT_OUT, "How often do you feel left out?", "I do not feel safe at school. (1-5)"]
    table = _frame(app, "n")
    overall = table[table.iloc[:, 1] == everyone].set_index(table.columns[0]).iloc[:, 2]
    # Left out: Disagree or Strongly disagree, 5 of 9 answered (55.6%); belonging: Agree or Strongly agree, 6 of 10.
    # Printed as the downloads print them, in the reader's language.
    point = "." if lang == "en" else ","
    assert overall[f"{LEFT_OUT} {reversed_mark}"] == f"55{point}6"
    assert overall["I feel like I belong at this school."] == f"60{point}0"
    assert any(reversed_mark in m.value for m in app.markdown)
    picked.unselect(LEFT_OUT).run()
    table = _frame(app, "n")
    overall = table[table.iloc[:, 1] == everyone].set_index(table.columns[0]).iloc[:, 2]
    assert overall[LEFT_OUT] == f"33{point}3"                           # Agree or Strongly agree, 3 of 9
    assert f"{LEFT_OUT} {reversed_mark}" not in overall.index


def test_a_survey_without_items_says_so_in_spanish(app):
    _open(app, "es", [["Timestamp", "Email Address", "Colour"], ["10/14/2024 9:00:00", "kid@school.org", "Blue"]])
    assert app.warning[0].value.startswith("Ninguna columna de Climate.csv tiene respuestas de escala")
    notes = "Leído como exportación de Google Forms. Se omitieron 2 columnas"
    assert any(c.value.startswith(notes) for c in app.caption)
    assert not any("school.org" in c.value for c in app.caption)
