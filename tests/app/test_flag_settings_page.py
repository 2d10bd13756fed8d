"""The gaps page's flag settings, students needed and cohorts, on the sample district: every figure checked against
the table's own rates (or the students table) by an independent formula."""

from math import ceil

import pytest

from equity.stats.gap_flags import Flag
from tests.app.conftest import figures

SIZE = "Students with a result"        # the gaps table's size column
PPG_COLUMN = "Gap vs {} (PPG)"


def _ppg(app):
    app.switch_page("pages/views/gaps.py").run()
    app.selectbox(key="gaps_flag").set_value(Flag.PPG).run()
    assert not app.exception
    return app


def _shown(app):
    """The shown groups of the gaps table (all students' first row left out)."""
    table = app.dataframe[0].value.iloc[1:]
    numbers = [c for c in table.columns if c not in ("Group", "Note", "Flagged")]
    return figures(table[table["Note"] == ""], numbers)


def test_students_needed_beside_every_group_under_ppg(app):
    _ppg(app)
    table = _shown(app)
    for _, row in table.iterrows():
        reference = row["Share (%)"] - row[PPG_COLUMN.format("all students")]
        parity = max(0, ceil((reference - row["Share (%)"]) / 100 * row[SIZE] - 1e-9))
        assert abs(row["Needed for parity"] - parity) <= 1        # worked out here from rates printed to a tenth
        if row["Flagged"] == "yes":
            # DisImpact: ⌈(reference − (rate + margin)) × n⌉, at least one.
            end = max(1, ceil((reference - row["Share (%)"] - row["Margin of error"]) / 100 * row[SIZE] - 1e-9))
            assert abs(row["Needed to end flag"] - end) <= 1
        else:
            assert row["Needed to end flag"] == 0
    flagged = table[table["Flagged"] == "yes"]
    assert len(flagged) >= 1
    most = flagged.loc[flagged["Needed for parity"].idxmax()]
    sentence = next(m.value for m in app.markdown if m.value.startswith("**"))
    assert f"{most['Group']}: {int(most['Needed for parity']):,} more students meeting" in sentence


def test_reference_highest_group_and_fixed_rate(app):
    _ppg(app)
    app.selectbox(key="gaps_flagset_ppg_reference").set_value("hpg").run()
    table = _shown(app)
    named = [g for g in table["Group"] if g != "Not reported"]
    best = table[table["Group"].isin(named)]["Share (%)"].max()
    top = table.loc[table[table["Group"].isin(named)]["Share (%)"].idxmax(), "Group"]
    column = PPG_COLUMN.format(f"the highest-performing group ({top})")
    assert (table[column] - (table["Share (%)"] - best)).abs().max() <= 0.11      # each printed to a tenth
    app.selectbox(key="gaps_flagset_ppg_reference").set_value("value").run()
    app.number_input(key="gaps_flagset_ppg_value").set_value(90.0).run()
    table = _shown(app)
    assert (table[PPG_COLUMN.format("a fixed rate of 90%")] - (table["Share (%)"] - 90.0)).abs().max() <= 0.11


def test_comparison_with_all_other_students_moves_the_ppg_gap(app):
    _ppg(app)
    before = _shown(app).set_index("Group")[PPG_COLUMN.format("all students")]
    app.selectbox(key="gaps_compare_race").set_value("others").run()
    after = _shown(app).set_index("Group")
    # With "all other students", the table's own gap is the PPG gap too (the reference is the rest of the cohort).
    gap = after["Gap vs all other students (points)"]
    assert (after[PPG_COLUMN.format("all other students")] - gap).abs().max() <= 0.11
    assert (after[PPG_COLUMN.format("all other students")] - before).abs().max() > 0.5


