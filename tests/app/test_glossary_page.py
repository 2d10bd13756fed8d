"""Plain words: the glossary page explains every term in English and Spanish under its own anchor, the settings
and captions that use a term carry its meaning and name it, and the risk page's banner says how close the
highest ratio comes instead of an all-clear."""

import pytest

from equity.words.glossary import ANCHORS, explain, terms
from equity.words.reader import reading
from pages.views.shared import plain
from tests.app.conftest import upload
from tests.district import district_csv


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_glossary_explains_every_term(app, lang):
    app.session_state["lang"] = lang
    app.switch_page("pages/views/glossary.py").run()
    assert not app.exception, [e.value for e in app.exception]
    with reading(lang):
        expected = terms()
    assert [(h.value, h.proto.anchor) for h in app.subheader] == [(plain(e.name), e.anchor) for e in expected]
    shown = [m.value for m in app.markdown]
    assert all(plain(e.paragraph) in shown for e in expected)
    assert len(expected) == len(ANCHORS) >= 20


def test_settings_that_use_a_term_explain_it(app):
    app.switch_page("pages/views/disproportionality.py").run()
    assert not app.exception, [e.value for e in app.exception]
    assert "See “Minimum group size (n-size)” in the Glossary." in app.sidebar.selectbox(key="preset").help
    assert app.sidebar.checkbox(key="top_bottom_code").help.endswith("See “Top and bottom coding” in the Glossary.")
    helps = {box.key: box.help for box in app.number_input}
    assert "See “Cell size” in the Glossary." in helps["risk_cell"]
    assert "See “Minimum group size (n-size)” in the Glossary." in helps["risk_nsize"]
    assert "See “Risk ratio (RR)” in the Glossary." in helps["risk_threshold"]
    assert app.caption[0].proto.help == explain("idea", "risk", "risk_ratio", "composition_index")
    app.switch_page("pages/views/gaps.py").run()
    assert "See “95% interval (Newcombe)” in the Glossary." in app.selectbox(key="gaps_flag").help
    assert any("See “Gap beyond chance” in the Glossary." in c.proto.help for c in app.caption)
    app.selectbox(key="gaps_flag").select("pi").run()
    assert any(c.proto.help == explain("proportionality_index") for c in app.caption)
    app.switch_page("pages/views/scorecard.py").run()
    legend = next(c for c in app.caption if c.value.startswith("**Filters:**"))
    assert "**Composition index**" in legend.value and "**CI**" not in legend.value and "**RR**" not in legend.value
    assert "See “Composition index” in the Glossary." in legend.proto.help


def _risk_page(app):
    """The constructed district's suspensions by race in 2024-25, with a cell size of 1 so its few suspensions
    give ratios."""
    app.switch_page("pages/views/data.py").run()
    upload(app, district_csv(), "district.csv").run()
    next(b for b in app.button if b.label == "Confirm mapping").click().run()
    app.switch_page("pages/views/disproportionality.py").run()
    app.number_input(key="risk_cell").set_value(1).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_nothing_flagged_says_how_high_the_highest_ratio_is(app):
    """2024-25: Black students 4 suspended of 30, all others 5 of 126, so 13.33% ÷ 3.97% = 3.36; Hispanic
    4 of 40 against 5 of 116, 2.32; White 1 of 60 against 8 of 96, 0.20. Under a threshold of 3.5 nothing is
    flagged, and the banner is no all-clear: it names the 3.36 and the threshold; under 3.0 Black students are
    flagged."""
    page = _risk_page(app)
    page.number_input(key="risk_threshold").set_value(3.5).run()
    assert not page.success
    banner = page.info[-1].value
    assert "highest risk ratio is 3.36 (Black" in banner and "threshold of 3.5" in banner
    page.number_input(key="risk_threshold").set_value(3.0).run()
    assert "Black" in page.warning[0].value and "3.36" in page.warning[0].value and not page.success
