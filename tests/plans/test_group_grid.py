"""Every group's status × change against the prior term, worked out by hand on both sides of the cut points,
of the colour minimum (30) and of the minimum group size."""

from dataclasses import replace

import pytest

from equity.app.session import Workbench
from equity.model.rules import Rule
from equity.plans import scorecard as sc
from equity.plans.group_grid import colour_words, place_groups
from equity.plans.status_grid import BASELINE_HIDDEN, COLOURS, FEW, HIDDEN, HIGHER_CUTS, ONE_TERM
from equity.present.grids import group_grid_html
from equity.report import render as exports
from equity.report.sections import Choice, GroupGridView, views
from equity.stats.trends import trend
from equity.words.reader import reading
from tests.files import csv_bytes

# (term, race, students, graduated). No group's size in a term differs from its size over both terms by 1 to 9
# students, so the rule across views hides none of the groups shown here.
PLAN = [("2023-24", "White", 40, 34), ("2023-24", "Asian", 20, 16), ("2023-24", "Hispanic", 6, 4),
        ("2023-24", "Two or more races", 12, 9),
        ("2024-25", "White", 40, 36), ("2024-25", "Asian", 30, 24), ("2024-25", "Black", 30, 20),
        ("2024-25", "Hispanic", 4, 2), ("2024-25", "American Indian or Alaska Native", 6, 6),
        ("2024-25", "Two or more races", 12, 6)]


def graduation_csv() -> bytes:
    """PLAN as a file: one row per student and term, Y for graduated."""
    rows, i = [["Student ID", "School Year", "Race", "Graduated"]], 0
    for term, race, n, met in PLAN:
        for k in range(n):
            rows.append([f"{i:04d}", term, race, "Y" if k < met else "N"])
            i += 1
    return csv_bytes(rows)


@pytest.fixture
def bench() -> Workbench:
    bench = Workbench()
    bench.confirm(bench.upload(graduation_csv(), "grads.csv").proposal)
    return bench


def _placed(bench, colour_min_n=30, terms=None):
    history = trend(bench.con, "graduated", Rule("boolean"), "race", min_n=10)
    if terms:
        history = type(history)(history.outcome, history.rule, history.dimension, history.compare, history.min_n,
                                history.terms[:terms], history.per_term[:terms])
    return {p.label: p for p in place_groups(history, HIGHER_CUTS, True, colour_min_n)}


def test_groups_by_hand(bench):
    placed = _placed(bench)
    # White: 36/40 = 90% is at the third cut, so High; 85% before, +5 points is at the fourth change cut:
    # increased significantly. High × increased significantly is Blue.
    white = placed["White"]
    assert (white.value, white.change, white.status, white.change_level) == (pytest.approx(90), pytest.approx(5), 3, 4)
    assert COLOURS[white.colour] == "blue"
    # Asian: 24/30 = 80% is at the second cut (Medium); 16/20 = 80% before: maintained; 30 students reach the
    # colour minimum: Medium × maintained is Yellow.
    asian = placed["Asian"]
    assert (asian.status, asian.change_level, COLOURS[asian.colour], asian.n) == (2, 2, "yellow", 30)
    # Black: 20/30 = 66.7% is under 68 (Very low); no Black student in the term before: no change, no colour.
    black = placed["Black or African American"]
    assert (black.status, black.change, black.colour, black.reason) == (0, None, None, BASELINE_HIDDEN)
    # Two or More Races: its 12 the term before were hidden to protect the 6 Hispanic/Latino students; Two or More
    # Races by term is a view too, where that hides this term's 12 beside them (all terms minus these 12 would
    # give the others): hidden, never placed nor coloured, no size.
    mixed = placed["Two or More Races"]
    assert (mixed.n, mixed.value, mixed.status, mixed.colour, mixed.reason) == (None, None, None, None, HIDDEN)
    # Hispanic/Latino (4) and American Indian or Alaska Native (6) are hidden (10 together, so no third one):
    # never placed nor coloured, no size.
    for name in ("Hispanic/Latino", "American Indian or Alaska Native"):
        hidden = placed[name]
        assert (hidden.n, hidden.value, hidden.status, hidden.colour, hidden.reason) == (None, None, None, None, HIDDEN)


def test_one_student_short_of_the_colour_minimum(bench):
    asian = _placed(bench, colour_min_n=31)["Asian"]
    assert (asian.status, asian.change_level, asian.colour, asian.reason) == (2, 2, None, FEW)
    assert colour_words(asian) == "No colour: 30 students, fewer than the privacy setting colours"


def test_a_single_term_has_no_change(bench):
    white = _placed(bench, terms=1)["White"]
    assert (white.value, white.status, white.change, white.colour, white.reason) == (
        pytest.approx(85), 2, None, None, ONE_TERM)


def test_words_in_every_cell_in_both_languages(bench):
    history = trend(bench.con, "graduated", Rule("boolean"), "race", min_n=10)
    indicator = sc.default_indicators(bench.data.mapping, bench.data.profiles)[0]
    with reading("es"):
        placed = tuple(_placed(bench).values())
        frame = GroupGridView(history, indicator, HIGHER_CUTS, 30).section().table.frame()     # as the screen shows it
        html = group_grid_html(placed, "Graduación")
    assert frame.set_index("Grupo").loc["Asiático", "Color"] == "Amarillo"
    assert "Amarillo · Medio · Se mantuvo" in html and "#F0E442" in html
    english = group_grid_html(tuple(_placed(bench).values()), "Graduated")
    assert "Blue · High · Increased significantly" in english
    assert english.count("background:") == 2          # White and Asian only


def test_the_report_carries_every_groups_colour_in_words(bench):
    indicators = sc.default_indicators(bench.data.mapping, bench.data.profiles)
    assert [i.label for i in indicators] == ["Graduation"]
    bench.privacy = replace(bench.privacy, colour_min_n=30)         # the session's colour minimum, as California's
    choice = Choice("graduated", "Graduated", Rule("boolean"), (), scorecard=indicators, group_grids=True)
    view = next(v for v in views(bench, choice) if isinstance(v, GroupGridView))
    with reading("es"):
        section = view.section()
    assert section.title == "Graduación: 2024-25 frente a 2023-24"
    rows = {row[0]: row for row in section.table.rows}
    assert rows["Blanco"][1:] == (40, pytest.approx(90), "Alto", pytest.approx(5), "Aumentó significativamente", "Azul")
    assert rows["Hispano/Latino"][1:4] == (None, None, "—")
    text = exports.table_csv(view.section().table).decode("utf-8-sig")
    assert "Asian,30,80.0,Medium,0.0,Maintained,Yellow" in text and "Hispanic/Latino,,,—,,—,No colour" in text
    assert not [v for v in views(bench, replace(choice, group_grids=False)) if isinstance(v, GroupGridView)]
