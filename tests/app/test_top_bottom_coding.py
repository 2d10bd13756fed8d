"""The sidebar's top/bottom coding option: off by default, and when ticked the gaps table, chart and sentence and
the intersections heat table show "≥ 95%" / "≤ 5%" instead of a small group's exact rate, in both languages."""

import json

import pyarrow as pa

from tests.report.test_render import coded_bench

WHITE, BLACK = "White", "Black or African American"


def _gaps(app, lang: str = "en"):
    """The gaps page on the coded class (White 97/100, Black 2/60, Asian 95/100, Hispanic 20/40), at >= 70."""
    bench = coded_bench()
    bench.coding = False
    app.session_state["bench"] = bench
    app.session_state["lang"] = lang
    app.switch_page("pages/views/gaps.py").run()
    app.number_input(key="gaps_threshold_score").set_value(70.0).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _table(app) -> dict:
    return {row.iloc[0]: row for _, row in app.dataframe[0].value.iterrows()}


def _chart_rows(app) -> dict:
    datasets = app.get("vega_lite_chart")[0].proto.datasets
    tables = (pa.ipc.open_stream(d.data.data).read_all().to_pylist() for d in datasets)
    return {row["group"]: row for table in tables for row in table if "status" in row}


def _sentence(app) -> str:
    return next(m.value for m in app.markdown if m.value.startswith("**"))


def test_ticking_the_box_codes_the_gaps_table_chart_and_sentence(app):
    _gaps(app)
    box = app.checkbox(key="top_bottom_code")
    assert box.label == "Top/bottom-code small groups (≥ 95% / ≤ 5%)" and box.value is False
    assert "fewer than 300 students" in box.help
    rows = _table(app)
    assert rows[WHITE]["Share (%)"] == "97.0%" and rows[WHITE]["Note"] == ""      # off: exact, as before
    box.check().run()
    assert not app.exception
    rows = _table(app)
    assert rows[WHITE]["Note"].startswith("≥ 95% — rate top-coded")
    assert rows[BLACK]["Note"].startswith("≤ 5% — rate bottom-coded")
    # The code is printed in place of the rate, as the exports print it; no gap nor interval is shown.
    assert (rows[WHITE]["Share (%)"], rows[BLACK]["Share (%)"]) == ("≥ 95%", "≤ 5%")
    for group in (WHITE, BLACK):
        assert all(rows[group][c] == "—" for c in ("Gap vs all students (points)", "95% low", "95% high"))
    assert "97.0" not in " ".join(rows[WHITE].astype(str))
    assert rows["Asian"]["Share (%)"] == "95.0%" and rows["Asian"]["Note"] == ""
    bars = _chart_rows(app)
    assert bars[WHITE]["value"] == 95.0 and bars[WHITE]["label"].startswith("≥ 95%") and bars[WHITE]["low"] is None
    assert bars[BLACK]["value"] == 5.0 and bars[BLACK]["label"].startswith("≤ 5%")
    spec = json.dumps(json.loads(app.get("vega_lite_chart")[0].proto.spec))
    assert "97.0" not in spec and "97.0" not in _sentence(app) and "3.3" not in _sentence(app)
    assert WHITE not in [o for o in app.selectbox(key="gaps_compare_race").options]    # no gap against a code


def test_coded_in_spanish_and_on_the_intersections_page(app):
    _gaps(app, "es")
    box = app.checkbox(key="top_bottom_code")
    assert box.label == "Codificar extremos en grupos pequeños (≥ 95% / ≤ 5%)"
    box.check().run()
    rows = _table(app)
    assert rows[next(k for k in rows if k.startswith("Blanc"))]["Nota"].startswith(
        "≥ 95% — tasa con codificación superior")
    app.switch_page("pages/views/intersections.py").run()
    app.number_input(key="cross_threshold_score").set_value(70.0).run()
    assert not app.exception
    texts = [row["text"] for d in app.get("vega_lite_chart")[0].proto.datasets
             for row in pa.ipc.open_stream(d.data.data).read_all().to_pylist() if "text" in row]
    assert any(t.startswith("≥ 95%") for t in texts) and any(t.startswith("≤ 5%") for t in texts)
    assert app.dataframe[0].value["Nota"].str.startswith("≥ 95% — tasa con codificación superior").any()
