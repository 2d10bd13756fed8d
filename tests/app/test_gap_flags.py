"""The gaps page's "Flag gaps by" choice, the California Dashboard's no-colour rule, and both screens in Spanish."""

import json

import pandas as pd
import pyarrow as pa

from equity.stats.gap_flags import Flag
from equity.stats.privacy import PRESETS
from tests.app.conftest import upload
from tests.files import xlsx_bytes


def _sentence(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**"))


def _chart(at) -> dict:
    return json.loads(at.get("vega_lite_chart")[0].proto.spec)


def _rows(at) -> list[dict]:
    """The chart's data rows, as Streamlit sends them beside the spec (Arrow tables)."""
    datasets = at.get("vega_lite_chart")[0].proto.datasets
    tables = (pa.ipc.open_stream(d.data.data).read_all().to_pylist() for d in datasets)
    return [row for table in tables for row in table if "status" in row]


def _statuses(at) -> dict[str, str]:
    return {row["group"]: row["status"] for row in _rows(at)}


def test_newcombe_is_the_default_and_each_method_changes_sentence_and_table(app):
    app.switch_page("pages/views/gaps.py").run()
    choice = app.selectbox(key="gaps_flag")
    assert choice.label == "Flag gaps by" and choice.value is Flag.NEWCOMBE
    assert "largest gap" in _sentence(app) and "Gap beyond chance" in app.dataframe[0].value.columns
    choice.set_value(Flag.PPG).run()
    assert not app.exception
    assert _sentence(app).startswith("**Percentage-point gap (PPG):")
    table = app.dataframe[0].value
    assert {"Gap vs all students (PPG)", "Margin of error", "Flagged"} <= set(table.columns)
    # Compared with all students (the default), the PPG is the table's own gap: value minus all students' value.
    shown = table[table["Gap vs all students (points)"] != "—"]       # printed alike, as the exports print them
    assert len(shown) and (shown["Gap vs all students (PPG)"] == shown["Gap vs all students (points)"]).all()
    margins = pd.to_numeric(table["Margin of error"], errors="coerce").dropna()
    assert len(margins) and (margins >= 3.0).all()                    # never below the 3-point floor
    assert any("1.96 × √(0.25 / n)" in c.value for c in app.caption)
    app.selectbox(key="gaps_flag").set_value(Flag.EIGHTY).run()
    table = app.dataframe[0].value
    assert (table["80% index"] == "1.00").any()                       # the highest group measured by itself
    assert _sentence(app).startswith("**80% index:")


def test_averages_offer_only_the_interval_and_say_so(app):
    app.switch_page("pages/views/gaps.py").run()
    app.selectbox(key="gaps_flag").set_value(Flag.PI).run()
    next(r for r in app.radio if r.label == "Show").set_value("Average").run()
    assert not app.exception
    assert not [s for s in app.selectbox if s.key == "gaps_flag"]
    assert any(c.value.startswith("Averages are flagged by their 95% interval only") for c in app.caption)
    assert "Gap beyond chance" in app.dataframe[0].value.columns


def test_flags_in_spanish(app):
    app.session_state["lang"] = "es"
    app.switch_page("pages/views/gaps.py").run()
    assert not app.exception
    choice = app.selectbox(key="gaps_flag")
    assert choice.label == "Señalar brechas según"
    assert "Intervalo de 95% (Newcombe): brecha mayor que el azar" in choice.options
    choice.set_value(Flag.PPG).run()
    assert _sentence(app).startswith("**Brecha en puntos porcentuales (PPG):")
    assert {"Brecha frente a todos los estudiantes (PPG)", "Margen de error"} <= set(app.dataframe[0].value.columns)
    app.selectbox(key="gaps_flag").set_value(Flag.EIGHTY).run()
    assert _sentence(app).startswith("**Índice del 80%:")
    assert {"Índice del 80%", "Señalado"} <= set(app.dataframe[0].value.columns)
    assert any(c.value.startswith("Índice del 80%: la tasa del grupo") for c in app.caption)
    statuses = set(_statuses(app).values())
    assert statuses <= {"Menos del 80% de la tasa del grupo más alto", "Al menos el 80% de la tasa del grupo más alto"}
    next(r for r in app.radio if r.label == "Mostrar").set_value("Average").run()
    assert any(c.value.startswith("Los promedios solo se señalan por su intervalo de 95%") for c in app.caption)


def _gradebook() -> bytes:
    """60 students, 15 of each of four races: shown under the California Dashboard's 11, but under its 30."""
    races = ["Hispanic", "White", "Black", "Asian"]
    rows = [["Student #", "Ethnicity", "Final %"]]
    rows += [[1000 + i, races[i % 4], 40 + (i * 7) % 60] for i in range(60)]
    return xlsx_bytes({"Grades": rows})


def test_california_dashboard_leaves_groups_under_30_uncoloured(app):
    app.switch_page("pages/views/data.py").run()
    upload(app, _gradebook(), "grades.xlsx").run()
    next(b for b in app.button if b.label == "Confirm mapping").click().run()
    app.selectbox(key="preset").set_value(PRESETS[1]).run()
    app.session_state["lang"] = "es"
    app.switch_page("pages/views/gaps.py").run()
    assert not app.exception
    statuses = _statuses(app)
    assert len(statuses) == 4 and set(statuses.values()) == {"Menos de 30 estudiantes: sin color"}
    assert "nunca se señalan con color" in json.dumps(_chart(app)["title"], ensure_ascii=False)
    assert not any("◆" in row["label"] for row in _rows(app))
    app.selectbox(key="preset").set_value(PRESETS[0]).run()           # the default colours every shown group
    assert "Menos de 30" not in json.dumps(_chart(app), ensure_ascii=False)
    assert "Menos de 30 estudiantes: sin color" not in _statuses(app).values()


def test_intersections_in_spanish(app):
    app.session_state["lang"] = "es"
    app.switch_page("pages/views/intersections.py").run()
    assert not app.exception
    assert app.title[0].value == "Intersecciones"
    assert [s.label for s in app.selectbox if s.key in ("cross_first", "cross_second_race")] == ["Filas", "Columnas"]
    assert {"Raza/etnia", "Estudiantes con resultado", "Porcentaje (%)", "Nota"} <= set(app.dataframe[0].value.columns)
    app.selectbox(key="preset").set_value(PRESETS[2]).run()
    assert not app.exception
