"""The scorecard and disproportionality screens in Spanish, and the scorecard's choice kept across restarts."""

import pandas as pd
from streamlit.testing.v1 import AppTest

from equity.plans import scorecard as sc
from equity.plans.status_grid import Cuts
from equity.store import scorecards as store
from tests.app.conftest import ROOT


def _frame(app, column: str) -> pd.DataFrame:
    return next(d.value for d in app.dataframe if column in d.value.columns)


def _spanish(app) -> AppTest:
    app.session_state["lang"] = "es"
    return app


def test_scorecard_in_spanish(app):
    _spanish(app).switch_page("pages/views/scorecard.py").run()
    assert not app.exception
    assert [t.value for t in app.title] == ["Tablero de indicadores"]
    titles = [m.value for m in app.markdown]
    for name in ("**Suspensiones**", "**Participación en AP**", "**Ausentismo crónico**", "**Cursos aprobados**",
                 "**Indicadores anticipados** · condiciones que cambian durante el año"):
        assert name in titles
    assert ":gray-badge[Sin meta]" in titles
    assert any("**Razón de riesgo**: tamaño mínimo" in c.value and "tamaño n 30" in c.value for c in app.caption)
    assert any(c.value.endswith("2024-25 frente a 2022-23") for c in app.caption)
    table = _frame(app, "Valor de la medida")
    black = table[(table["Indicador"] == "Suspensiones") & (table["Grupo"] == "Negro o afroamericano")].iloc[0]
    assert (black["Por"], black["Medida"], black["Tipo"]) == ("Raza/etnia", "Razón de riesgo", "anticipado")
    assert black["Valor de la medida"] == "2,54"       # 80/868 against 151/4159, printed the Spanish way
    assert {e.label for e in app.expander} >= {"Elegir indicadores", "Todas las cifras en una tabla"}
    assert {"Agregar", "Volver al conjunto predeterminado", "Puntos de corte del California Dashboard",
            "Usar estos puntos de corte"} == \
        {b.label for b in app.button}
    cards = "".join(h.proto.body for h in app.get("html"))
    assert "Razón de riesgo más alta: Negro o afroamericano, 2,54." in cards and "Por Raza/etnia" in cards


def test_disproportionality_in_spanish(app):
    _spanish(app).switch_page("pages/views/disproportionality.py").run()
    assert not app.exception and [t.value for t in app.title] == ["Desproporcionalidad"]
    assert any(c.value.startswith("Riesgo = porcentaje de un grupo") for c in app.caption)
    assert any(c.value.startswith("Tamaño mínimo de celda 10") for c in app.caption)
    assert not app.success           # not an all-clear: the highest ratio (80/868 against 151/4159) and the threshold
    assert "Ningún grupo está señalado: la razón de riesgo más alta es 2,54 (Negro o afroamericano), por debajo del " \
        "umbral de 3,0." in [i.value for i in app.info]
    table = _frame(app, "Razón de riesgo").set_index("Grupo")
    assert table.loc["Nativo de Hawái u otras islas del Pacífico", "Método"] == "Por debajo del tamaño de celda o n"
    assert "Periodos seguidos señalado" in table.columns
    app.number_input(key="risk_threshold").set_value(2.0).run()
    assert [w.value for w in app.warning] == ["**1 grupo con una razón de riesgo mayor que 2,0:** Negro o "
                                              "afroamericano (2,54)."]
    assert _frame(app, "Razón de riesgo").set_index("Grupo").loc["Negro o afroamericano", "Señalado"] == "sí"


