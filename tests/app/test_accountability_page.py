"""The scorecard's grid of every student group on every indicator, read in English and in Spanish on the
constructed district of tests/district.py (the figures are worked out in tests/plans/test_accountability.py),
and a published preset applied from the cut-point editor."""

from tests.app.conftest import scorecard_of
from tests.district import district_csv


def _scorecard(app, lang="en"):
    return scorecard_of(app, district_csv(), "district.csv", lang)


def _table(app, group: str, indicator: str):
    frame = next(d.value for d in app.dataframe if group in d.value.columns and indicator in d.value.columns)
    return frame.set_index([group, indicator])


def _html(app) -> str:
    return next(h.proto.body for h in app.get("html") if 'class="accountability"' in h.proto.body)


def test_every_group_on_every_indicator_in_english(app):
    _scorecard(app)
    assert any(s.value == "Every student group on every indicator" for s in app.subheader)
    table = _table(app, "Group", "Indicator")
    assert table.loc[("Students with disabilities", "Chronic absence"), "Colour"] == "Red"
    assert table.loc[("Black or African American", "Chronic absence"), "Colour"] == "Yellow"
    assert (table.loc[("Asian", "Suspensions")][["Students with a result", "Latest value"]] == "—").all()
    html = _html(app)
    assert "Student groups × indicators, 2024-25 against 2023-24" in html
    assert "Red · Very high · Increased significantly" in html
    said = " ".join(m.value for m in app.markdown)
    assert "Students with disabilities: red on Suspensions and Chronic absence" in said
    assert "Lowest on Suspensions: Black or African American (13.3%, Very high, Red)." in said


def test_the_colour_minimum_is_a_setting_on_screen(app):
    _scorecard(app)
    app.number_input(key="accountability_colour_min_n").set_value(31).run()
    table = _table(app, "Group", "Indicator")
    assert table.loc[("Black or African American", "Chronic absence"), "Colour"].startswith("No colour")
    assert table.loc[("White", "Chronic absence"), "Colour"] == "Green"


def test_every_group_on_every_indicator_in_spanish(app):
    _scorecard(app, "es")
    assert any(s.value == "Cada grupo de estudiantes en cada indicador" for s in app.subheader)
    table = _table(app, "Grupo", "Indicador")
    assert table.loc[("Estudiantes con discapacidades", "Ausentismo crónico"), "Color"] == "Rojo"
    said = " ".join(m.value for m in app.markdown)
    assert "Estudiantes con discapacidades: en rojo en Suspensiones y Ausentismo crónico" in said
    assert "Grupos de estudiantes × indicadores, 2024-25 frente a 2023-24" in _html(app)


def test_a_published_preset_fills_an_indicators_cut_points(app):
    _scorecard(app)
    # Suspensions start from the unified district's table (their name suggests it): White students' 1/60 =
    # 1.7% is Low there ("greater than 1.0% to 2.5%"), maintained: Green. The elementary district table puts
    # 1.7% in Medium ("greater than 1.5% to 3.0%"): Yellow.
    assert _table(app, "Group", "Indicator").loc[("White", "Suspensions"), "Colour"] == "Green"
    names = [o for o in app.selectbox(key="preset_indicator").options]
    app.selectbox(key="preset_indicator").set_value(names.index("Suspensions")).run()
    chooser = next(s for s in app.selectbox if s.key.startswith("preset_choice_"))
    assert chooser.value == "suspension_unified"
    chooser.set_value("suspension_elementary").run()
    app.button(key="preset_apply").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert _table(app, "Group", "Indicator").loc[("White", "Suspensions"), "Colour"] == "Yellow"


def test_the_report_adds_every_group_on_every_indicator(app):
    _scorecard(app)
    app.number_input(key="accountability_colour_min_n").set_value(31).run()
    app.switch_page("pages/views/report.py").run()
    app.multiselect(key="report_dimensions").set_value([]).run()
    app.checkbox(key="report_scorecard").check().run()
    app.checkbox(key="report_accountability").check().run()
    assert not app.exception, [e.value for e in app.exception]
    table = next(d.value for d in app.dataframe if "Indicator" in d.value.columns and "Group" in d.value.columns)
    table = table.set_index(["Group", "Indicator"])
    # The colour minimum chosen on the scorecard (31) holds in the report: Black students' 30 are not coloured.
    assert table.loc[("Black or African American", "Suspensions"), "Colour"].startswith("No colour")
    assert table.loc[("Students with disabilities", "Suspensions"), "Colour"] == "Red"
    assert any("Students with disabilities: red on" in m.value for m in app.markdown)
