"""The Data, Saved data and SQL screens, the sign-in screen and the sidebar pieces in Spanish, and messages
from equity (bad uploads, refused mappings and queries) in the reader's language."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from equity.app.access import hash_password
from equity.data import combine
from equity.data.ingest import IngestError, read_upload
from tests.app.conftest import upload
from tests.files import csv_bytes, encrypted_xlsx_bytes, pdf_like_bytes

ROOT = Path(__file__).resolve().parents[2]


def _spanish(app: AppTest, page: str) -> AppTest:
    app.session_state["lang"] = "es"
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _button(app: AppTest, label: str):
    return next(b for b in app.button if b.label == label)


def _refusal(data: bytes, name: str) -> IngestError:
    with pytest.raises(IngestError) as refused:
        read_upload(data, name)
    return refused.value


def test_the_data_page_reads_in_spanish_from_upload_to_confirm(app):
    _spanish(app, "pages/views/data.py")
    assert app.title[0].value == "Sus datos"
    rows = [["Student ID", "Race", "Score"], *[[str(i), "White", str(60 + i)] for i in range(12)]]
    upload(app, csv_bytes(rows), "notas.csv").run()
    assert any(s.value == "Revise las columnas de notas.csv" for s in app.subheader)
    assert any(m.value == "12 filas. Cada columna recibió una función propuesta; cambie las que estén mal."
               for m in app.markdown)
    _button(app, "Confirmar columnas").click().run()
    assert not app.exception
    assert any(s.value == "Cargado: notas.csv" for s in app.subheader)
    assert any(e.label == "Asignación de columnas en uso" for e in app.expander)


def test_race_codes_and_values_that_could_not_be_placed_in_spanish(app):
    _spanish(app, "pages/views/data.py")
    rows = [["Student ID", "Race", "Score"], *[[str(i), "WBHA"[i % 4], str(60 + i)] for i in range(12)]]
    upload(app, csv_bytes(rows), "codigos.csv").run()
    assert any(e.label == "Valores de 'Race' (Raza/etnia)" for e in app.expander)
    assert set(app.dataframe[-1].value["how"]) == {"Supuesto por un código común: revíselo"}
    _button(app, "Descartar este archivo").click().run()
    rows = [["Student ID", "Race", "Score"], *[[str(i), "White" if i < 9 else "Martian", str(60 + i)]
                                               for i in range(12)]]
    upload(app, csv_bytes(rows), "marte.csv").run()
    _button(app, "Confirmar columnas").click().run()
    assert [w.value for w in app.warning] == ["3 filas de 'Race' no se pudieron ubicar y cuentan como No reportado: "
                                              "'Martian' (3)"]


GRADEBOOK = [["Student #", "Final %"], ["001", "81"], ["002", "64"], ["003", "90"], ["004", "72"], ["005", "55"]]
# 004 has no roster row, 002 is there twice, 009 matches no row of the gradebook
ROSTER = [["Student ID", "Race"], ["001", "Asian"], ["002", "White"], ["002", "Black"], ["003", "Hispanic"],
          ["005", "White"], ["009", "Asian"]]


def test_the_join_accounting_in_spanish(app):
    _spanish(app, "pages/views/data.py")
    upload(app, csv_bytes(GRADEBOOK), "notas.csv")
    bench = app.session_state["bench"]
    roster = read_upload(csv_bytes(ROSTER), "lista.csv")
    app.session_state["join_other"] = (roster, combine.suggest(bench.con, bench.join_base(), roster))
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics == {"Filas que coinciden": "4 de 5", "Filas sin coincidencia": "1",
                       "Filas repetidas en la lista": "1", "Filas de la lista sin usar": "1"}
    assert app.warning[0].value.startswith("1 fila de notas.csv no tiene una fila en la lista con el mismo ID de "
                                           "estudiante (p. ej. 004): sus datos demográficos aparecerán como No "
                                           "reportado.")
    assert app.warning[1].value == ("1 fila de la lista repite el mismo estudiante (p. ej. 002): se usa la primera "
                                    "fila de cada uno.")
    captions = [c.value for c in app.caption]
    assert "1 fila de la lista no coincide con ninguna fila de notas.csv (p. ej. 009)." in captions
    assert any(b.label == "Usar el archivo unido" for b in app.button)


def test_a_refused_mapping_is_explained_in_spanish(app):
    _spanish(app, "pages/views/data.py")
    rows = [["Student ID", "Race"], *[[str(i), "White"] for i in range(12)]]
    upload(app, csv_bytes(rows), "lista.csv").run()
    _button(app, "Confirmar columnas").click().run()
    assert any(e.value.startswith("Ninguna columna está marcada como resultado") for e in app.error)


@pytest.mark.parametrize("data,name,spanish", [
    (b"", "vacio.csv", "'vacio.csv' está vacío. Compruebe que eligió el archivo correcto o expórtelo de nuevo."),
    (encrypted_xlsx_bytes({"Notas": [["ID", "Score"], ["1", "80"]]}), "clave.xlsx",
     "'clave.xlsx' está protegido con contraseña, así que no se puede leer."),
    (pdf_like_bytes(), "informe.csv", "'informe.csv' no es una hoja de cálculo: parece un PDF. Expórtelo desde su "
                                      "libro de calificaciones como .xlsx o .csv y suba ese archivo."),
])
def test_a_bad_upload_is_explained_in_spanish_and_what_was_loaded_stays(app, data, name, spanish):
    app.session_state["upload_problem"] = _refusal(data, name)
    _spanish(app, "pages/views/data.py")
    shown = [e.value for e in app.error]
    assert any(s.startswith(spanish) and s.endswith("Lo que estaba cargado antes sigue cargado.") for s in shown), shown


def test_the_same_bad_upload_reads_in_english_as_before(app):
    app.session_state["upload_problem"] = _refusal(b"", "empty.csv")
    app.switch_page("pages/views/data.py").run()
    assert any(e.value.startswith("'empty.csv' is empty. Check that you picked the right file") for e in app.error)


def _run_sql(app: AppTest, sql: str) -> AppTest:
    app.text_area(key="sql_text").set_value(sql)
    return _button(app, "Ejecutar").click().run()


def test_the_sql_page_refuses_in_spanish(app):
    _spanish(app, "pages/views/sql.py")
    assert app.title[0].value == "SQL (solo lectura)"
    _run_sql(app, "COPY students TO '/tmp/fuga.csv'")
    assert [e.value for e in app.error] == ["Aquí no se pueden escribir archivos: esta consola solo lee. Use el botón "
                                            "de descarga."]
    _run_sql(app, "SELECT student_id FROM students")
    assert any(i.value.startswith("Este resultado no se puede descargar") for i in app.info)
    _run_sql(app, "SELECT race_ethnicity, count(*) AS n FROM students GROUP BY ALL")
    assert [b.label for b in app.get("download_button")] == ["Descargar como CSV"]


def test_saved_data_in_spanish(app):
    _spanish(app, "pages/views/workspace.py")
    assert app.title[0].value == "Datos guardados"
    assert any("Se guarda solo en esta computadora" in i.value for i in app.info)
    app.text_input(key="save_name").set_value("Otoño 2024")
    _button(app, "Guardar en el espacio de trabajo").click().run()
    assert not app.exception
    assert any(s.value.startswith("Se guardó 'Otoño 2024' (") for s in app.success)
    app.text_input(key="save_name").set_value("  ")
    _button(app, "Guardar en el espacio de trabajo").click().run()
    assert [e.value for e in app.error] == ["Póngale un nombre a los datos."]


def test_the_risk_settings_and_grouping_picker_in_spanish(app):
    _spanish(app, "pages/views/disproportionality.py")
    labels = {n.label for n in app.number_input}
    assert {"Tamaño mínimo de celda", "Tamaño mínimo del grupo (n)", "Señalar una razón de riesgo mayor que"} <= labels


def test_the_sign_in_screen_in_spanish(monkeypatch):
    monkeypatch.setenv("EQUITY_ACCESS", "password")
    monkeypatch.setenv("EQUITY_PASSWORD_HASH", hash_password("correct horse battery", iterations=1_000))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["lang"] = "es"
    at.run()
    assert at.title[0].value == "Panel de equidad"
    assert [i.value for i in at.info] == ["Escriba la contraseña de esta aplicación."]
    at.text_input[0].input("no es")
    _button(at, "Abrir").click().run()
    assert any(e.value == "Esa contraseña no es correcta. Inténtelo de nuevo." for e in at.error)
    at.text_input[0].input("correct horse battery")
    _button(at, "Abrir").click().run()
    assert not at.exception and "bench" in at.session_state
    assert any(b.label == "Bloquear" for b in at.sidebar.button)
