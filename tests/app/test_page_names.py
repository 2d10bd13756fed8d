"""Every page's heading is the name the navigation gives it, in each language (the home page carries the app's
name)."""

import pytest

from equity.words.i18n import t
from equity.words.reader import reading
from tests.app.conftest import upload
from tests.district import district_csv

NAV = {"data": "data", "gaps": "gaps", "intersections": "intersections", "scorecard": "scorecard",
       "disproportionality": "disproportionality", "survey": "survey", "trends": "trends", "cohort": "matched",
       "goals": "goals", "log": "log", "report": "report", "workspace": "saved", "sql": "sql",
       "glossary": "glossary"}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_heading_is_its_navigation_name(app, lang):
    app.session_state["lang"] = lang
    found = {}
    for page in NAV:
        app.switch_page(f"pages/views/{page}.py").run()
        assert not app.exception, (page, [e.value for e in app.exception])
        found[page] = app.title[0].value
    with reading(lang):
        assert found == {page: t(f"nav.{key}") for page, key in NAV.items()}


def test_the_saved_data_page_shows_a_teacher_no_path_or_variable(app):
    app.switch_page("pages/views/workspace.py").run()
    note = " ".join(i.value for i in app.info)
    assert "Stored on this computer only" in note and "Saved datasets" in note
    assert "EQUITY_WORKSPACE" not in note and "/" not in note.replace("and/or", "")
    folder = app.expander[0]
    assert folder.label.startswith("Where the files are") and "EQUITY\\_WORKSPACE" in folder.caption[0].value


def test_a_remembered_layout_points_to_the_mapping_shown_below(app):
    """The second upload of a layout applies its confirmed mapping: the banner names the section that is there."""
    app.switch_page("pages/views/data.py").run()
    for _ in range(2):
        upload(app, district_csv(), "district.csv").run()
        confirm = [b for b in app.button if b.label == "Confirm mapping"]
        if confirm:
            confirm[0].click().run()
    banner = " ".join(s.value for s in app.success)
    assert "the mapping you confirmed before was applied; it is shown under “Column mapping in use” below" in banner
    assert "Column mapping in use" in [e.label for e in app.expander]
