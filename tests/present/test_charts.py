"""Charts carry only aggregates, stay small, and hide what suppression hides."""

import itertools
import json

import pytest

from equity.app.session import Workbench
from equity.model.dimensions import DIMENSIONS
from equity.model.rules import Rule
from equity.present.charts import BLUE, GREY, LIGHT, fitted_domain, gap_chart, heat_table, stated_start
from equity.report.sections import GapView, IntersectionView
from equity.sources.cells import Stats
from equity.stats.crosstab import crosstab
from equity.stats.gap_flags import Flag
from equity.stats.metrics import Breakdown, GroupResult, breakdown
from equity.words.reader import reading
from tests.files import table_values


@pytest.fixture(scope="module")
def bench():
    bench = Workbench()
    bench.load_sample()
    return bench


def test_gap_chart_spec_is_small_and_has_no_student_rows(bench):
    result = breakdown(bench.con, "final_grade_pct", Rule("threshold", 70), "race", label="Final Grade %")
    spec = json.dumps(gap_chart(result).to_dict())
    assert len(spec) < 50_000
    ids = [r[0] for r in bench.con.execute("SELECT student_id FROM students LIMIT 50").fetchall()]
    assert not any(i in spec for i in ids)
    assert "compared with all students" in spec and "95% intervals" in spec


def test_hidden_groups_are_absent_from_the_chart_and_marked_in_the_table(bench):
    result = breakdown(bench.con, "final_grade_pct", Rule("threshold", 70), "race", min_n=200)
    hidden = [g.label for g in result.groups if g.suppressed]
    assert hidden
    data = gap_chart(result).to_dict()["datasets"]
    plotted = {row["group"] for rows in data.values() for row in rows if "group" in row}
    assert not plotted & set(hidden)
    frame = GapView(result).section().table.frame()             # as the screen and the exports print it
    rows = frame[frame["Group"].isin(hidden)]
    assert (rows["Share (%)"] == "—").all() and rows["Note"].str.startswith("Hidden: fewer than 200").all()


def test_heat_table_hides_small_cells(bench):
    table = crosstab(bench.con, "final_grade_pct", Rule("mean"), "race", "low_income", min_n=100)
    printed = IntersectionView(table).section().table
    frame, shown = printed.frame(), table_values(printed)
    hidden = frame["Note"] != ""
    assert hidden.any() and frame.loc[hidden, "Students with a result"].isin(["<100", "—"]).all()   # a band at most
    assert (shown.loc[~hidden, "Students with a result"] >= 100).all()
    spec = json.dumps(heat_table(table).to_dict())
    assert len(spec) < 50_000
    for cell in table.cells:
        assert (cell.value is None and cell.n is None) if cell.suppressed else cell.n >= 100


# The chart and the table follow the chosen way of flagging gaps. Asian: 40 of 100 meet (40%); White: 210 of
# 300 (70%); Black: 4 students, hidden. All students: 252 of 404.
FLAGGED = Breakdown("Final %", Rule("threshold", 70), DIMENSIONS["race"], "all", 10, Stats(404, 252, 252), False, (
    GroupResult("Asian", "Asian", 100, 40.0, -22.4, (30.9, 49.8), True, False),
    GroupResult("White", "White", 300, 70.0, 7.6, (64.6, 74.9), True, False),
    GroupResult("Black or African American", "Black or African American", 4, None, None, None, None, True)))


def _rows(chart) -> list[dict]:
    return [row for rows in chart.to_dict()["datasets"].values() for row in rows if "status" in row]


def _colours(spec: dict) -> dict:
    """The gap chart's colour scale, as its levels panel draws it."""
    return next(layer["encoding"]["color"]["scale"] for layer in spec["hconcat"][0]["layer"]
                if "color" in layer.get("encoding", {}))


def test_eighty_percent_index_colours_and_marks_the_chart():
    chart = gap_chart(FLAGGED, method=Flag.EIGHTY)
    rows = {r["group"]: r for r in _rows(chart)}
    # Asian 40/70 = 0.57 is flagged; White is the highest group, 1.0. Black is hidden and absent.
    assert rows["Asian"]["status"] == "Below 80% of the highest group's rate" and rows["Asian"]["label"] == "40.0% ◆"
    assert rows["White"]["status"] == "At least 80% of the highest group's rate" and rows["White"]["label"] == "70.0%"
    assert set(rows) == {"Asian", "White"}
    spec = json.dumps(chart.to_dict(), ensure_ascii=False)
    assert "◆ = below 80% of the highest group's rate" in spec and "larger than chance" not in spec


