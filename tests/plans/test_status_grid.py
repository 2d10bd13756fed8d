"""Status × change: levels at and around the cut points, the California grid and its turned-round form for
lower-is-better indicators, and no colour for hidden values, all worked out by hand."""

import pandas as pd
import pytest

from equity.model.groups import Grouping
from equity.model.rules import Rule
from equity.plans import scorecard as sc
from equity.plans import status_grid as grid
from equity.present import grids
from equity.words.reader import reading

CUTS = grid.Cuts((68.0, 80.0, 90.0, 95.0), (-5.0, -1.0, 1.0, 5.0))
GRADUATION = sc.Indicator("Graduation", "graduated", "Graduated", Rule("boolean"), Grouping("race"), sc.LAGGING,
                          True, sc.GAP, "graduation")
SUSPENSIONS = sc.Indicator("Suspensions", "suspended", "Suspended", Rule("boolean"), Grouping("race"), sc.LEADING,
                           False, sc.RISK_RATIO, "suspensions")


def _card(indicator: sc.Indicator, *values: float | None) -> sc.Card:
    terms = ("2022-23", "2023-24", "2024-25")[-len(values):]
    return sc.Card(indicator, tuple(zip(terms, values, strict=True)), (), sc.Finding(sc.GAP), sc.NO_GOAL)


@pytest.mark.parametrize(("value", "level"), [(67.9, 0), (68.0, 1), (79.9, 1), (79.95, 2), (80.0, 2), (89.9, 2),
                                              (90.0, 3), (94.9, 3), (95.0, 4), (100.0, 4), (0.0, 0)])
def test_status_at_a_cut_point_belongs_to_the_level_above(value, level):
    # 79.95 is 80.0 to a tenth, as the Dashboard rounds it before placing: Medium.
    assert grid.status_level(value, CUTS) == level


@pytest.mark.parametrize(("change", "level"), [
    (-5.1, 0), (-5.0, 1),                # more than 5 down is significant; exactly 5 down is 'declined'
    (-1.0, 1), (-0.9, 2),                # 1 down is 'declined'; less than 1 either way is 'maintained'
    (0.0, 2), (0.9, 2), (1.0, 3),        # 1 up is 'increased'
    (4.9, 3), (5.0, 4), (12.0, 4)])      # 5 or more up is 'increased significantly'
def test_change_levels_as_the_dashboard_words_them(change, level):
    assert grid.change_level(change, CUTS) == level


def test_the_california_grid_and_its_turned_round_form():
    colours = [[grid.COLOURS[grid.colour(s, c)] for c in range(5)] for s in range(5)]
    assert colours[4] == ["yellow", "green", "blue", "blue", "blue"]            # very high
    assert colours[2] == ["orange", "orange", "yellow", "green", "green"]       # medium
    assert colours[0] == ["red", "red", "red", "orange", "yellow"]              # very low
    # Lower is better: a very high suspension rate that rose significantly is Red, a very low one that fell
    # significantly is Blue, a medium one that was maintained stays Yellow.
    assert grid.COLOURS[grid.colour(4, 4, higher_is_better=False)] == "red"
    assert grid.COLOURS[grid.colour(0, 0, higher_is_better=False)] == "blue"
    assert grid.COLOURS[grid.colour(2, 2, higher_is_better=False)] == "yellow"
    assert grid.COLOURS[grid.colour(1, 3, higher_is_better=False)] == "yellow"  # = the grid's (3, 1)


def test_placements_by_hand():
    # 85.0 → 90.0: status 90 is High (at the cut), change +5.0 is 'increased significantly': Blue.
    up = grid.place(_card(GRADUATION, 85.0, 90.0), CUTS)
    assert (up.status, up.change, grid.COLOURS[up.colour]) == (3, 4, "blue")
    # 70.0 → 65.0: Very low, declined by exactly 5 ('declined', not significantly): Red.
    down = grid.place(_card(GRADUATION, 70.0, 65.0), CUTS)
    assert (down.status, down.change, grid.COLOURS[down.colour]) == (0, 1, "red")
    # Suspensions 6.0% → 3.5% with cuts 2.5/5/10/20 and -3/-0.5/0.5/3: Low, declined (-2.5): turned round,
    # the grid's (High, Increased) cell: Green.
    fell = grid.place(_card(SUSPENSIONS, 6.0, 3.5), grid.LOWER_CUTS)
    assert (fell.status, fell.change, grid.COLOURS[fell.colour]) == (1, 1, "green")
    with reading("es"):
        assert grid.colour_text(fell) == "Verde" and grid.status_text(fell.status) == "Bajo"


