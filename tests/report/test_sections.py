"""A report's sections carry the same figures as the breakdowns on screen, hide what suppression hides (figures
and exact size), and say what they cover."""

import json
from dataclasses import replace

import pytest

from equity.app.session import Workbench
from equity.model.filters import Filters
from equity.model.groups import Grouping
from equity.model.rules import Rule
from equity.plans import goals
from equity.plans import scorecard as sc
from equity.report import render as exports
from equity.report.sections import Choice, GapView, compose, context, views
from equity.report.student_list import student_table
from equity.stats.gap_flags import Flag
from equity.words.labels import group_label
from equity.words.reader import reading
from tests import ontrack_files, warning_files
from tests.files import csv_bytes
from tests.report.test_render import coded_bench

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
        with reading("es"):
            section = GapView(result).section()
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
        with reading("es"):
            report = compose(views(bench, choice("race")), bench, "", "Notes.")
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


def _scorecard_bench() -> Workbench:
    """Two terms. Passed: 2023-24 White 20 (10 yes), Black 20 (6); 2024-25 White 20 (14), Black 22 (8), Asian 5
    (5). Felt safe: every student answered in 2023-24 (White 12 yes, Black 8), only 6 White students in 2024-25."""
    rows = [["Student ID", "Year", "Race", "Passed", "Felt safe"]]
    for year, race, n, passed, answered, safe in (("2023-24", "White", 20, 10, 20, 12),
                                                  ("2023-24", "Black", 20, 6, 20, 8),
                                                  ("2024-25", "White", 20, 14, 6, 3),
                                                  ("2024-25", "Black", 22, 8, 0, 0),
                                                  ("2024-25", "Asian", 5, 5, 0, 0)):
        rows += [[f"{year}-{race}{i}", year, race, "Y" if i < passed else "N",
                  ("Y" if i < safe else "N") if i < answered else ""] for i in range(n)]
    bench = Workbench()
    # A yes/no column whose header names no kind of result is offered, not proposed: it is marked here.
    bench.confirm(bench.upload(csv_bytes(rows), "school.csv").proposal.with_role("Felt safe", "outcome", "boolean"))
    return bench


def test_the_scorecard_section_by_hand_with_a_hidden_value():
    bench = _scorecard_bench()
    felt = sc.Indicator("Felt safe", "felt_safe", "Felt safe", Rule("boolean"), Grouping("race"), sc.LEADING)
    passing = sc.Indicator("Passing", "passed", "Passed", Rule("boolean"), Grouping("race"), sc.LAGGING)
    found = views(bench, Choice("passed", "Passed", Rule("boolean"), (), scorecard=(felt, passing)))
    assert [v.key for v in found] == ["scorecard"]
    section = found[0].section()
    assert section.title == "Balanced scorecard"
    # Passing: 16 of 40 (40%) in 2023-24; 27 of 47 in 2024-25 (57.4%, up 17.4: Very low, increased
    # significantly: Yellow). Asian (5) is hidden, and White (20) with it to protect it, so the finding names
    # Black students only: 8 of 22 = 36.4%, 21.1 points under all students.
    passing_row = section.table.rows[1]
    assert passing_row[2] == pytest.approx(27 / 47 * 100) and passing_row[3] == pytest.approx(27 / 47 * 100 - 40)
    assert section.table.text_rows()[1] == [
        "Passing", "Passed", "57.4%", "+17.4", "better", "Very low", "Yellow",
        "Largest gap: Black or African American, -21.1 pts vs all students.", "No goal"]
    # Felt safe: only 6 answered in 2024-25, under 10: no value, no change, no colour, no group named.
    assert section.table.text_rows()[0] == [
        "Felt safe", "Felt safe", "—", "—", "", "", "No colour: the latest value is hidden (too few students)",
        "No group is behind all students (or every group is hidden).", "No goal"]
    assert section.table.hidden_row(0) and not section.table.hidden_row(1)
    assert section.summary == (
        "2 indicators (1 leading, 1 lagging): 1 better than in the earliest term, 0 worse, 1 unchanged or without "
        "a change to show.", "No indicator is worse than in the earliest term.")
    spec = json.dumps(section.chart.to_dict())
    assert "Passing" in spec and "Felt safe" not in spec and "White" not in spec
    assert section.alt_text.startswith("Bar chart of Balanced scorecard")
    with reading("es"):
        spanish = found[0].section()
    assert spanish.title == "Tablero de indicadores"
    assert spanish.table.text_rows()[1][4:8] == [
        "mejor", "Muy bajo", "Amarillo", "Mayor brecha: Negro o afroamericano, -21,1 pts frente a todos los "
        "estudiantes."]
    assert [c.header for c in spanish.table.columns][:4] == ["Indicador", "Qué se cuenta", "Valor",
                                                             "Cambio (puntos)"]


