"""Every student group on every indicator, and identification, on the constructed district of tests/district.py,
worked out by hand (California's 2023 chronic absenteeism and unified-district suspension cut points)."""

import io

import openpyxl
import pytest

from equity.app.session import Workbench
from equity.model.rules import Rule
from equity.plans import accountability as acc
from equity.plans.cut_presets import PRESETS
from equity.plans.group_grid import place_one
from equity.plans.status_grid import BASELINE_HIDDEN, COLOURS, FEW, HIDDEN, ONE_TERM
from equity.present import grids
from equity.report.sections import AccountabilityView
from equity.words.reader import reading
from tests.district import CHRONIC, SUSPENSION, district_bench
from tests.files import table_values


@pytest.fixture
def bench() -> Workbench:
    return district_bench()


def _grid(bench, colour_min_n=30) -> acc.Grid:
    cuts = {"Chronic absence": PRESETS["chronic_absenteeism"].cuts, "Suspensions": PRESETS["suspension_unified"].cuts}
    assert bench.min_n == 10
    return bench.accountability_grid((CHRONIC, SUSPENSION), cuts, colour_min_n)


def _rows(grid):
    return {row.label: row for row in grid.rows}


def _colours(row):
    return [None if p.colour is None else COLOURS[p.colour] for p in row.cells]


def test_every_group_on_every_indicator_by_hand(bench):
    grid = _grid(bench)
    rows = _rows(grid)
    # All students first, then races in their order, then students with disabilities (not those without).
    assert [r.label for r in grid.rows][0] == "All students"
    assert "Students with disabilities" in rows and "Students without disabilities" not in rows
    assert grid.columns[0].terms == ("2023-24", "2024-25")
    # White: chronic 3/60 = 5.0% both terms: Low (5.0 is "2.6% to 5.0%"), maintained: Green where lower is
    # better. Suspension 1/60 = 1.7% both terms: Low ("1.0" or less is Very low), maintained: Green.
    white = rows["White"]
    assert [(p.status, p.change_level) for p in white.cells] == [(1, 2), (1, 2)]
    assert _colours(white) == ["green", "green"]
    # Black (30 students, exactly the colour minimum): chronic 3/30 = 10.0% both terms: Medium ("5.1% to
    # 10.0%"), maintained: Yellow. Suspension 2/30 = 6.7% -> 4/30 = 13.3%: Very high, +6.7 points: increased
    # significantly: Red.
    black = rows["Black or African American"]
    assert [(p.status, p.change_level) for p in black.cells] == [(2, 2), (4, 4)]
    assert _colours(black) == ["yellow", "red"]
    # Hispanic, and the same 40 students with disabilities: chronic 4/40 = 10% -> 10/40 = 25%: Very high,
    # +15: Red; suspension 2/40 = 5% -> 4/40 = 10%: Very high, +5: Red.
    for name in ("Hispanic/Latino", "Students with disabilities"):
        assert rows[name].cells[0].value == pytest.approx(25.0)
        assert rows[name].cells[1].change == pytest.approx(5.0)
        assert _colours(rows[name]) == ["red", "red"]
    # All students: chronic 10/144 = 6.94% -> 17/156 = 10.90%: High, +3.96: increased significantly: Red;
    # suspension 5/144 = 3.47% -> 9/156 = 5.77%: High, +2.30 (more than 2.0): Red.
    everyone = rows["All students"]
    assert everyone.cells[0].value == pytest.approx(1700 / 156)
    assert everyone.cells[0].change == pytest.approx(1700 / 156 - 1000 / 144)
    assert [p.n for p in everyone.cells] == [156, 156]
    assert _colours(everyone) == ["red", "red"]


def test_hidden_new_and_small_groups_are_never_coloured(bench):
    rows = _rows(_grid(bench))
    # Asian (8) and American Indian (6) students are under 10: hidden, no figure, no size, no colour.
    for name in ("Asian", "American Indian or Alaska Native"):
        assert [(p.n, p.value, p.status, p.colour, p.reason) for p in rows[name].cells] == \
            [(None, None, None, None, HIDDEN)] * 2
    # Two or more races has 12 students in 2024-25 only: a status (1/12 = 8.3% chronic: Medium; 0% suspended:
    # Very low) but no change, so no colour.
    multi = rows["Two or More Races"]
    assert [(p.status, p.change, p.colour, p.reason) for p in multi.cells] == \
        [(2, None, None, BASELINE_HIDDEN), (0, None, None, BASELINE_HIDDEN)]


def test_the_colour_minimum_is_a_setting(bench):
    # At 31, Black students' 30 keep their levels but lose their colour; groups of 40 or more keep theirs.
    rows = _rows(_grid(bench, colour_min_n=31))
    black = rows["Black or African American"]
    assert [(p.status, p.colour, p.reason) for p in black.cells] == [(2, None, FEW), (4, None, FEW)]
    assert _colours(rows["White"]) == ["green", "green"]


def test_red_on_two_or_more_indicators(bench):
    grid = _grid(bench)
    flagged = acc.red_on_two(grid)
    assert [f.row.label for f in flagged] == ["All students", "Hispanic/Latino", "Students with disabilities"]
    assert all(f.indicators == (0, 1) for f in flagged)
    assert flagged[2].sentence == ("Students with disabilities: red on Chronic absence and Suspensions, which "
                                   "identifies the group for differentiated assistance (red on two or more "
                                   "indicators).")
    with reading("es"):
        spanish = acc.red_on_two(_grid(bench))
    assert " y " in spanish[2].sentence and "en rojo" in spanish[2].sentence