def _restart() -> AppTest:
    """A new browser session of the app (same workspace), on the scorecard."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.switch_page("pages/views/scorecard.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_chosen_indicators_come_back_after_a_restart(app):
    app.switch_page("pages/views/scorecard.py").run()
    dataset = app.session_state["bench"].data.name
    mapping = app.session_state["bench"].data.mapping
    app.selectbox(key="card_add_outcome").set_value(mapping.outcome("Days Absent")).run()
    app.text_input(key="card_add_label").input("Days absent").run()
    next(b for b in app.button if b.label == "Add").click().run()
    next(m for m in app.multiselect if m.label == "Indicators shown").unselect("Suspensions").run()
    saved = [i.label for i in store.load(dataset).indicators]
    assert "Days absent" in saved and "Suspensions" not in saved
    again = _restart()
    titles = [m.value for m in again.markdown]
    assert "**Days absent**" in titles and "**Suspensions**" not in titles
    next(b for b in again.button if b.label == "Back to the default set").click().run()
    assert store.load(dataset) is None and "**Suspensions**" in [m.value for m in again.markdown]
    assert "**Suspensions**" in [m.value for m in _restart().markdown]


def test_a_damaged_saved_scorecard_gives_a_message_and_the_defaults(app):
    dataset = app.session_state["bench"].data.name
    path = store.path(dataset)
    path.parent.mkdir(parents=True)
    path.write_text('{"format": 1, "dataset": "', encoding="utf-8")
    app.switch_page("pages/views/scorecard.py").run()
    assert not app.exception
    assert any("is damaged, so the default indicators are shown" in w.value for w in app.warning)
    assert "**Suspensions**" in [m.value for m in app.markdown]


def test_status_and_change_on_the_scorecard(app):
    app.switch_page("pages/views/scorecard.py").run()
    placed = _frame(app, "Colour").set_index("Indicator")
    # Course passing: 79.9% in 2024-25 is Low (under 80); +1.8 points since 2022-23 is 'increased': Yellow.
    assert tuple(placed.loc["Course passing", ["Value", "Status", "Change (points)", "Colour"]]) == \
        ("79.9%", "Low", "+1.8", "Yellow")
    # Suspensions, lower is better, by the unified district's published table (their name suggests it): 4.6% is
    # High ("greater than 4.5% to 8.0%"), -0.3 points is 'declined' ("by 0.3% to less than 2.0%"): turned
    # round, Yellow.
    assert tuple(placed.loc["Suspensions", ["Status", "Change (points)", "Colour"]]) == ("High", "-0.3", "Yellow")
    grids = [h.proto.body for h in app.get("html") if "status-grid" in h.proto.body]
    assert len(grids) == 2 and "<li>Suspensions</li>" in grids[1] and "<li>Course passing</li>" in grids[0]
    _spanish(app).run()
    placed = _frame(app, "Color").set_index("Indicador")
    assert tuple(placed.loc["Cursos aprobados", ["Estado", "Cambio (puntos)", "Color"]]) == ("Bajo", "+1,8", "Amarillo")
    assert any(s.value == "Estado y cambio" for s in app.subheader)


def test_saved_cut_points_come_back_on_the_scorecard_and_in_the_report(app):
    bench = app.session_state["bench"]
    indicators = sc.default_indicators(bench.data.mapping, bench.data.profiles)
    # Course passing, 79.9% and up 1.8: with 'very high from 78' it is Very high and 'increased': Blue.
    store.save(bench.data.name, indicators, {"Course passing": Cuts((60.0, 70.0, 75.0, 78.0), (-5.0, -1.0, 1.0, 5.0))})
    app.switch_page("pages/views/report.py").run()
    app.multiselect(key="report_dimensions").set_value([]).run()
    app.checkbox(key="report_scorecard").check().run()
    table = app.dataframe[0].value.set_index("Indicator")
    assert list(table.loc["Course passing", ["Status", "Colour"]]) == ["Very high", "Blue"]
    app.switch_page("pages/views/scorecard.py").run()
    placed = _frame(app, "Colour").set_index("Indicator")
    assert list(placed.loc["Course passing", ["Status", "Colour"]]) == ["Very high", "Blue"]
    assert list(placed.loc["ELA proficiency", ["Status", "Colour"]]) == ["Very low", "Orange"]   # its defaults
    next(b for b in app.button if b.label == "California Dashboard cut points").click().run()
    placed = _frame(app, "Colour").set_index("Indicator")
    assert list(placed.loc["Course passing", ["Status", "Colour"]]) == ["Low", "Yellow"]
    assert store.load(bench.data.name).cuts == {}