def test_margin_settings_and_cut_offs(app):
    _ppg(app)
    app.number_input(key="gaps_flagset_min_moe").set_value(1.0).run()
    app.checkbox(key="gaps_flagset_moe_from_rate").check().run()
    table = _shown(app)
    for _, row in table.iterrows():
        p = row["Share (%)"] / 100
        expected = max(1.96 * (p * (1 - p) / row[SIZE]) ** 0.5, 0.01) * 100
        assert row["Margin of error"] == pytest.approx(expected, abs=0.11)
    assert any("Settings: margin of error never below 1 points; margin of error from each group's own rate." in c.value
               for c in app.caption)
    app.selectbox(key="gaps_flag").set_value(Flag.PI).run()
    app.number_input(key="gaps_flagset_cut").set_value(1.0).run()
    table = _shown(app)
    flagged = table["Flagged"] == "yes"                          # the index printed to a hundredth
    assert (table.loc[flagged, "Proportionality index"] <= 1.0).all()
    assert (table.loc[~flagged, "Proportionality index"] >= 1.0).all()


def test_cohorts_by_term_on_the_gaps_page(app):
    bench = app.session_state["bench"]
    terms = [t for (t,) in bench.con.execute("SELECT DISTINCT term FROM students ORDER BY term").fetchall()]
    assert len(terms) > 1
    app.switch_page("pages/views/gaps.py").run()
    app.selectbox(key="gaps_cohort_by").set_value("term").run()
    app.selectbox(key="gaps_cohort_term").set_value(terms[-1]).run()
    assert not app.exception
    n = bench.con.execute("SELECT count(final_grade_pct) FROM students WHERE term = ?", [terms[-1]]).fetchone()[0]
    assert any(c.value.startswith(f"All students: n = {n:,}") for c in app.caption)
    assert terms[-1] in app.get("vega_lite_chart")[0].proto.spec              # the chart's title names the cohort
    app.switch_page("pages/views/intersections.py").run()
    app.selectbox(key="cross_cohort_by").set_value("term").run()
    assert not app.exception and app.selectbox(key="cross_cohort_term").value == terms[0]


def test_report_builder_takes_cohorts_and_flag_settings(app):
    app.switch_page("pages/views/report.py").run()
    app.multiselect(key="report_dimensions").set_value(["race"]).run()
    app.selectbox(key="report_flag").set_value(Flag.PPG).run()
    app.selectbox(key="report_flagset_ppg_reference").set_value("hpg").run()
    app.selectbox(key="report_cohort_by").set_value("term").run()
    assert not app.exception
    bench = app.session_state["bench"]
    terms = [t for (t,) in bench.con.execute("SELECT DISTINCT term FROM students ORDER BY term").fetchall()]
    headings = [m.value for m in app.markdown if m.value.startswith("#### ")]
    assert [h.rsplit("— ", 1)[-1] for h in headings] == [f"Term {term}" for term in terms]
    table = app.dataframe[0].value
    assert any(c.startswith("Gap vs the highest-performing group (") for c in table.columns)
    assert {"Needed to end flag", "Needed for parity"} <= set(table.columns)
    report = app.session_state["report_built"]
    assert report.sections[0].title.endswith(f"Term {terms[0]}")


@pytest.mark.parametrize("method", [Flag.PPG, Flag.EIGHTY])
def test_settings_and_cohorts_read_in_spanish(app, method):
    from tests.app.test_spanish_screens import _texts, english_left

    app.session_state["lang"] = "es"
    app.switch_page("pages/views/gaps.py").run()
    app.selectbox(key="gaps_flag").set_value(method).run()
    app.selectbox(key="gaps_cohort_by").set_value("term").run()
    if method is Flag.PPG:
        app.selectbox(key="gaps_flagset_ppg_reference").set_value("hpg").run()
        app.checkbox(key="gaps_flagset_moe_from_rate").check().run()
    assert not app.exception
    assert english_left(_texts(app)) == []
    if method is Flag.PPG:       # against the highest group, some group is flagged
        assert any("estudiantes más que alcancen" in m.value for m in app.markdown)
