"""Screens never show the size of a hidden group: every table the intersections and disproportionality pages
show, read with a filter set (so the rule across views hides some groups) on the sample district."""

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import counts

ACROSS_NOTE = "Hidden so that it cannot be worked out by comparing with the unfiltered view."
MIN_N, CELL_SIZE = 10, 10          # the defaults on screen
SIZE = "Students with a result"      # the gaps and intersections tables' size column
BANDS = {"—", f"<{MIN_N}"}           # a hidden group's size, as every export prints it: a dash or a band


def filtered(app: AppTest, page: str, field: str, value: str) -> AppTest:
    app.switch_page(page).run()
    box = next(m for m in app.multiselect if m.key.startswith(f"filter_{field}_"))
    box.set_value([value]).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def tables(app: AppTest) -> list[pd.DataFrame]:
    return [frame.value for frame in app.dataframe]


@pytest.mark.parametrize("field,value", [("english_learner", "false"), ("school", "Riverside Middle")])
def test_intersections_tables_show_no_hidden_size(app, field, value):
    shown = tables(filtered(app, "pages/views/intersections.py", field, value))
    assert shown
    for table in shown:
        hidden = table["Note"] != ""
        assert hidden.any()
        assert table.loc[hidden, SIZE].isin(BANDS).all() and (table.loc[hidden, "Share (%)"] == "—").all()
        assert (counts(table.loc[~hidden, SIZE]) >= MIN_N).all()
    notes = pd.concat(shown)["Note"]
    assert notes.str.endswith(ACROSS_NOTE).any()          # the rule across views is at work under this filter


def test_disproportionality_tables_show_no_hidden_size_nor_a_small_count(app):
    shown = tables(filtered(app, "pages/views/disproportionality.py", "english_learner", "false"))
    risk = next(t for t in shown if "With outcome" in t.columns)
    hidden = risk["Note"].str.startswith("Hidden")
    assert hidden.any() and (risk.loc[hidden, ["n", "With outcome", "Risk %", "Risk ratio"]] == "—").all().all()
    assert (risk["Note"] == ACROSS_NOTE).any()
    assert (counts(risk["With outcome"]).dropna() >= CELL_SIZE).all() and (counts(risk["n"]).dropna() >= MIN_N).all()
    for table in shown:
        for column in ("n", "With outcome"):
            if column in table.columns:
                assert (counts(table[column]).dropna() >= MIN_N).all()


def test_disproportionality_hides_a_count_under_the_cell_size_and_the_next_smallest(app):
    # AP courses by income, district-wide, 2024-25 grades 9-12: income not reported 22 students, 3 in AP (under
    # the cell size); low income 1,120 (139), not low income 871 (262). The 3 are not shown, nor their risk, and
    # low income's 139, the smaller count shown, is hidden too (404 - 262 - 139 would give the 3), with its risk
    # and composition index; the group sizes are all shown.
    app.switch_page("pages/views/disproportionality.py").run()
    mapping = app.session_state["bench"].data.mapping
    app.selectbox(key="risk_outcome").set_value(mapping.outcome("AP Courses")).run()
    app.selectbox(key="risk_dimension").set_value("low_income").run()
    assert not app.exception, [e.value for e in app.exception]
    risk = next(t for t in tables(app) if "With outcome" in t.columns).set_index("Group")
    assert list(risk["n"]) == ["1,120", "871", "22"]
    few = risk["Note"].str.startswith(f"Fewer than {CELL_SIZE} students with the outcome")
    assert list(risk.index[few]) == ["Not reported"]
    assert risk.loc["Low income", "Note"] == ("Hidden so that a smaller hidden number of students with the outcome "
                                              "cannot be worked out from the total.")
    hidden = ["With outcome", "Risk %", "Composition index"]
    assert (risk.loc[["Not reported", "Low income"], hidden] == "—").all().all()
    assert risk.loc["Not low income", "With outcome"] == "262"
    assert float(risk.loc["Not low income", "Composition index"]) == pytest.approx((262 / 404) / (871 / 2013),
                                                                                   abs=0.005)


def test_gaps_table_under_a_filter_shows_no_hidden_size(app):
    shown = tables(filtered(app, "pages/views/gaps.py", "section_504", "false"))
    table = shown[0]
    hidden = table["Note"] != ""
    assert hidden.any() and table.loc[hidden, SIZE].isin(BANDS).all()
    assert (counts(table.loc[~hidden, SIZE]) >= MIN_N).all()
