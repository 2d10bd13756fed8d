"""The report builder: preview matches the breakdowns, downloads are offered, presentation mode steps through
the views, the student list needs a confirmation, and the page (and its report) reads in Spanish."""

from equity.model.rules import Rule
from pages.views.shared import plain
from tests.app.conftest import OVERVIEW
from tests.app.test_chart_text import text_versions

PAGE = "pages/views/report.py"


def _open(app):
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_preview_shows_a_section_per_dimension_with_its_figures(app):
    _open(app)
    assert [t.value for t in app.title] == ["Reports"]
    assert len(app.get("vega_lite_chart")) == 3 and len(app.dataframe) == 3
    versions = text_versions(app)                 # each chart's text version: its section's table
    assert [rows for _, _, rows in versions] == [d.value.values.tolist() for d in app.dataframe]
    bench = app.session_state["bench"]
    result = bench.breakdown("final_grade_pct", Rule("threshold", 70.0), "race", label="Final Grade %")
    table = app.dataframe[0].value.set_index("Group")
    for g in result.shown():
        assert table.loc[g.label, "Share (%)"] == f"{g.value:.1f}%"
        assert table.loc[g.label, "Students with a result"] == f"{g.n:,}"
    downloads = [b.proto.label for b in app.get("download_button")]
    assert {"PDF", "Slides (PowerPoint)", "Web page (HTML)", "All tables (Excel)"} <= set(downloads)
    assert {"Chart (PNG)", "Chart (SVG)", "Table (CSV)", "Table (Excel)"} <= set(downloads)


def test_choosing_views_and_an_intersection(app):
    _open(app)
    app.multiselect(key="report_dimensions").set_value(["special_ed"]).run()
    assert len(app.dataframe) == 1
    app.multiselect(key="report_dimensions").set_value(["race", "low_income"]).run()
    app.multiselect(key="report_cross_race-low_income").set_value([("race", "low_income")]).run()
    assert not app.exception and len(app.dataframe) == 3
    assert any("race/ethnicity × income" in m.value for m in app.markdown)
    app.multiselect(key="report_dimensions").set_value([]).run()
    assert any("at least one group" in i.value for i in app.info)


def test_presentation_mode_hides_the_controls_and_steps(app):
    _open(app)
    app.text_input(key="report_title").input("Board meeting").run()
    app.toggle(key="present_mode").set_value(True).run()
    assert not app.exception
    assert not [m for m in app.multiselect if m.key.startswith("report_")] and not app.text_input
    assert any("stSidebar" in h.proto.body and "display: none" in h.proto.body for h in app.get("html"))
    first = app.title[0].value
    assert first.startswith(plain("Final Grade % (>= 70) by race/ethnicity"))
    app.button(key="present_next").click().run()
    assert app.title[0].value.startswith(plain("Final Grade % (>= 70) by income"))
    app.button(key="present_previous").click().run()
    app.button(key="present_previous").click().run()
    assert app.title[0].value.startswith(plain("Final Grade % (>= 70) by English-learner status"))
    app.toggle(key="present_mode").set_value(False).run()
    assert app.text_input(key="report_title").value == "Board meeting"
    assert app.multiselect(key="report_dimensions").value == ["race", "low_income", "english_learner"]


def test_student_list_needs_confirmation(app):
    _open(app)
    labels = lambda: {b.proto.label for b in app.get("download_button")}  # noqa: E731
    assert "Student list (CSV)" not in labels()
    app.checkbox(key="student_confirm").check().run()
    assert {"Student list (CSV)", "Student list (Excel)"} <= labels()


def test_spanish_page_and_report(app):
    app.selectbox(key="lang").select("es").run()
    _open(app)
    assert [t.value for t in app.title] == ["Informes"]
    assert any(m.value.startswith("Todos los estudiantes: ") for m in app.markdown)
    assert "Grupo" in app.dataframe[0].value.columns
    app.radio(key="report_language_es").set_value("en").run()
    assert any(m.value.startswith("All students: ") for m in app.markdown)
    assert [t.value for t in app.title] == ["Informes"]


def test_overview_and_gaps_in_spanish(app):
    app.switch_page(OVERVIEW).run()
    app.selectbox(key="lang").select("es").run()
    assert any("datos de ejemplo" in i.value.lower() for i in app.info)
    app.switch_page("pages/views/gaps.py").run()
    assert not app.exception
    assert [t.value for t in app.title] == ["Brechas por grupo"]
    assert any(m.value.startswith("**La mayor brecha por raza/etnia") for m in app.markdown)
    assert {"Grupo", "Porcentaje (%)", "Brecha frente a todos los estudiantes (puntos)"} <= \
        set(app.dataframe[0].value.columns)
    assert {"Gráfico (PNG)", "Gráfico (SVG)", "Tabla (CSV)", "Tabla (Excel)"} <= \
        {b.proto.label for b in app.get("download_button")}


def test_the_scorecard_as_a_report_section_follows_the_users_choice(app):
    app.switch_page("pages/views/scorecard.py").run()
    next(m for m in app.multiselect if m.label == "Indicators shown").unselect("Suspensions").run()
    _open(app)
    app.multiselect(key="report_dimensions").set_value([]).run()
    app.checkbox(key="report_scorecard").check().run()
    assert not app.exception and len(app.dataframe) == 1
    assert "#### 1. Balanced scorecard" in [m.value for m in app.markdown]
    table = app.dataframe[0].value.set_index("Indicator")
    assert "Suspensions" not in table.index and len(table) == 6
    # Course passing: 79.9% in 2024-25, up 1.8 since 2022-23: Low and 'increased', so Yellow.
    assert list(table.loc["Course passing", ["Value", "Change (points)", "Status", "Colour"]]) == \
        ["79.9%", "+1.8", "Low", "Yellow"]
    assert len(app.get("vega_lite_chart")) == 1
    app.radio(key="report_language_en").set_value("es").run()
    table = app.dataframe[0].value.set_index("Indicador")
    assert list(table.loc["Cursos aprobados", ["Estado", "Color"]]) == ["Bajo", "Amarillo"]
    assert "#### 1. Tablero de indicadores" in [m.value for m in app.markdown]


def test_the_report_flags_gaps_the_chosen_way(app):
    """Under the 80% index each race's row shows its rate over the highest shown rate, as worked out here from
    the same breakdown."""
    _open(app)
    app.multiselect(key="report_dimensions").set_value(["race"]).run()
    app.selectbox(key="report_flag").set_value("80").run()
    assert not app.exception
    table = app.dataframe[0].value.set_index("Group")
    assert "80% index" in table.columns and "Gap beyond chance" not in table.columns
    result = app.session_state["bench"].breakdown("final_grade_pct", Rule("threshold", 70.0), "race")
    best = max(g.value for g in result.shown() if g.label != "Not reported")
    for g in result.shown():
        if g.label != "Not reported":
            assert table.loc[g.label, "80% index"] == f"{g.value / best:.2f}"
