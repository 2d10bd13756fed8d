"""The scorecard, disproportionality and survey pages, the join step on 'Your data', and crossed groups."""

from pathlib import Path

import pandas as pd
import pytest

from equity.data import combine
from equity.data.ingest import read_upload
from equity.stats.privacy import PRESETS

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"
NEW_PAGES = ["pages/views/scorecard.py", "pages/views/disproportionality.py", "pages/views/survey.py"]


@pytest.mark.parametrize("page", NEW_PAGES)
def test_new_pages_render_on_the_sample(app, page):
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]


def _frame(app, column: str) -> pd.DataFrame:
    return next(d.value for d in app.dataframe if column in d.value.columns)


def _blocks(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _blocks(child)


def test_cards_of_a_row_stretch_to_one_height(app):
    """Each card is a bordered container that fills its row's height, so a row of cards ends level."""
    app.switch_page("pages/views/scorecard.py").run()
    cards = [b.proto for b in _blocks(app.main) if b.type == "flex_container" and b.proto.flex_container.border]
    assert len(cards) >= 5 and all(card.height_config.use_stretch for card in cards)


def test_scorecard_shows_the_four_required_views(app):
    app.switch_page("pages/views/scorecard.py").run()
    titles = [m.value for m in app.markdown]
    for label in ("Suspensions", "AP participation", "Chronic absence", "Belonging", "ELA proficiency"):
        assert f"**{label}**" in titles
    table = _frame(app, "Measure value")
    rows = {(r.Indicator, r.Group): r for r in table.itertuples()}
    black = rows["Suspensions", "Black or African American"]
    assert (black.By, black.Measure) == ("Race/ethnicity", "Risk ratio") and black._9 == "2.54"
    low_income = rows["AP participation", "Low income"]
    # Its count is hidden beside the unreported one under the cell size (3 of 22): marked hidden, saying why.
    assert low_income.Measure == "Composition index"
    assert low_income.Hidden == ("yes — Hidden so that a smaller hidden number of students with the outcome cannot "
                                 "be worked out from the total.") and low_income.n == "1,120"
    assert low_income._9 == "—" and low_income.Value == "—"                 # the exports' dash
    not_low = rows["AP participation", "Not low income"]
    assert not_low.Hidden == "" and float(not_low._9) == pytest.approx((262 / 404) / (871 / 2013), abs=0.005)
    assert rows["Chronic absence", "English learners"].By == "English learner"
    assert rows["Belonging", "Students with disabilities"].By == "Special education"
    assert any("**Risk ratio**: cell size" in c.value and "n-size 30" in c.value for c in app.caption)


def test_scorecard_hides_small_groups(app):
    app.switch_page("pages/views/scorecard.py").run()
    app.selectbox(key="preset").set_value(PRESETS[2]).run()            # IDEA: fewer than 30 hidden
    version = app.session_state["bench"].data.version
    app.multiselect(key=f"filter_school_{version}").select("Lincoln High").run()
    assert not app.exception
    table = _frame(app, "Measure value")
    hidden = table[table["Hidden"] != ""]
    assert len(hidden) and (hidden["Value"] == "—").all() and (hidden["Measure value"] == "—").all()
    sizes = pd.to_numeric(table["n"].str.replace(",", ""), errors="coerce")    # a hidden size is a dash
    assert (table[sizes < 30]["Hidden"] != "").all()


def test_scorecard_add_and_remove_an_indicator(app):
    app.switch_page("pages/views/scorecard.py").run()
    mapping = app.session_state["bench"].data.mapping
    app.selectbox(key="card_add_outcome").set_value(mapping.outcome("Days Absent")).run()
    app.text_input(key="card_add_label").input("Days absent").run()
    next(b for b in app.button if b.label == "Add").click().run()
    assert not app.exception and "**Days absent**" in [m.value for m in app.markdown]
    kept = next(m for m in app.multiselect if m.label == "Indicators shown")
    kept.unselect("Suspensions").run()
    assert "**Suspensions**" not in [m.value for m in app.markdown]
    next(b for b in app.button if b.label == "Back to the default set").click().run()
    assert "**Suspensions**" in [m.value for m in app.markdown]


def test_disproportionality_flags_crosses_and_composition(app):
    app.switch_page("pages/views/disproportionality.py").run()
    assert app.selectbox(key="risk_outcome").value.header == "Suspended"
    table = _frame(app, "Risk ratio")
    assert {"n", "With outcome", "Risk %", "Comparison risk %", "Method", "Flagged", "Composition index"} <= \
        set(table.columns)
    assert any("Minimum cell size 10" in c.value and "n-size 30" in c.value for c in app.caption)
    app.number_input(key="risk_threshold").set_value(2.0).run()
    assert any("Black or African American (2.54)" in w.value for w in app.warning)
    app.selectbox(key="risk_second_race").set_value("low_income").run()
    crossed = _frame(app, "Risk ratio")
    assert "Black or African American · Low income" in set(crossed["Group"])
    assert (crossed[crossed["Method"] == "Hidden"]["Risk %"] == "—").all()             # the exports' dash
    mapping = app.session_state["bench"].data.mapping
    app.selectbox(key="risk_outcome").set_value(mapping.outcome("AP Courses")).run()
    app.selectbox(key="risk_second_race").set_value(None).run()
    app.selectbox(key="risk_dimension").set_value("low_income").run()
    assert app.number_input(key="risk_threshold_ap_courses").value == 1.0    # a count: at least one
    ap = _frame(app, "Composition index").set_index("Group")
    assert float(ap.loc["Not low income", "Composition index"]) > 1
    # Income not reported: a count under the cell size, hidden; low-income students' count (the smaller shown)
    # hidden with it, and their composition index, which would give it back.
    assert (ap.loc[["Low income"], ["With outcome", "Composition index"]] == "—").all().all()


def test_survey_page_on_the_sample_survey(app):
    app.switch_page("pages/views/survey.py").run()
    assert any("Google Forms" in c.value for c in app.caption)
    assert any("2,830 of 2,830 respondents matched" in c.value for c in app.caption)
    assert len(_frame(app, "Question")) == 5
    app.selectbox(key="survey_dimension").set_value("special_ed").run()
    table = _frame(app, "% favourable")
    assert {"All respondents", "Students with disabilities"} <= set(table["Group"])
    app.selectbox(key="survey_second_special_ed").set_value("race").run()
    crossed = _frame(app, "% favourable")
    assert (crossed[crossed["Hidden"] != ""]["% favourable"] == "—").all() and (crossed["Hidden"] != "").any()


def test_join_an_event_file_on_your_data(app):
    app.switch_page("pages/views/data.py").run()
    bench = app.session_state["bench"]
    events = read_upload((SAMPLE / "discipline_incidents.csv").read_bytes(), "discipline_incidents.csv")
    app.session_state["join_other"] = (events, combine.suggest(bench.con, bench.join_base(), events))
    app.run()
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Event rows"] == "5,122" and metrics["Students without a row"] == "0"
    next(b for b in app.button if b.label == "Use the joined file").click().run()
    assert bench.staged.upload.name == "district.csv + discipline_incidents.csv"
    assert any(s.value.startswith("Check the columns of district.csv") for s in app.subheader)
    next(b for b in app.button if b.label == "Confirm mapping").click().run()
    assert not app.exception and not bench.data.sample
    app.switch_page("pages/views/disproportionality.py").run()
    app.selectbox(key="risk_outcome").set_value(bench.data.mapping.outcome("Any suspension")).run()
    assert not app.exception and len(_frame(app, "Risk ratio"))


def test_gaps_page_can_cross_two_dimensions(app):
    app.switch_page("pages/views/gaps.py").run()
    app.selectbox(key="gaps_second_race").set_value("low_income").run()
    assert not app.exception
    table = _frame(app, "Gap vs all students")
    assert {"Race/ethnicity", "Income", "Students with a result", "Share (%)", "Note"} <= set(table.columns)
