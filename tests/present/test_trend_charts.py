"""Trend charts: an axis fitted to the figures with its start stated, and end-of-line labels spread apart."""

import json

import pytest
import vl_convert

from equity.model.dimensions import DIMENSIONS
from equity.model.rules import Rule
from equity.present.trend_charts import spread, trend_chart
from equity.report.images import static_spec
from equity.sources.cells import Stats
from equity.stats.metrics import Breakdown, GroupResult
from equity.stats.trends import Trend

GROUPS = ("Asian", "Black or African American", "Hispanic/Latino", "White")


def test_spread_keeps_order_and_distance():
    # 50.0 stays; 50.1 → 51.0 and 50.2 → 52.0, pushed up one gap at a time; 60 is clear of them.
    assert spread([50.0, 50.2, 50.1, 60.0], 1.0, 100.0) == [50.0, 52.0, 51.0, 60.0]
    # 99.5 and 100.5 would rise above 100: the stack moves down by 0.5.
    assert spread([99.5, 99.8], 1.0, 100.0) == [99.0, 100.0]


def _term(overall_meeting: int, values: tuple[float, ...]) -> Breakdown:
    """A term where all 400 students' rate is `overall_meeting` / 4 and each group of 100 has its value."""
    return Breakdown("Final %", Rule("threshold", 70), DIMENSIONS["race"], "all", 10,
                     Stats(400, overall_meeting, overall_meeting), False,
                     tuple(GroupResult(g, g, 100, v, v - overall_meeting / 4, (v - 5, v + 5), False, False)
                           for g, v in zip(GROUPS, values, strict=True)))


# Four groups end within 0.3 points of each other, at 80.0 … 80.3, all students at 321/400 = 80.25%; they began
# at 72 … 78.
CLOSE = Trend("Final %", Rule("threshold", 70), DIMENSIONS["race"], "all", 10, ("2023-24", "2024-25"),
              (_term(300, (72.0, 74.0, 76.0, 78.0)), _term(321, (80.0, 80.1, 80.2, 80.3))))


def _texts(chart) -> dict[str, float]:
    """Every text mark Vega draws in the chart's plot (at the report's fixed width), with its height in pixels."""
    found = {}

    def walk(node):
        for item in node.get("items", []):
            if node.get("marktype") == "text" and node.get("role") == "mark" and item.get("text"):
                found[item["text"]] = item["y"]
            walk(item)
    walk(vl_convert.vegalite_to_scenegraph(json.loads(static_spec(chart)))["scenegraph"])
    return found


def test_end_labels_close_together_are_drawn_apart():
    drawn = _texts(trend_chart(CLOSE))
    heights = sorted(drawn[name] for name in ("All students", *GROUPS))
    assert all(b - a >= 13.9 for a, b in zip(heights, heights[1:], strict=False))     # 11 px text, 14 px apart
    # the lowest end (Asian, 80.0) is labelled lowest on screen (the largest y), the highest (White, 80.3) highest
    assert drawn["Asian"] == max(heights) and drawn["White"] == min(heights)


def test_the_axis_fits_the_figures_and_says_where_it_starts():
    spec = trend_chart(CLOSE).to_dict()
    y = next(layer["encoding"]["y"] for layer in spec["layer"] if layer["mark"]["type"] == "line")
    # Drawn 72 … 80.3: span 8.3, room 0.664 each side, ~5 steps of (8.3 + 1.328) / 5 = 1.93 → 2:
    # 71.336 → 70, 80.964 → 82.
    assert y["scale"]["domain"] == [70, 82] and y["title"] == ["% of students", "(axis from 70, not 0)"]


def test_the_gap_axis_holds_zero_the_comparison():
    spec = trend_chart(CLOSE, gaps=True).to_dict()
    y = next(layer["encoding"]["y"] for layer in spec["layer"] if layer["mark"]["type"] == "line")
    low, high = y["scale"]["domain"]
    assert low < 0 < high and len(y["title"]) == 1


@pytest.mark.parametrize("gaps", [False, True])
def test_spec_stays_small(gaps):
    assert len(json.dumps(trend_chart(CLOSE, gaps=gaps).to_dict())) < 50_000