def test_a_gap_section_flags_the_way_the_screen_does():
    """The proportionality index, by hand: Asian students are a quarter of the cohort (100 of 400) and 40 of the
    250 who meet the outcome (16%): 0.16 / 0.25 = 0.64, flagged; White students 210/250 ÷ 300/400 = 1.12."""
    from tests.stats.test_gap_flags import TWO, _result

    section = GapView(_result(TWO, 250), flag=Flag.PI).section()
    headers = [c.header for c in section.table.columns]
    assert "Gap beyond chance" not in headers and {"Proportionality index", "Flagged"} <= set(headers)
    rows = {row[0]: dict(zip(headers, texts, strict=True))
            for row, texts in zip(section.table.rows, section.table.text_rows(), strict=True)}
    assert (rows["Asian"]["Proportionality index"], rows["Asian"]["Flagged"]) == ("0.64", "yes")
    assert (rows["White"]["Proportionality index"], rows["White"]["Flagged"]) == ("1.12", "no")
    assert any("proportionality index" in s.lower() and "Asian" in s for s in section.summary)


def test_coded_sections_say_the_code_not_the_figure_and_state_the_rule():
    bench = coded_bench()
    built = compose(views(bench, Choice("score", "Score", Rule("threshold", 70), ("race",),
                                        crossings=(("race", "low_income"),))), bench)
    gaps, crossed = built.sections
    rows = {r[0]: r for r in gaps.table.text_rows()}
    assert rows["White"][2:6] == ["≥ 95%", "—", "—", "—"] and rows["White"][-1].startswith("≥ 95% — rate top-coded")
    assert rows["Black or African American"][2] == "≤ 5%" and rows["Asian"][2] == "95.0%"
    # The largest exact gap is Asian's (95 − 71.3); the coded groups' larger gaps are never put in words.
    assert "Asian: 95.0%" in gaps.summary[1] and not any("97.0" in s or "3.3" in s for s in gaps.summary)
    assert gaps.summary[1].endswith("left out of this comparison: Black or African American, White.")
    assert any(n.startswith("Top/bottom coding") for n in gaps.table.notes)
    # Cells ranked by their code: the lowest is a "≤ 5%" cell, the highest a "≥ 95%" one, no exact figure.
    assert crossed.summary[0].startswith("Lowest: Black or African American · Low income, ≤ 5%. Highest: ")
    assert crossed.summary[0].endswith(", ≥ 95%.")
    bench.coding = False
    plain = compose(views(bench, Choice("score", "Score", Rule("threshold", 70), ("race",))), bench).sections[0]
    assert {r[0]: r for r in plain.table.text_rows()}["White"][2] == "97.0%"
    assert not any(n.startswith("Top/bottom coding") for n in plain.table.notes)


def test_an_average_gap_table_carries_hedges_g_and_its_sd_into_the_csv(bench):
    bench.min_n = 160       # Native Hawaiian or Pacific Islander (155) and Not reported (159) have a grade
    try:
        result = bench.breakdown("final_grade_pct", Rule("mean"), "race", label="Final Grade %")
    finally:
        bench.min_n = 10
    assert sum(g.suppressed for g in result.groups) == 2
    table = GapView(result).section().table
    heads = [c.header for c in table.columns]
    g, sd = heads.index("Hedges' g"), heads.index("Pooled SD")
    rows = {row[0]: row for row in table.rows}
    for group in result.groups:
        row = rows[group.label]
        if group.suppressed:
            assert (row[g], row[sd]) == (None, None)
        else:      # the gap over the pooled SD, corrected for two samples of n and all students' n
            correction = 1 - 3 / (4 * (group.n + result.overall.n) - 9)
            assert row[g] == pytest.approx(group.gap / row[sd] * correction)
    assert any(note.startswith("Hedges' g: the gap in standard deviations") for note in table.notes)
    text = exports.table_csv(table).decode("utf-8-sig")
    assert "Hedges' g,Pooled SD" in text and f"{rows['Asian'][g]:.2f}" in text
    assert "Hedges' g" not in [c.header for c in GapView(bench.breakdown("ela_proficiency", ELA, "race")).section()
                              .table.columns]


def test_chronic_absence_sections_state_the_rule_and_who_is_left_out():
    rows = [["Student ID", "Race", "Days Enrolled", "Days Absent"]]
    rows += [[f"{i:03d}", "White", "9" if i < 12 else "20", "2"] for i in range(40)]   # 12 left out; 28 at 10%
    bench = Workbench()
    bench.confirm(bench.upload(csv_bytes(rows), "attendance.csv").proposal)
    choice = Choice("chronically_absent", "Chronically absent", Rule("boolean"), ("race",), goals=False,
                    scorecard=sc.default_indicators(bench.data.mapping, bench.data.profiles))
    found = views(bench, choice)
    gap_notes = found[0].section().table.notes
    assert gap_notes[0] == ("Chronic absence by the federal rule: a student counts with at least 10 days enrolled, "
                            "and is chronically absent when missing 10% or more of them. 12 students with fewer "
                            "than 10 days enrolled are left out.")
    scorecard = next(v for v in found if not isinstance(v, GapView))
    assert gap_notes[0] in scorecard.section().table.notes