def test_lowest_group_on_each_indicator(bench):
    found = acc.lowest(_grid(bench))
    # Chronic absence: 25% for Hispanic students and for students with disabilities (the same students);
    # suspension: Black students' 13.3% is above the 10% of Hispanic students. All students are not a group.
    assert [(f.indicators, f.row.label) for f in found] == [
        ((0,), "Hispanic/Latino"), ((0,), "Students with disabilities"), ((1,), "Black or African American")]
    assert found[2].sentence == "Lowest on Suspensions: Black or African American (13.3%, Very high, Red)."


def test_the_grid_in_words_and_colours(bench):
    grid = _grid(bench)
    html = grids.accountability_html(grid)
    assert "2024-25 against 2023-24" in html
    assert "Red · Very high · Increased significantly" in html
    assert "background:#D55E00" in html                 # red, always beside its name
    frame = AccountabilityView(grid).section().table.frame()     # as the screen and the exports print it
    black = frame[frame["Group"] == "Black or African American"]
    assert list(black["Colour"]) == ["Yellow", "Red"]
    hidden = frame[frame["Group"] == "Asian"]
    assert (hidden["Students with a result"] == "—").all() and (hidden["Latest value"] == "—").all()


def test_one_term_gives_status_without_change():
    from equity.plans.cut_presets import PRESETS as presets
    p = place_one("X", "x", (40, 12.0), None, True, presets["chronic_absenteeism"].cuts, False, 30)
    assert (p.status, p.change, p.colour, p.reason) == (3, None, None, ONE_TERM)


def test_the_report_and_its_exports_carry_the_grid_and_identification(bench):
    from equity.report import render as exports
    from equity.report.sections import AccountabilityView, Choice, compose, views

    choice = Choice("chronic_absent", "Chronic Absent", Rule("boolean"), (), scorecard=(CHRONIC, SUSPENSION),
                    cuts=(("Suspensions", PRESETS["suspension_unified"].cuts),), accountability=True)
    view = next(v for v in views(bench, choice) if isinstance(v, AccountabilityView))
    section = view.section()
    assert section.title == "Accountability: every student group on every indicator"
    assert "Students with disabilities: red on Chronic absence and Suspensions" in " ".join(section.summary)
    rows = {(r[0], r[1]): r for r in section.table.rows}
    assert rows[("Black or African American", "Suspensions")][2:] == \
        (30, pytest.approx(400 / 30), "Very high", pytest.approx(400 / 30 - 200 / 30), "Increased significantly",
         "Red", 2)
    assert rows[("Asian", "Chronic absence")][2:4] == (None, None)
    text = exports.table_csv(section.table).decode("utf-8-sig")
    assert "Asian,Chronic absence,,,—,,—,No colour: the latest value is hidden (too few students)," in text
    report = compose([view], bench, "Accountability")
    assert "Students with disabilities: red on" in exports.report_html(report)
    book = openpyxl.load_workbook(io.BytesIO(exports.report_xlsx(report)))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row]
    assert "Students with disabilities" in cells and 30 in cells
    assert not [v for v in views(bench, Choice("chronic_absent", "Chronic Absent", Rule("boolean"), (),
                                               scorecard=(CHRONIC,))) if isinstance(v, AccountabilityView)]


def test_students_needed_to_leave_red(bench):
    grid = _grid(bench)
    rows = _rows(grid)
    chronic, suspension = grid.columns
    # Students with disabilities, 10 of 40 chronically absent (25%) after 10%: with 9, 8, 7 or 6 (22.5% to 15%)
    # they are still Very high or High and up 5 points or more (increased significantly): Red; with 5 (12.5%,
    # High, up 2.5: increased) Orange. So 5 students.
    assert acc.needed(rows["Students with disabilities"].cells[0], chronic) == 5
    # Black students, 4 of 30 suspended (13.3%) after 2 of 30: with 3 (10%, Very high, +3.3) still Red; with 2
    # (6.7%, High, maintained) Orange: 2 students.
    assert acc.needed(rows["Black or African American"].cells[1], suspension) == 2
    # All students, 17 of 156 chronically absent after 10 of 144 (6.9%): with 16 (10.3%, High, +3.3) Red; with
    # 15 (9.6%, Medium, +2.7: increased) Orange: 2 students.
    assert acc.needed(rows["All students"].cells[0], chronic) == 2
    # Not red, or hidden: no number.
    assert acc.needed(rows["White"].cells[0], chronic) is None
    assert acc.needed(rows["Asian"].cells[0], chronic) is None
    assert table_values(AccountabilityView(grid).section().table).set_index(["Group", "Indicator"]).loc[
        ("Students with disabilities", "Chronic absence"), "Students needed to leave red"] == 5


def test_a_grid_kept_for_an_english_reader_is_not_shown_to_a_spanish_one(bench):
    """The session keeps recent grids; the groups' names are made with the grid, so the language is part of what
    it is kept under."""
    english = {r.label for r in _grid(bench).rows}
    with reading("es"):
        spanish = {r.label for r in _grid(bench).rows}
    assert {"All students", "Hispanic/Latino"} <= english and not english & {"Todos los estudiantes", "Hispano/Latino"}
    assert {"Todos los estudiantes", "Hispano/Latino"} <= spanish and not spanish & {"All students", "Hispanic/Latino"}