def test_newcombe_stays_the_default_in_the_chart():
    rows = {r["group"]: r for r in _rows(gap_chart(FLAGGED))}
    assert rows["White"]["status"] == "Gap larger than chance" and rows["White"]["label"] == "70.0% ◆"


def test_a_group_under_the_colour_minimum_is_drawn_neutral_and_unmarked():
    with reading("es"):
        chart = gap_chart(FLAGGED, Flag.PPG, colour_min_n=150)
    rows = {r["group"]: r for r in _rows(chart)}
    # Asiático (100 students) would be flagged (40 − 252/404 = 40 − 62.38 = −22.4 points, at or below minus its
    # 9.8-point margin) but is under 150.
    assert rows["Asiático"]["status"] == "Menos de 150 estudiantes: sin color"
    assert "◆" not in rows["Asiático"]["label"]
    assert rows["Blanco"]["status"] == "Dentro del margen de error, o por encima"
    spec = chart.to_dict()
    scale = _colours(spec)
    assert scale["range"] == [BLUE, GREY, LIGHT] and scale["domain"][2] == "Menos de 150 estudiantes: sin color"
    assert "nunca se señalan con color" in json.dumps(spec["title"], ensure_ascii=False)
    with reading("es"):
        plain = _colours(gap_chart(FLAGGED, Flag.PPG).to_dict())
    assert plain["range"] == [BLUE, GREY]


@pytest.mark.parametrize(("method", "lang", "columns", "asian"), [
    # PPG: all 404 students (hidden Black students included) have 252 meeting = 63/101 = 62.3762%:
    # 40 − 6300/101 = (4040 − 6300)/101 = −2260/101 = −22.376238, at or below minus the margin 9.8.
    # Students needed: to parity ⌈22.376⌉ = 23; to end the flag ⌈22.376 − 9.8⌉ = ⌈12.58⌉ = 13.
    (Flag.PPG, "en", ("Gap vs all students (PPG)", "Margin of error", "Flagged", "Needed to end flag",
                      "Needed for parity"), (-2260 / 101, 9.8, "yes", 13, 23)),
    (Flag.PPG, "es", ("Brecha frente a todos los estudiantes (PPG)", "Margen de error", "Señalado",
                      "Faltan para quitar señal", "Faltan para paridad"),
     (-2260 / 101, 9.8, "sí", 13, 23)),
    # PI, g = 100/404: (0.8·g·252 − 40) / (1 − 0.8·g) = 9.901 / 0.80198 = 12.35 → 13; (g·252 − 40) / (1 − g) =
    # 22.376 / 0.75248 = 29.74 → 30.
    (Flag.PI, "en", ("Proportionality index", "Flagged", "Needed to end flag", "Needed for parity"),
     (40 / 252 / (100 / 404), "yes", 13, 30)),
    # 80%: (0.8 × 0.70 − 0.40) × 100 = 16; (0.70 − 0.40) × 100 = 30.
    (Flag.EIGHTY, "es", ("Índice del 80%", "Señalado", "Faltan para quitar señal",
                         "Faltan para paridad"), (40 / 70, "sí", 16, 30)),
])
def test_the_table_shows_the_index_or_margin_and_never_for_a_hidden_group(method, lang, columns, asian):
    with reading(lang):
        frame = table_values(GapView(FLAGGED, flag=method).section().table)
    assert list(frame.columns[-len(columns) - 1:-1]) == list(columns)
    assert "Gap beyond chance" not in frame.columns
    row = frame.iloc[1]                                    # after all students' row
    for column, expected in zip(columns, asian, strict=True):
        assert row[column] == (pytest.approx(expected, abs=1e-6) if isinstance(expected, float) else expected)
    hidden = frame.iloc[3]
    assert all(hidden[c] is None or hidden[c] != hidden[c] or hidden[c] == "" for c in columns)  # blank or NaN


def test_the_levels_axis_fits_the_figures_and_says_where_it_starts():
    spec = gap_chart(FLAGGED).to_dict()
    levels, *_, gaps = spec["hconcat"]
    x = next(layer["encoding"]["x"] for layer in levels["layer"] if layer["encoding"]["x"].get("title"))
    # Drawn: intervals 30.9–49.8 and 64.6–74.9, all students 252/404 = 62.4. Room 8% of 44.0 = 3.52 each side;
    # about five steps of (44 + 7.04) / 5 = 10.2 → a round 20: 30.9 − 3.52 = 27.38 → 20, 74.9 + 3.52 = 78.42 → 80.
    assert x["scale"]["domain"] == [20, 80] and x["title"] == ["Final % (>= 70)", "% of students",
                                                                "(axis from 20, not 0)"]
    # Gaps −22.4 and +7.6 around 0, the comparison: symmetric, 22.4 × 1.1 = 24.6 → 25.
    gap_x = next(layer["encoding"]["x"] for layer in gaps["layer"] if layer["mark"]["type"] == "bar")
    assert gap_x["scale"]["domain"] == [-25, 25] and gap_x["title"] == ["Gap in points", "(0 = all students)"]
    assert spec["datasets"]["zero"] == [{"zero": 0}]


