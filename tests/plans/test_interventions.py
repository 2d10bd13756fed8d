"""The intervention log: validation, filters, and a CSV that a spreadsheet cannot run as formulas."""

import csv
import io
from dataclasses import replace

import pytest

from equity.plans import interventions
from equity.plans.interventions import Entry
from equity.report.render import table_csv
from equity.report.safe_cells import safe_cell
from equity.words.reader import reading


def test_entries_round_trip_newest_first_and_edit_checks_revision():
    first = interventions.save(Entry("2024-01-10", "diagnose", "Look at EL scores", "English learners"))
    second = interventions.save(Entry("2024-03-01", "implement", "Tutoring", owner="Ms. Lee"))
    entries, problems = interventions.load()
    assert [e.title for e in entries] == ["Tutoring", "Look at EL scores"] and problems == ()
    changed = interventions.save(replace(second, result="Attendance up"))
    assert changed.revision == 2
    with pytest.raises(interventions.records.WorkspaceError):
        interventions.save(replace(second, result="stale edit"))
    interventions.delete(first)
    assert [e.title for e in interventions.load()[0]] == ["Tutoring"]


def test_bad_entries_are_refused_in_words():
    problems = Entry("15/09/2025", "plan", " ").problems()
    assert len(problems) == 3
    with pytest.raises(ValueError, match="not a date"):
        interventions.save(Entry("yesterday", "design", "x"))


def test_select_by_stage_goal_group_and_words():
    entries = (Entry("2024-01-01", "design", "Tutoring plan", "English learners", "g1", "Lee", "30 minutes"),
               Entry("2024-02-01", "implement", "Restorative circles", "", "g2", "Cole"),
               Entry("2024-03-01", "reflect", "Tutoring review", "English learners", "g1"))
    assert [e.title for e in interventions.select(entries, stages=("design", "reflect"))] == [
        "Tutoring plan", "Tutoring review"]
    assert [e.title for e in interventions.select(entries, goal_id="g2")] == ["Restorative circles"]
    assert [e.title for e in interventions.select(entries, group="English learners", text="30 MIN")] == [
        "Tutoring plan"]


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralised(text):
    assert safe_cell(text) == "'" + text
    assert safe_cell("plain") == "plain" and safe_cell(3) == 3


def test_csv_export_neutralises_every_text_cell():
    entries = (Entry("2024-01-01", "design", "=cmd|' /C calc'!A0", "English learners", "g1", "@owner",
                     "-5 minutes", "+2 points"),)
    text = table_csv(interventions.table(entries, {"g1": "=Goal"})).decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["Title"] == "'=cmd|' /C calc'!A0" and row["Owner"] == "'@owner"
    assert row["Decided or changed"] == "'-5 minutes" and row["What happened"] == "'+2 points"
    assert row["Goal"] == "'=Goal" and row["Date"] == "2024-01-01"


def test_the_log_in_spanish_keeps_what_was_typed():
    entries = (Entry("2024-01-01", "implement", "Tutoría =A1", "English learners", "g1", "Ms. Rivera",
                     "30 minutos", "Subió"),
               Entry("2024-02-01", "reflect", "Review"))
    names = {"English learners": "Aprendices de inglés"}
    with reading("es"):
        text = table_csv(interventions.table(entries, {"g1": "Meta de lectura"}, names)).decode("utf-8-sig")
        problems = Entry("15/09/2025", "plan", " ").problems()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["Fecha", "Etapa", "Título", "Grupo", "Meta", "Responsable", "Qué se decidió o cambió",
                             "Qué pasó"]
    assert (rows[0]["Etapa"], rows[0]["Grupo"], rows[0]["Título"]) == ("implementación", "Aprendices de inglés",
                                                                       "Tutoría =A1")
    assert (rows[1]["Etapa"], rows[1]["Grupo"], rows[1]["Meta"]) == ("reflexión", "Todos los estudiantes", "")
    english = interventions.table(entries, {}).frame()              # English as before: stages as stored
    assert list(english["Stage"]) == ["implement", "reflect"] and english["Group"][1] == "All students"
    assert list(english.loc[1, ["Goal", "Owner", "What happened"]]) == ["—"] * 3     # left empty: the dash
    assert problems == [
        "Póngale un título a la entrada.",
        "La etapa debe ser una de estas: diagnóstico, diseño, implementación, reflexión.",
        "«15/09/2025» no es una fecha (escríbala así: 2025-09-15)."]
