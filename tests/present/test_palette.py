"""Every colour the screens draw passes WCAG 2.1 contrast: marks 3:1 against the white page, text 4.5:1 against
what it sits on, a heat cell's figure against its own fill."""

import re
from pathlib import Path

import pytest

from equity.app.session import Workbench
from equity.model.rules import Rule
from equity.plans.status_grid import PALETTE as STATUS_PALETTE
from equity.present import palette
from equity.present.charts import heat_table
from equity.present.palette import BLACK, BLUES, EMPTY, MARKS, WHITE, contrast, ink, shade
from equity.stats.crosstab import crosstab

PRESENT = Path(palette.__file__).parent
HEX = re.compile(r"#[0-9A-Fa-f]{6}\b|#[0-9A-Fa-f]{3}\b")


def test_contrast_matches_wcag_reference_values():
    assert contrast(BLACK, WHITE) == pytest.approx(21.0)
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)     # WCAG's lightest passing grey
    assert contrast("#777777", WHITE) == pytest.approx(4.48, abs=0.01)     # one step lighter fails
    assert contrast("#FFF", "#FFFFFF") == 1.0


def test_every_colour_literal_in_the_charts_lives_in_the_palette():
    """So the tests below see every colour a chart draws."""
    for source in PRESENT.glob("*.py"):
        if source.name != "palette.py":
            assert not HEX.findall(source.read_text(encoding="utf-8")), source.name


@pytest.mark.parametrize("colour", sorted(set(MARKS)))
def test_every_mark_colour_stands_out_from_the_page(colour):
    assert contrast(colour, WHITE) >= 3.0


def test_text_drawn_in_charts_reads_on_the_page():
    assert contrast(BLACK, WHITE) >= 4.5 and contrast(palette.MARKER_TEXT, WHITE) >= 4.5


@pytest.mark.parametrize("fill", [*BLUES, EMPTY])
def test_a_heat_cells_ink_reads_on_its_fill(fill):
    assert contrast(ink(fill), fill) >= 4.5


def test_the_darkest_fills_take_white_ink_and_the_palest_black():
    assert ink(BLUES[0]) == BLACK and ink(BLUES[-1]) == WHITE and ink(EMPTY) == BLACK


def test_shade_steps_from_the_lowest_to_the_highest_figure():
    assert [shade(v, 60, 90) for v in (60, 64.9, 65, 89.9, 90)] == [BLUES[0], BLUES[0], BLUES[1], BLUES[5],
                                                                   BLUES[5]]       # six steps of 5 points
    assert shade(None, 0, 100) == EMPTY and shade(7, 7, 7) == BLUES[0]


def test_the_heat_table_as_drawn_prints_every_figure_legibly(bench):
    table = crosstab(bench.con, "final_grade_pct", Rule("threshold", 70), "race", "low_income", min_n=10)
    rows = heat_table(table).to_dict()["datasets"]["groups"]
    assert len(rows) >= 10
    for row in rows:
        assert contrast(row["ink"], row["fill"]) >= 4.5, row
    shown = [r for r in rows if r["value"] is not None]
    assert min(shown, key=lambda r: r["value"])["fill"] == BLUES[0]
    assert max(shown, key=lambda r: r["value"])["fill"] == BLUES[-1]


@pytest.mark.parametrize("name", sorted(STATUS_PALETTE))
def test_the_status_grids_words_read_on_each_colour(name):
    background, text = STATUS_PALETTE[name]
    assert contrast(text, background) >= 4.5


def _css_rules():
    """(file, selector, text colour, background) for every CSS rule in the templates that sets a text colour."""
    for source in sorted((PRESENT / "templates").iterdir()):
        for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", source.read_text(encoding="utf-8")):
            text = re.search(r"(?<![-\w])color:\s*(#[0-9A-Fa-f]{3,6})", body)
            if text:
                background = re.search(r"background:\s*(#[0-9A-Fa-f]{3,6})", body)
                yield source.name, selector.strip(), text.group(1), background.group(1) if background else WHITE


def test_every_text_colour_in_the_templates_reads_on_its_background():
    rules = list(_css_rules())
    assert len(rules) >= 5
    for name, selector, text, background in rules:
        assert contrast(text, background) >= 4.5, (name, selector, text, background)


@pytest.fixture(scope="module")
def bench():
    bench = Workbench()
    bench.load_sample()
    return bench