def _two_groups(names: tuple[str, str], values=(80.0, 86.0)) -> Breakdown:
    """Two groups 6 points apart (80% and 86%, intervals ± 2), 200 students with 166 meeting: 83%."""
    return Breakdown("Final %", Rule("threshold", 70), DIMENSIONS["race"], "all", 10, Stats(200, 166, 166), False, (
        GroupResult(names[0], names[0], 100, values[0], values[0] - 83, (values[0] - 2, values[0] + 2), True, False),
        GroupResult(names[1], names[1], 100, values[1], values[1] - 83, (values[1] - 2, values[1] + 2), True, False)))


def test_a_six_point_gap_is_not_squashed_by_a_0_to_100_axis():
    levels = gap_chart(_two_groups(("Asian", "White"))).to_dict()["hconcat"][0]
    domain = next(layer["encoding"]["x"]["scale"]["domain"] for layer in levels["layer"]
                  if layer["encoding"]["x"].get("title"))
    # Drawn 78 … 88, room 0.8 each side, steps of (10 + 1.6) / 5 = 2.32 → 2.5: 77.2 → 75, 88.8 → 90. The 6 points
    # take 6/15 of the panel, not 6/100.
    assert domain == [75, 90]


LONG = ("Hispanic/Latino × Low income × English learner × Students with disabilities (IEP)",
        "Native Hawaiian or Other Pacific Islander × Not low income × Not an English learner")


def _scene(chart) -> dict:
    import vl_convert

    from equity.report.images import static_spec
    return vl_convert.vegalite_to_scenegraph(json.loads(static_spec(chart)))["scenegraph"]


def test_labels_never_collide_on_long_crossed_names():
    """Laid out by Vega itself (vl-convert), which places panels by the full extent of what they draw: the panels
    side by side never overlap, the printed values and gaps sit in panels of their own holding no other mark
    (nothing in the levels panel but dots, whiskers and the comparison), each anchored inside its panel, and rows
    are 34 px apart for 11 px text."""
    chart = gap_chart(_two_groups(LONG, (79.2, 85.1)))
    assert len(json.dumps(chart.to_dict())) < 50_000
    panels = [p for p in _scene(chart)["items"][0]["items"] if p.get("name", "").startswith("concat_")]
    boxes = [(p["items"][0]["x"], p["items"][0]["x"] + p["items"][0]["width"]) for p in panels]
    assert len(boxes) == 4 and all(right <= left for (_, right), (left, _) in itertools.pairwise(boxes))
    for panel in panels[1:3]:                                       # the value and gap columns
        scope = panel["items"][0]
        marks = [m for m in scope["items"] if m.get("role") == "mark"]
        assert [m["marktype"] for m in marks] == ["text"]
        texts = marks[0]["items"]
        assert len(texts) == 2 and all(0 < t["x"] <= scope["width"] for t in texts)
        assert abs(texts[0]["y"] - texts[1]["y"]) >= 34 > 11
    levels = panels[0]["items"][0]
    assert not [m for m in levels["items"] if m.get("role") == "mark" and m["marktype"] == "text"]


def test_an_average_on_a_small_scale_gets_a_small_step():
    # A grade point average drawn from 2.8 to 3.4: room 0.048 each side, steps of 0.696 / 5 = 0.139 → 0.2:
    # 2.752 → 2.6, 3.448 → 3.6.
    domain = fitted_domain([2.8, 3.1, 3.4], rate=False)
    assert domain == [2.6, 3.6] and stated_start("GPA", domain) == ["GPA", "(axis from 2.6, not 0)"]
    assert fitted_domain([-6.1, 6.5], rate=True, floor=None)[0] < 0           # gaps may go below 0


def test_long_subtitles_break_into_lines_no_wider_than_the_panels():
    spec = gap_chart(FLAGGED, Flag.PPG, colour_min_n=150).to_dict()
    lines = spec["title"]["subtitle"]
    assert len(lines) >= 3 and all(len(line) <= 110 for line in lines)
    assert "Groups of fewer than 150 students" in " ".join(lines)          # the note, whole once rejoined
