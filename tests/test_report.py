"""A report's sections carry the same figures as the breakdowns on screen, hide what suppression hides (figures
and exact size), and say what they cover."""

import pytest

from equity import goals
from equity.filters import Filters
from equity.metrics import Rule
from equity.report import Choice, GapView, compose, context, views
from equity.session import Workbench
from equity.student_list import student_table

ELA = Rule("categories", categories=("Met", "Exceeded"))


@pytest.fixture(scope="module")
def bench():
    bench = Workbench()
    bench.load_sample()
    return bench


def choice(*dimensions: str, crossings=()) -> Choice:
    return Choice("ela_proficiency", "ELA Proficiency", ELA, dimensions, crossings=crossings)


def test_gap_table_rows_are_the_breakdown(bench):
    result = bench.breakdown("ela_proficiency", ELA, "race", label="ELA Proficiency")
    section = GapView(result).section()
    rows = {row[0]: row for row in section.table.rows}
    assert rows["All students"][1:3] == (result.overall.n, result.overall_value)
    for g in result.groups:
        assert rows[g.label][1:6] == (g.n, g.value, g.gap, g.ci[0], g.ci[1])
    assert section.chart is not None and section.alt_text.startswith("Bar chart of ELA Proficiency")
    assert any("fewer than 10 students are hidden" in note for note in section.table.notes)


def test_hidden_groups_keep_their_name_and_lose_figures_and_size(bench):
    bench.min_n = 115       # Not reported (108) is small; Native Hawaiian or Pacific Islander (123) protects it
    try:
        result = bench.breakdown("ela_proficiency", ELA, "race", label="ELA Proficiency")
        section = GapView(result).section("es")
    finally:
        bench.min_n = 10
    hidden = {g.label for g in result.groups if g.suppressed}
    assert hidden == {"Not reported", "Native Hawaiian or Other Pacific Islander"}
    rows = {row[0]: row for row in section.table.rows}
    small, protecting = rows["No reportado"], rows["Nativo de Hawái u otras islas del Pacífico"]
    assert small[1] == "<115" and protecting[1] is None
    for row in (small, protecting):
        assert row[2:6] == (None, None, None, None)
    assert "Oculto" in small[-1] and "deducirse del total" in protecting[-1]
    assert section.table.hidden_row(list(rows).index("No reportado"))
    plotted = {r["group"] for data in section.chart.to_dict()["datasets"].values() for r in data if "group" in r}
    assert not plotted & {"No reportado", "Nativo de Hawái u otras islas del Pacífico"}


def test_views_follow_the_choice_and_add_change_over_terms(bench):
    chosen = views(bench, choice("race", "english_learner", crossings=(("race", "low_income"),)))
    assert [v.key for v in chosen] == ["gaps:race:all", "gaps:english_learner:all", "cross:race:low_income"]
    summary = chosen[1].section().summary
    assert summary[0].startswith("All students: 47.2% on ELA Proficiency")
    assert summary[1].startswith("The largest gap by English-learner status is for English learners")
    assert summary[2].startswith("English learners: from ") and "2022-23" in summary[2]
    cross = chosen[2].section()
    assert cross.table.columns[0].header == "Race/ethnicity" and cross.table.columns[1].header == "Income"
    assert "combinations are hidden" in cross.summary[-1]


def test_a_saved_goal_on_the_focus_group_is_reported(bench):
    goals.save(goals.Goal("EL reading", "ela_proficiency", "ELA Proficiency", ELA, "2022-23", 23.4, "2027-28", 50.0,
                          dimension="english_learner", group="true", group_label="English learners"))
    section = views(bench, choice("english_learner"))[0].section()
    assert section.summary[-1].startswith("Goal 'EL reading': ")
    assert "by 2027-28" in section.summary[-1]


def test_compose_states_source_filters_terms_and_rule(bench):
    bench.filters = Filters(school=("Lincoln High",))
    try:
        report = compose(views(bench, choice("race")), bench, "", "Notes.", "es")
        lines = context(bench)
    finally:
        bench.filters = Filters()
    assert report.title == "Resultados estudiantiles por grupo"
    assert report.context[0] == "Datos: Datos de ejemplo (un distrito ficticio)."
    assert report.context[1] == "Estudiantes incluidos: Escuela: Lincoln High."
    assert "combinan 3 periodos" in report.context[2]
    assert "menos de 10 estudiantes" in report.privacy
    assert lines[1] == "Students included: School: Lincoln High."


def test_student_list_is_labelled_and_follows_the_filters(bench):
    filters = Filters(school=("Cedar Elementary",), grade=("3",), term=("2024-25",))
    table = student_table(bench.con, "ela_proficiency", "ELA Proficiency", ELA, filters)
    assert table.columns[0].header == "Student ID" and table.columns[-1].header == "Meets in Met, Exceeded"
    assert "CONTAINS STUDENT DATA" in table.notes[0]
    count = bench.con.execute("SELECT count(*) FROM students WHERE school = 'Cedar Elementary' AND grade = '3' "
                              "AND term = '2024-25'").fetchone()[0]
    assert len(table.rows) == count > 0
