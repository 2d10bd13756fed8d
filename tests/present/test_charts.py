"""Charts carry only aggregates, stay small, and hide what suppression hides."""

import json

import pytest

from equity.app.session import Workbench
from equity.model.dimensions import DIMENSIONS
from equity.model.rules import Rule
from equity.present.charts import BLUE, GREY, LIGHT, gap_chart, heat_table
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
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    assert scale["range"] == [BLUE, GREY, LIGHT] and scale["domain"][2] == "Menos de 150 estudiantes: sin color"
    assert "nunca se señalan con color" in json.dumps(spec["title"], ensure_ascii=False)
    with reading("es"):
        plain = gap_chart(FLAGGED, Flag.PPG).to_dict()["layer"][0]["encoding"]["color"]["scale"]
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
