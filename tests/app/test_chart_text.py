"""Every chart's text version, the accessible table in the expander beneath it, holds the figures the chart
draws: read from the chart's own data as the browser receives it, and from the HTML a screen reader walks."""

import json

import pyarrow as pa
import pytest

from tests.present.test_tables import read_table


def charts(at) -> list[tuple[dict, dict]]:
    """Each chart on the page: its spec and its datasets (name → rows) as Streamlit sends them."""
    return [(json.loads(c.proto.spec),
             {d.name: pa.ipc.open_stream(d.data.data).read_pandas() for d in c.proto.datasets})
            for c in at.get("vega_lite_chart")]


def text_versions(at) -> list[tuple[str, list[str], list[list[str]]]]:
    """Each chart's text version on the page, in order: caption, headers, rows."""
    return [read_table(h.proto.body) for h in at.get("html") if 'class="data-table"' in h.proto.body]


def test_the_gap_chart_text_version_holds_each_groups_figure(app):
    app.switch_page("pages/views/gaps.py").run()
    (spec, data), = charts(app)
    (caption, headers, rows), = text_versions(app)
    assert caption == spec["title"]["text"]
    drawn = next(frame for frame in data.values() if "shown" in frame)
    assert len(drawn) >= 5                          # the sample's race/ethnicity groups drawn
    by_group = {row[0]: dict(zip(headers, row, strict=True)) for row in rows}
    for group, n, shown in drawn[["group", "n", "shown"]].itertuples(index=False):
        assert by_group[group]["Students with a result"] == f"{n:,d}"
        assert shown in by_group[group].values()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_both_trend_charts_text_versions_hold_every_drawn_point(app, lang):
    app.session_state["lang"] = lang
    app.switch_page("pages/views/trends.py").run()
    assert not app.exception, [e.value for e in app.exception]
    drawn_charts, versions = charts(app), text_versions(app)
    assert len(drawn_charts) == len(versions) == 2
    headings = [m.value.replace("\\", "") for m in app.markdown]       # as read, without Markdown escapes
    for (_, data), (caption, _, rows) in zip(drawn_charts, versions, strict=True):
        assert f"##### {caption}" in headings                     # captioned with the title above the chart
        printed = {(row[0], row[1]): row for row in rows}          # (term, group) → the row
        points = [frame for frame in data.values() if {"term", "series", "y"} <= set(frame)]
        checked = 0
        for frame in points:
            for term, series, y in frame[["term", "series", "y"]].dropna().itertuples(index=False):
                row = printed[(term, series)]
                figures = [float(c.replace(",", ".").replace("\xa0", "").rstrip("%")) for c in row[3:5]
                           if c != "—"]
                assert any(abs(f - y) <= 0.051 for f in figures), (term, series, y, row)
                checked += 1
        assert checked >= 6


def test_the_heat_tables_text_version_holds_each_cells_figure(app):
    app.switch_page("pages/views/intersections.py").run()
    (spec, data), = charts(app)
    (caption, headers, rows), = text_versions(app)
    assert caption == spec["title"]["text"]
    printed = {(row[0], row[1]): dict(zip(headers, row, strict=True)) for row in rows}
    cells = data["groups"].dropna(subset=["shown"])
    assert len(cells) >= 10
    for first, second, n, shown in cells[["row", "column", "n", "shown"]].itertuples(index=False):
        assert printed[(first, second)]["Students with a result"] == f"{int(n):,d}"
        assert printed[(first, second)]["Share (%)"] == shown


def test_the_risk_ratio_charts_text_version_holds_each_bars_ratio(app):
    app.switch_page("pages/views/disproportionality.py").run()
    (spec, data), = charts(app)
    (caption, headers, rows), = text_versions(app)
    assert caption == spec["title"]["text"]
    printed = {row[0]: dict(zip(headers, row, strict=True)) for row in rows}
    bars = next(frame for frame in data.values() if "ratio" in frame)
    assert len(bars) >= 4
    for group, n, ratio in bars[["group", "n", "ratio"]].itertuples(index=False):
        assert printed[group]["n"] == f"{n:,d}"
        assert float(printed[group]["Risk ratio"]) == pytest.approx(ratio, abs=0.005)       # printed to 0.01
