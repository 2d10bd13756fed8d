"""Charts as images for files: drawn from their Vega-Lite spec by vl-convert, without a browser, at a fixed width
(a page has no container to stretch to)."""

import json
from functools import lru_cache

import altair as alt
import vl_convert

from equity.words.numbers import chart_locale

WIDTH = 720                       # chart width in exported files, in pixels
FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"    # one family with ◆ and ×, tried first


def static_spec(chart: alt.TopLevelMixin, width: int = WIDTH) -> str:
    """The chart's Vega-Lite spec at a fixed width (a page has no container to stretch to), as JSON."""
    sized = _widened(chart, width) if isinstance(chart, alt.HConcatChart) else chart.properties(width=width)
    fixed = sized.configure(font=FONT, locale=chart_locale())   # numbers the reader's way
    return json.dumps(fixed.to_dict(), sort_keys=True)


def _widened(chart: alt.HConcatChart, width: int) -> alt.HConcatChart:
    """Panels side by side, their first (the main one) widened so the whole chart is `width` pixels wide as
    Vega lays it out (its labels and columns measured), as a single chart's plot is."""
    drawn = vl_convert.vegalite_to_scenegraph(chart.to_dict(validate=False))["width"]
    wider = chart.copy(deep=True)
    first = wider.hconcat[0]
    wider.hconcat = [first.properties(width=first.width + max(width - drawn, 0)), *wider.hconcat[1:]]
    return wider


@lru_cache(maxsize=64)
def _svg(spec: str) -> str:
    return vl_convert.vegalite_to_svg(json.loads(spec))


@lru_cache(maxsize=64)
def _png(spec: str, scale: float) -> bytes:
    return vl_convert.vegalite_to_png(json.loads(spec), scale=scale)


def chart_svg(chart: alt.TopLevelMixin, width: int = WIDTH) -> str:
    return _svg(static_spec(chart, width))


def chart_png(chart: alt.TopLevelMixin, width: int = WIDTH, scale: float = 2.0) -> bytes:
    """A PNG at twice the pixel density, sharp on a projector and in print."""
    return _png(static_spec(chart, width), scale)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height of a PNG, read from its header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
