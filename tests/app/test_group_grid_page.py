"""The scorecard's status × change for every student group, read in English and in Spanish: each group's level
and colour in words, hidden groups never placed, a group under the California Dashboard's 30 uncoloured."""

from equity.stats.privacy import PRESETS
from tests.app.conftest import scorecard_of
from tests.plans.test_group_grid import graduation_csv


def _scorecard(app, lang="en"):
    return scorecard_of(app, graduation_csv(), "graduation.csv", lang)


def _grid(app, group_column: str):
    frame = next(d.value for d in app.dataframe if d.value.columns[0] == group_column and len(d.value.columns) == 7)
    return frame.set_index(group_column)


def test_every_group_in_english(app):
    _scorecard(app)
    assert any(s.value == "Every student group: status and change" for s in app.subheader)
    grid = _grid(app, "Group")
    assert list(grid.loc["White", ["Status", "Change", "Colour"]]) == ["High", "Increased significantly", "Blue"]
    assert list(grid.loc["Asian", ["Status", "Change", "Colour"]]) == ["Medium", "Maintained", "Yellow"]
    assert grid.loc["Black or African American", "Colour"] == \
        "No colour: hidden or absent in the prior term (too few students)"
    hispanic = grid.loc["Hispanic/Latino"]
    assert hispanic["Status"] == "—" and (hispanic[["Students with a result", "Latest value"]] == "—").all()
    assert any("Graduation: 2024-25 against 2023-24" in h.proto.body for h in app.get("html"))


def test_every_group_in_spanish_under_the_california_preset(app):
    _scorecard(app, "es")
    app.selectbox(key="preset").set_value(PRESETS[1]).run()       # hide n < 11, no colour below 30
    assert not app.exception, [e.value for e in app.exception]
    assert any(s.value == "Cada grupo de estudiantes: estado y cambio" for s in app.subheader)
    grid = _grid(app, "Grupo")
    assert list(grid.loc["Blanco", ["Estado", "Cambio", "Color"]]) == ["Alto", "Aumentó significativamente", "Azul"]
    assert grid.loc["Asiático", "Color"] == "Amarillo"           # 30 students: the minimum itself is coloured
    assert grid.loc["Hispano/Latino", "Estado"] == "—"


def test_the_report_adds_every_groups_status_and_change(app):
    _scorecard(app)
    app.switch_page("pages/views/report.py").run()
    app.multiselect(key="report_dimensions").set_value([]).run()
    app.checkbox(key="report_scorecard").check().run()
    app.checkbox(key="report_group_grids").check().run()
    assert not app.exception, [e.value for e in app.exception]
    assert any(m.value == "#### 2. Graduation: 2024-25 against 2023-24" for m in app.markdown)
    grid = next(d.value for d in app.dataframe if "Students with a result" in d.value.columns).set_index("Group")
    assert list(grid.loc["White", ["Status", "Change", "Colour"]]) == ["High", "Increased significantly", "Blue"]
    assert grid.loc["Hispanic/Latino", "Colour"] == "No colour: the latest value is hidden (too few students)"