def _loaded(rows) -> Workbench:
    bench = Workbench()
    bench.confirm(bench.upload(csv_bytes(rows), "class.csv").proposal)
    bench.privacy = replace(bench.privacy, min_n=5)
    return bench


def _section(bench: Workbench, title_start: str, lang: str = "en"):
    outcome = next(c for c in bench.data.mapping.columns if c.kind == "numeric")     # any: a gap section too
    with reading(lang):
        report = bench.report(Choice(outcome.name, outcome.header, Rule("mean"), ("race",), warning=True,
                                     on_track=True), "", "")
    return next(s for s in report.sections if s.title.startswith(title_start))


def test_the_early_warning_summary_as_a_report_section():
    # tests/warning_files.py, 2024-25: 8 of 32 flagged (25%), Hispanic 5 of 12; Asian's 2 are under 5
    bench = _loaded(warning_files.ROWS)
    rows = {row[0]: row[1:3] for row in _section(bench, "Flagged in any area").table.rows}
    assert rows["All students"] == (32, 25.0) and rows["Hispanic/Latino"] == (12, pytest.approx(100 * 5 / 12))
    assert rows["White"] == (10, 20.0) and rows["Asian"] == ("<5", None)
    page = bench.warning_summary(bench.warning_signs(), "race", warning_files.Y2)       # the page's figures
    assert [g.value for g in page.groups] == [rows[group_label(page.dimension, g.key)][1] for g in page.groups]
    spanish = _section(bench, "Marcados en algún área", "es")
    assert {row[0]: row[1:3] for row in spanish.table.rows}["Hispano/Latino"] == rows["Hispanic/Latino"]
    report = bench.report(Choice("final_grade_pct", "Final Grade %", Rule("mean"), ("race",), warning=True), "", "")
    web = exports.render(report, "html")
    assert "41.7" in str(web) and "H08" not in str(web)           # the figures, never the roster's IDs
    assert all(exports.render(report, fmt) for fmt in ("pdf", "pptx")) and exports.report_xlsx(report)


def test_the_on_track_table_as_a_report_section():
    # tests/ontrack_files.py, 9th graders of 2021-22: 15 of 22 on track, Hispanic 7 of 12, White 8 of 10
    bench = _loaded(ontrack_files.ROWS)
    section = _section(bench, "On track in 9th grade")
    rows = {row[0]: row[1:3] for row in section.table.rows}
    assert rows["All students"] == (22, pytest.approx(100 * 15 / 22))
    assert rows["Hispanic/Latino"] == (12, pytest.approx(100 * 7 / 12)) and rows["White"] == (10, 80.0)
    assert any("at least 5 credits" in note and "2021-22" in note for note in section.table.notes)
    spanish = _section(bench, "Encaminados en 9.º grado", "es")
    assert {row[0]: row[1:3] for row in spanish.table.rows}["Blanco"] == (10, 80.0)
    # who graduated, by group, as the page shows it: at n-size 5 White's 2 off track hide every row (the page's
    # test); at 2, Hispanic 6 of 7 on track and 1 of 5 off track, White 8 of 8 and 1 of 2
    graduated = _section(bench, "Who graduated, by race")
    assert [row[2:4] for row in graduated.table.rows] == [(None, None)] * 4
    assert "2021-22" in graduated.table.notes[0]
    bench.privacy = replace(bench.privacy, min_n=2)
    rows = [row[:4] for row in _section(bench, "Who graduated, by race").table.rows]
    assert rows == [("Hispanic/Latino", "On track", 7, pytest.approx(100 * 6 / 7)),
                    ("Hispanic/Latino", "Off track", 5, 20.0), ("White", "On track", 8, 100.0),
                    ("White", "Off track", 2, 50.0)]
    with reading("es"):
        report = bench.report(Choice("credits_earned", "Credits Earned", Rule("mean"), ("race",), on_track=True), "",
                              "")
    assert "85,7" in str(exports.render(report, "html"))            # Hispanic on track: 6 of 7 graduated
    assert all(exports.render(report, fmt) for fmt in ("pdf", "pptx")) and exports.report_xlsx(report)
    spanish = _section(bench, "Quiénes se graduaron, por raza", "es")
    assert [row[:2] for row in spanish.table.rows][:2] == [("Hispano/Latino", "Encaminados"),
                                                           ("Hispano/Latino", "No encaminados")]
