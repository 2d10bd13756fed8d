"""Trends over terms: per-term figures match the single-term views, hidden points stay holes, never zeros."""

import pytest

from equity.app.session import Workbench
from equity.model.filters import Filters
from equity.model.rules import Rule
from equity.plans import interventions
from equity.present import trend_charts
from equity.stats.trends import data_terms, group_key, trend
from equity.words.reader import reading
from equity.words.summary import gap_change_sentence
from tests import crossterm, multiterm
from tests.files import confirmed


@pytest.fixture
def bench() -> Workbench:
    return confirmed(multiterm.one_file(), "district.csv")


def test_per_term_values_gaps_and_suppression(bench):
    result = trend(bench.con, "proficient", Rule("boolean"), "english_learner", label="Proficient")
    assert result.terms == multiterm.TERMS
    el = result.series("true")
    # English learners by term (20, 20, 5) is a view too: with the 5 hidden, the 20 of 2022-23 (the first of the
    # smallest shown) are hidden there, else all learners minus the two shown terms would give the 5; so they
    # are hidden here as well, as the same students.
    assert [p.value for p in el] == [None, pytest.approx(40.0), None]
    assert [p.gap for p in el] == [None, pytest.approx(-12.0), None]   # 40-52
    assert "another view of the same students" in el[0].note
    assert el[2].n is None and "fewer than 10" in el[2].note          # 5 students: neither figure nor size
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
    assert [r["term"] for r in line] == ["2023-24"]      # 2022-23 is hidden too (test above): no zero there
    assert all(r["y"] != 0 for r in line)
    holes = [r for data in spec["datasets"].values() for r in data
             if r.get("series") == "English learners" and "note" in r]
    assert [r["term"] for r in holes] == ["2022-23", "2024-25"]                  # marked with a ×
    table = trend_charts.trend_table(result).frame()            # as the screen and the exports print it
    hidden = table[(table["Group"] == "English learners") & (table["Term"] == "2024-25")].iloc[0]
    assert hidden["Share (%)"] == "—" and hidden["Note"] == "Hidden: fewer than 10 students."
    # Both groups in 2022-23 and in 2024-25: counted here from the series, a point hidden when its size is.
    hidden_points = [p for key, _ in result.groups() for p in result.series(key) if p.n is None]
    assert len(hidden_points) == 4 and trend_charts.hidden_count(trend_charts.trend_table(result)) == 4


def test_segments_break_at_a_hole_between_two_shown_points():
    from equity.stats.trends import Point
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


@pytest.fixture
def crossed_bench() -> Workbench:
    return confirmed(crossterm.one_file(), "crossed.csv")


def test_crossed_groups_per_term_with_the_two_way_suppression_rule(crossed_bench):
    # tests/crossterm.py: in 2023-24 four EL students who are not low income hide, through rows and columns, all
    # four combinations that year. EL students who are not low income by term (10, 4, 10) is a view too: there
    # the 10 of 2022-23 are hidden beside the 4, so they are hidden in 2022-23's table, which then hides its
    # rows and columns; and so on for 2024-25. Every combination is a hole in every term, never a zero, while
    # all students are shown.
    result = trend(crossed_bench.con, "proficient", Rule("boolean"), "english_learner", label="Proficient",
                   second="low_income")
    assert [label for _, label in result.groups()] == [
        "English learners · Low income", "English learners · Not low income",
        "Not English learners · Low income", "Not English learners · Not low income"]
    small = result.series(group_key((True, False)))
    assert small[1].n is None and small[1].note == "Hidden: fewer than 10 students."
    assert "another view of the same students" in small[0].note
    assert all(p.value is None and p.n is None and p.gap is None for k, _ in result.groups() for p in result.series(k))
    assert [round(p.value, 2) for p in result.overall()] == [50.0, 56.67, 63.33]


def test_crossed_gaps_against_all_other_students(crossed_bench):
    result = trend(crossed_bench.con, "proficient", Rule("boolean"), "english_learner", "others",
                   second="low_income")
    assert [p.gap for p in result.series(group_key((True, True)))] == [None, None, None]   # hidden (above)
    assert result.comparison_label() == "all other students"
    with pytest.raises(ValueError):
        trend(crossed_bench.con, "proficient", Rule("boolean"), "english_learner", "true", second="low_income")


def test_crossed_gap_change_sentence_and_chart_holes(crossed_bench):
    result = trend(crossed_bench.con, "proficient", Rule("boolean"), "english_learner", label="Proficient",
                   second="low_income")
    assert gap_change_sentence(result) == ("No group has a figure in both 2022-23 and 2024-25, so no change in "
                                           "gaps is shown.")
    assert trend_charts.trend_title(result) == "Proficient (= yes), % of students by english learner × income"
    spec = trend_charts.trend_chart(result).to_dict()
    line_layer = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "line")
    line = [r for r in spec["datasets"][line_layer["data"]["name"]] if r["series"] == "English learners · Low income"]
    assert line == []                                       # every point hidden: no line, no zero
    holes = [r for data in spec["datasets"].values() for r in data
             if r.get("series") == "English learners · Low income" and "note" in r]
    assert [r["term"] for r in holes] == list(crossterm.TERMS)


def test_trend_table_and_chart_in_spanish(bench):
    result = trend(bench.con, "proficient", Rule("boolean"), "english_learner", label="Proficient")
    with reading("es"):
        table = trend_charts.trend_table(result).frame()
        assert list(table.columns) == ["Periodo", "Grupo", "Estudiantes con resultado", "Porcentaje (%)",
                                       "Brecha frente a todos los estudiantes (puntos)", "Nota"]
        hidden = table[(table["Grupo"] == "Aprendices de inglés") & (table["Periodo"] == "2024-25")].iloc[0]
        assert hidden["Nota"] == "Oculto: menos de 10 estudiantes."
        assert set(table["Grupo"]) == {"Todos los estudiantes", "Aprendices de inglés", "No aprendices de inglés"}
        assert trend_charts.trend_title(result, True) == (
            "Brecha en Proficient (= sí), % de estudiantes por aprendiz de inglés, comparado con todos los estudiantes")
        spec = trend_charts.trend_chart(result, gaps=True).to_dict()
        assert "Brecha frente a todos los estudiantes (puntos porcentuales)" in str(spec)
        # 2022-23 gap -18, 2023-24 gap -12 (tests/multiterm.py), then hidden: no change to 2024-25 can be shown.
        assert gap_change_sentence(result) == ("Ningún grupo tiene cifra en 2022-23 y en 2024-25, así que no se "
                                               "muestra ningún cambio en las brechas.")