def test_hidden_values_get_no_colour():
    hidden = grid.place(_card(GRADUATION, 85.0, None), CUTS)
    assert (hidden.status, hidden.change, hidden.colour, hidden.reason) == (None, None, None, grid.HIDDEN)
    baseline = grid.place(_card(GRADUATION, None, 91.0), CUTS)
    assert (baseline.status, baseline.colour, baseline.reason) == (3, None, grid.BASELINE_HIDDEN)
    single = grid.place(_card(GRADUATION, 91.0), CUTS)
    assert (single.colour, single.reason) == (None, grid.ONE_TERM)
    assert [grid.colour_text(p) for p in (hidden, baseline)] == [
        "No colour: the latest value is hidden (too few students)",
        "No colour: the baseline value is hidden (too few students)"]
    html = grids.grid_html([hidden, baseline, single], True)
    assert "Graduation" not in html                       # nothing without a colour is placed in a cell
    assert html.count("<td ") == 25 and html.count('class="level">') == 25


def test_the_grid_names_every_level_in_words():
    with reading("es"):
        html = grids.grid_html([grid.place(_card(GRADUATION, 85.0, 90.0), CUTS)], True)
    assert "Muy alto" in html and "Aumentó significativamente" in html and "<li>Graduación</li>" in html
    for name in ("Rojo", "Naranja", "Amarillo", "Verde", "Azul"):
        assert f'class="level">{name}<' in html


def test_cut_points_read_from_the_edited_table():
    indicators = [GRADUATION, SUSPENSIONS]
    frame = grids.cuts_frame(indicators, {})
    assert list(frame.iloc[0, 1:]) == [68.0, 80.0, 90.0, 95.0, -5.0, -1.0, 1.0, 5.0]
    # Suspensions: the unified district's published table, which the indicator's name suggests.
    assert list(frame.iloc[1, 1:]) == [1.0, 2.5, 4.5, 8.0, -2.0, -0.3, 0.3, 2.0]
    edited = frame.copy()
    edited.iloc[0, 1:5] = [60.0, 70.0, 80.0, 90.0]
    edited.iloc[1, 2] = 0.5                              # 1.0 then 0.5: not ascending
    chosen, problems = grid.read_cuts(indicators, edited)
    assert chosen == {"Graduation": grid.Cuts((60.0, 70.0, 80.0, 90.0), (-5.0, -1.0, 1.0, 5.0))}
    assert problems == ["Suspensions: Each set of four cut points must go up from left to right, each larger than "
                        "the one before. Its default cut points are used."]
    blank = frame.copy()
    blank.iloc[0, 3] = float("nan")
    assert grid.read_cuts(indicators, pd.DataFrame(blank))[1][0].startswith("Graduation: All eight cut points")


def test_a_colour_minimum_leaves_a_small_population_uncoloured():
    # The California Dashboard colours nothing under 30 students: 29 keep their levels, 30 get their colour.
    card = sc.Card(GRADUATION, (("2023-24", 85.0), ("2024-25", 90.0)), (), sc.Finding(sc.GAP), sc.NO_GOAL,
                   latest_n=29)
    few = grid.place(card, CUTS, colour_min_n=30)
    assert (few.status, few.change, few.colour, few.reason) == (3, 4, None, grid.FEW)
    assert grid.colour_text(few) == "No colour: 29 students, fewer than the privacy setting colours"
    enough = grid.place(sc.Card(GRADUATION, card.trend, (), sc.Finding(sc.GAP), sc.NO_GOAL, latest_n=30), CUTS, 30)
    assert grid.COLOURS[enough.colour] == "blue"
    assert grid.place(card, CUTS).colour is not None        # no minimum: coloured
