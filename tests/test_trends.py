"""Trends over terms: per-term figures match the single-term views, hidden points stay holes, never zeros."""

import pytest

from equity import interventions, trend_charts
from equity.filters import Filters
from equity.metrics import Rule
from equity.session import Workbench
from equity.trends import data_terms, gap_change_sentence, trend
from tests import multiterm


@pytest.fixture
def bench() -> Workbench:
    bench = Workbench()
    bench.upload(multiterm.one_file(), "district.csv")
    bench.confirm(bench.staged.proposal)
    return bench


def test_per_term_values_gaps_and_suppression(bench):
    result = trend(bench.con, "proficient", Rule("boolean"), "english_learner", label="Proficient")
    assert result.terms == multiterm.TERMS
    el = result.series("true")
    assert [p.value for p in el] == [pytest.approx(30.0), pytest.approx(40.0), None]
    assert [p.gap for p in el] == [pytest.approx(-18.0), pytest.approx(-12.0), None]   # 30-48, 40-52
    assert el[2].n == 5 and "fewer than 10" in el[2].note
    others = result.series("false")
    assert others[2].value is None and "worked out" in others[2].note          # hidden by the complement rule
    assert [round(p.value, 2) for p in result.overall()] == [48.0, 52.0, 68.57]
    assert "narrowed" in gap_change_sentence(result) or "No group" in gap_change_sentence(result)


def test_term_filter_limits_the_terms(bench):
    assert data_terms(bench.con, Filters(term=("2023-24", "2022-23"))) == ("2022-23", "2023-24")


def test_a_hidden_point_is_a_hole_in_the_line_not_a_zero(bench):
    result = trend(bench.con, "proficient", Rule("boolean"), "english_learner")
    spec = trend_charts.trend_chart(result).to_dict()
    line_layer = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "line")
    line = [r for r in spec["datasets"][line_layer["data"]["name"]] if r["series"] == "English learners"]
    assert [r["term"] for r in line] == ["2022-23", "2023-24"]                   # no row, so no zero, in 2024-25
    assert all(r["y"] != 0 for r in line)
    holes = [r for data in spec["datasets"].values() for r in data
             if r.get("series") == "English learners" and "note" in r]
    assert [r["term"] for r in holes] == ["2024-25"]                             # marked with a ×
    table = trend_charts.trend_frame(result)
    hidden = table[(table["Group"] == "English learners") & (table["Term"] == "2024-25")].iloc[0]
    assert hidden["Value"] != hidden["Value"] and hidden["Hidden"].startswith("yes")   # NaN, with why


def test_segments_break_at_a_hole_between_two_shown_points():
    from equity.trends import Point
    points = (Point("a", 20, 10.0, None), Point("b", 3, None, None, "hidden"), Point("c", 20, 12.0, None))
    rows = trend_charts._rows("G", points, ("a", "b", "c"))
    assert [(r["term"], r["segment"]) for r in rows] == [("a", "G#0"), ("c", "G#1")]


def test_interventions_are_drawn_at_their_dates(bench):
    result = trend(bench.con, "proficient", Rule("boolean"), "english_learner")
    entries = (interventions.Entry("2023-10-01", "implement", "Tutoring"),
               interventions.Entry("2031-01-01", "reflect", "Later"))
    markers = interventions.markers(entries, result.terms)
    assert len(markers) == 1 and 0 < markers[0].x < 1                    # between 2022-23 and 2023-24
    spec = trend_charts.trend_chart(result, markers).to_dict()
    assert any(r.get("title") == "Tutoring" for data in spec["datasets"].values() for r in data)
