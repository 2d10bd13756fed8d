"""The 'Early warning' page: the summary by group against figures worked out from the CSV itself, suppression on a
small class, the roster only after the student-data confirmation, the link to the intervention log, and what the
page says when the data cannot give early warnings."""

import csv
from pathlib import Path

import pytest

from tests.app.conftest import figures, upload
from tests.files import csv_bytes
from tests.warning_files import FLAGGED_FIRST, ROWS

ROOT = Path(__file__).resolve().parents[2]
PAGE = "pages/views/warning.py"


def _number(text: str) -> float | None:
    """A cell as a number; blank and excused ('EX') cells have none."""
    try:
        return float(text)
    except ValueError:
        return None


def _flagged(row: dict) -> bool | None:
    """Whether a sample student is flagged in any area at the defaults, worked out from the CSV row alone (None:
    no value for any indicator)."""
    known, flags = False, []
    enrolled, absent, incidents, grade = (_number(row[c]) for c in ("Days Enrolled", "Days Absent",
                                                                     "Discipline Incidents", "Final Grade %"))
    if enrolled is not None and absent is not None and enrolled >= 10:
        known = True
        flags.append(100 * (enrolled - absent) / enrolled < 90)
    if row["Suspended"]:
        known = True
        flags.append(row["Suspended"] == "Y")
    if incidents is not None:
        known = True
        flags.append(incidents >= 2)
    if grade is not None:
        known = True
        flags.append(grade < 65)
    return any(flags) if known else None


def _sample(race: str | None) -> tuple[int, float]:
    """Students in 2024-25 (of one race, as written, when given) with a value, and the share flagged."""
    with (ROOT / "sample_data" / "district.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["School Year"] == "2024-25"
                and (race is None or r["Race/Ethnicity"].strip().lower() == race.lower())]
    known = [f for f in map(_flagged, rows) if f is not None]
    return len(known), 100 * sum(known) / len(known)


def _table(app):
    frame = app.dataframe[0].value
    return figures(frame, [frame.columns[1], frame.columns[2]]).set_index("Group")


def test_summary_on_the_sample_matches_the_csv(app):
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.selectbox(key="warning_term").value == "2024-25"
    table = _table(app)
    students, share = table.columns[0], table.columns[1]
    for group, race in (("All students", None), ("White", "White")):     # White is written one way in the CSV
        n, value = _sample(race)
        assert table.loc[group, students] == n
        assert table.loc[group, share] == pytest.approx(value, abs=0.05)
    # nothing student-level before the confirmation
    assert len(app.dataframe) == 1 and not any("Student ID" in d.value.columns for d in app.dataframe)


def test_thresholds_move_the_figures(app):
    app.switch_page(PAGE).run()
    before = _table(app).iloc[0, 1]
    grade = next(n for n in app.number_input if n.label.startswith("Final Grade %"))
    assert grade.value == 65.0
    grade.set_value(0.0).run()            # no grade is below 0: course performance flags nobody
    boxes = {n.label.split(":")[0]: n for n in app.number_input}
    boxes["Attendance rate (% of days enrolled)"].set_value(0.0).run()
    next(n for n in app.number_input if n.label.startswith("Discipline")).set_value(1000.0).run()
    assert not app.exception, [e.value for e in app.exception]
    # left: the suspended students only
    with (ROOT / "sample_data" / "district.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["School Year"] == "2024-25"]
    suspended = 100 * sum(r["Suspended"] == "Y" for r in rows) / len(rows)
    after = _table(app).iloc[0, 1]
    assert after == pytest.approx(suspended, abs=0.05) and after < before


def test_small_groups_are_hidden_and_the_roster_waits_for_the_confirmation(app):
    upload(app, csv_bytes(ROWS), "class.csv")
    app.switch_page("pages/views/data.py").run()
    next(b for b in app.button if b.label == "Confirm mapping").click().run()
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    frame = app.dataframe[0].value.set_index("Group")
    assert frame.loc["All students"].iloc[1] == "25.0%"                  # 8 of 32
    assert frame.loc["Hispanic/Latino"].iloc[1] == "41.7%"               # 5 of 12
    assert frame.loc["White"].iloc[1] == "20.0%"                         # 2 of 10
    for hidden in ("Asian", "Black or African American"):               # 2 and 8 students, under 10
        assert frame.loc[hidden].iloc[1] == "—" and frame.loc[hidden].iloc[0] == "<10"
    assert len(app.dataframe) == 1
    app.checkbox(key="warning_confirm").check().run()
    roster = app.dataframe[1].value
    assert list(roster["Student ID"][:8]) == FLAGGED_FIRST and len(roster) == 32
    assert list(roster["Areas flagged"][:2]) == ["3", "3"]
    assert any("32 students in 2024-25" in c.value for c in app.caption)


def test_a_flagged_group_opens_the_log_with_the_group_chosen(app):
    app.switch_page(PAGE).run()
    app.selectbox(key="warning_log_group").set_value("White").run()
    app.button(key="warning_log").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.selectbox(key="log_new_group").value == "White"


def test_published_counts_and_files_without_indicators_say_why(app):
    app.session_state["bench"].load_sample(counts=True)
    app.switch_page(PAGE).run()
    assert any("needs a file of student rows" in i.value for i in app.info)
    upload(app, csv_bytes([["Student ID", "Race", "Score"], *[[str(i), "White", str(i)] for i in range(20)]]),
           "scores.csv")
    app.switch_page("pages/views/data.py").run()
    next(b for b in app.button if b.label == "Confirm mapping").click().run()
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    assert any("no attendance, behaviour or course-performance column" in i.value for i in app.info)


def test_the_pickers_speak_spanish_after_the_rerun_too(app):
    """The group and area pickers word their options in the page's language even when formatted after the rerun
    (as the test harness does when it reads a picker's choice)."""
    app.session_state["lang"] = "es"
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    by, area = app.selectbox(key="warning_dimension"), app.selectbox(key="warning_area")
    assert by.options[by.index] == "Raza/etnia" and area.options[0] == "Marcados en algún área"


def test_the_report_builder_offers_the_summary_and_shows_the_pages_figures(app):
    upload(app, csv_bytes(ROWS), "class.csv")
    app.switch_page("pages/views/data.py").run()
    next(b for b in app.button if b.label == "Confirm mapping").click().run()
    app.switch_page(PAGE).run()
    shown = _table(app)
    app.switch_page("pages/views/report.py").run()
    assert not app.exception, [e.value for e in app.exception]
    tables = len(app.dataframe)
    app.checkbox(key="report_warning").check().run()
    assert not app.exception, [e.value for e in app.exception]
    assert len(app.dataframe) == tables + 1                 # one section more: the page's table, group totals only
    section = figures(app.dataframe[-1].value, [app.dataframe[-1].value.columns[1],
                                                app.dataframe[-1].value.columns[2]]).set_index("Group")
    # n-size 10: all students 8 of 32 (25%), Hispanic 5 of 12, as on the page
    assert section.loc["All students"].iloc[1] == pytest.approx(25.0, abs=0.05)
    assert section.loc["Hispanic/Latino"].iloc[:2].tolist() == shown.loc["Hispanic/Latino"].iloc[:2].tolist()
    assert not any("Student ID" in d.value.columns for d in app.dataframe)
