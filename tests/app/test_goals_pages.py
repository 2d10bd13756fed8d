"""Trends, goals, the intervention log and saved data, driven as a user would, on the sample district.

Figures on the sample (Met or Exceeded in ELA, English learners): 2022-23 23.4%, 2023-24 29.4%, 2024-25 33.0%;
all students 45.0%, 47.7%, 48.9% (see tests/test_trends.py for a district small enough to count by hand).
"""

import csv

from streamlit.testing.v1 import AppTest

from equity.plans import goals, interventions
from equity.store import library
from tests import multiterm
from tests.app.conftest import ROOT, choose, exported, screen, upload

TRENDS, GOALS, LOG, SAVED = ("pages/views/trends.py", "pages/views/goals.py", "pages/views/log.py",
                             "pages/views/workspace.py")


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in (*at.markdown, *at.caption, *at.info, *at.warning, *at.error, *at.success,
                               *at.subheader)]
    return "\n".join(str(p) for p in parts)


def test_trends_shows_values_and_gaps_for_every_term(app):
    ok(app.switch_page(TRENDS).run())
    choose(app, "trends_outcome", "ELA Proficiency")
    ok(app.selectbox(key="trends_dimension").select("english_learner").run())
    assert len(app.get("vega_lite_chart")) == 2                         # values, then gaps
    table = app.dataframe[0].value
    el = table[table["Group"] == "English learners"]
    assert list(el["Term"]) == ["2022-23", "2023-24", "2024-25"]
    assert list(el["Share (%)"]) == ["23.4%", "29.4%", "33.0%"]
    assert "the gap for English learners narrowed" in texts(app)


def new_goal(at: AppTest, title: str, outcome: str, dimension: str, group: str, **choices) -> AppTest:
    """Fill the 'New goal' form: choices are widget keys (without the goal_new_ prefix) and values."""
    at.text_input(key="goal_new_title").input(title).run()
    choose(at, "goal_new_outcome", outcome)
    at.selectbox(key="goal_new_dimension").select(dimension).run()
    at.selectbox(key=f"goal_new_group_{dimension}").select(group).run()
    for key, value in choices.items():
        widget = at.get("radio") + at.get("selectbox") + at.get("number_input") + at.get("text_input")
        next(w for w in widget if w.key == f"goal_new_{key}").set_value(value).run()
    at.button(key="goal_new_save").click().run()
    return ok(at)


def test_two_goals_show_their_status_and_trend_on_one_screen(app):
    ok(app.switch_page(GOALS).run())
    assert "No goals yet" in texts(app)
    # Raise English learners meeting ELA from the 2022-23 figure (23.4%) to 50% by 2027-28: 5 steps of 5.3;
    # 2024-25's interim target is 23.4 + 2 * 5.3 = 34.0; the current 33.0 is below it: off track.
    # Progress (33.0 - 23.4) / (50 - 23.4) = 36%.
    new_goal(app, "EL ELA proficiency", "ELA Proficiency", "english_learner", "true", target=50.0,
             target_term="2027-28")
    # Cut the suspension gap between Black students and all students (4.7 points in 2022-23) to 2 by 2026-27
    # (lower is better: the form proposes it for a positive gap).
    # Now 4.6 points against an interim target of 4.7 - 2 * 0.675 = 3.35: off track.
    new_goal(app, "Suspension gap", "Suspended", "race", "Black or African American", measure="gap",
             target=2.0, target_term="2026-27")
    summary = app.dataframe[0].value.set_index("Goal")
    assert summary.loc["EL ELA proficiency", "Status"] == "Off track"
    assert summary.loc["EL ELA proficiency", "Current"] == "33.0%"
    assert summary.loc["EL ELA proficiency", "Interim target"] == "34.0%"
    assert summary.loc["EL ELA proficiency", "Progress"] == "36%"
    assert summary.loc["Suspension gap", "Current"] == "4.6 pts"
    assert summary.loc["Suspension gap", "Interim target"] == "3.4 pts"
    assert summary.loc["Suspension gap", "Status"] == "Off track"
    assert summary.loc["Suspension gap", "Whose"] == "Gap: Black or African American"
    assert len(app.get("vega_lite_chart")) == 2                         # one trend chart per goal
    bench = app.session_state["bench"]                # the goals' download writes the table on the screen
    assert exported(bench.goals_section(bench.assess_goals(goals.load()[0])).table) == screen(app.dataframe[0].value)
    stored, problems = goals.load()
    assert [g.title for g in stored] == ["EL ELA proficiency", "Suspension gap"] and problems == ()
    assert stored[0].baseline_from_data and round(stored[0].baseline, 1) == 23.4


def test_a_goal_is_edited_and_deleted(app):
    goal = goals.save(goals.Goal("All students ELA", "ela_proficiency", "ELA Proficiency",
                                 goals.Rule("categories", categories=("Met", "Exceeded")), "2022-23", 45.0,
                                 "2025-26", 50.0))
    ok(app.switch_page(GOALS).run())
    # 45.0 -> 50.0 in 3 steps: 2024-25's interim 48.3; the current 48.9 is past it: on track.
    assert app.dataframe[0].value.iloc[0]["Status"] == "On track"
    next(b for b in app.button if b.key == f"edit_{goal.id}").click().run()
    key = f"goal_edit_{goal.id}_{goal.revision}"
    app.number_input(key=f"{key}_target").set_value(60.0).run()
    ok(app.button(key=f"{key}_save").click().run())
    # 45 -> 60: 2024-25's interim 55.0; 48.9 is below it now: off track.
    assert app.dataframe[0].value.iloc[0]["Status"] == "Off track"
    assert goals.load()[0][0].target == 60.0
    ok(app.button(key=f"delete_{goal.id}").click().run())
    assert goals.load()[0] == () and "No goals yet" in texts(app)


def test_a_suppressed_current_value_reads_no_data(app):
    # tests/multiterm.py: English learners proficient 30% (2022-23), 40% (2023-24), then only 5 of them in
    # 2024-25, so that figure is hidden: the goal has no data, rather than showing 2023-24's 40% or a zero.
    bench = upload(app, multiterm.one_file(), "district.csv").session_state["bench"]
    bench.confirm(bench.staged.proposal)
    goals.save(goals.Goal("EL proficiency", "proficient", "Proficient", goals.Rule("boolean"), "2022-23", 30.0,
                          "2026-27", 50.0, dimension="english_learner", group="true", group_label="English learners",
                          baseline_from_data=True))
    ok(app.switch_page(GOALS).run())
    row = app.dataframe[0].value.iloc[0]
    assert (row["Status"], row["Term"], row["Current"], row["Progress"]) == ("No data", "2024-25", "—", "—")
    assert "No data: Hidden: fewer than 10 students." in texts(app)


def test_log_an_entry_for_a_goal_filter_and_export(app):
    goal = goals.save(goals.Goal("EL ELA", "ela_proficiency", "ELA Proficiency",
                                 goals.Rule("categories", categories=("Met", "Exceeded")), "2022-23", 23.4,
                                 "2027-28", 50.0, dimension="english_learner", group="true",
                                 group_label="English learners"))
    ok(app.switch_page(GOALS).run())
    app.button(key=f"log_{goal.id}").click().run()                   # "Log an intervention" opens the log
    ok(app.switch_page(LOG).run())
    assert app.selectbox(key="log_new_goal").value == goal.id          # pre-filled from the goal
    app.text_input(key="log_new_title").input("=Tutoring block")       # a form: sent on submit
    app.selectbox(key="log_new_stage").select("implement")
    app.selectbox(key="log_new_group").select("English learners")
    app.text_input(key="log_new_owner").input("Ms. Rivera")
    app.text_area(key="log_new_decision").input("30 minutes a day, grades 6-8")
    ok(next(b for b in app.button if b.label == "Save entry").click().run())
    entries, _ = interventions.load()
    assert [(e.title, e.goal_id, e.group) for e in entries] == [("=Tutoring block", goal.id, "English learners")]
    assert app.dataframe[0].value.iloc[0]["Goal"] == "EL ELA"
    app.multiselect(key="log_stages").select("reflect").run()
    assert "0 of 1 entries" in texts(app)
    app.multiselect(key="log_stages").unselect("reflect").run()
    assert app.get("download_button")[0].proto.url                     # a CSV is offered: the table shown
    bench = app.session_state["bench"]
    shown, written = screen(app.dataframe[0].value), exported(bench.log_book.table(entries, {goal.id: "EL ELA"},
                                                                              bench.group_names()))
    assert shown[1][2:7] == ["=Tutoring block", "English learners", "EL ELA", "Ms. Rivera",
                             "30 minutes a day, grades 6-8"] and shown[1][7] == "—"    # nothing happened yet
    assert written == [shown[0], [*shown[1][:2], "'=Tutoring block", *shown[1][3:]]]  # neutralised for spreadsheets
    ok(app.switch_page(GOALS).run())
    assert "Tutoring block" in texts(app)                               # listed under its goal


def test_save_open_and_find_everything_after_a_restart(app, private_workspace):
    ok(app.switch_page(SAVED).run())
    # Where it is stored, in the set-up expander; the path's underscores come escaped so none reads as Markdown.
    assert str(private_workspace.resolve()) in texts(app).replace("\\_", "_")
    app.text_input(key="save_name").input("District 2022-25").run()
    ok(next(b for b in app.button if b.label == "Save to workspace").click().run())
    saved, _ = library.catalogue()
    assert [s.name for s in saved] == ["District 2022-25"]
    assert saved[0].terms == ("2022-23", "2023-24", "2024-25")
    listed = app.dataframe[0].value.iloc[0]            # the list, as every table prints: 15,104 and the dash
    with (ROOT / "sample_data" / "district.csv").open(encoding="utf-8") as handle:
        rows = sum(1 for _ in handle) - 1                   # one student and term a line, after the header
    assert (listed["Name"], listed["Terms"], listed["Rows"]) == ("District 2022-25", "2022-23, 2023-24, 2024-25",
                                                                 f"{rows:,}")
    assert float(listed["Size (MB)"]) == round(saved[0].path.stat().st_size / 1e6, 2) > 0
    ok(next(b for b in app.button if b.label == "Open selected").click().run())
    assert "Opened District 2022-25" in texts(app)
    goals.save(goals.Goal("EL ELA", "ela_proficiency", "ELA Proficiency",
                          goals.Rule("categories", categories=("Met", "Exceeded")), "2022-23", 23.4, "2027-28",
                          50.0, dimension="english_learner", group="true", group_label="English learners"))
    restarted = ok(AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run())
    bench = restarted.session_state["bench"]
    assert bench.data.name == "District 2022-25" and not bench.data.sample
    ok(restarted.switch_page(GOALS).run())
    assert restarted.dataframe[0].value.iloc[0]["Status"] == "Off track"


def test_trend_gaps_against_a_reference_group(app):
    ok(app.switch_page(TRENDS).run())
    app.selectbox(key="trends_dimension").select("english_learner").run()
    ok(app.selectbox(key="trends_compare_english_learner").select("false").run())
    table = app.dataframe[0].value
    el = table[table["Group"] == "English learners"]
    others = table[table["Group"] == "Not English learners"]
    # Against the reference group the gap is the difference of the two values (the reference's own is 0).
    gap = "Gap vs Not English learners (points)"          # the comparison named in the column, as exports do
    def shares(rows):
        return rows["Share (%)"].str.rstrip("%").astype(float).to_numpy()
    differences = shares(el) - shares(others)                     # of the printed values, each to a tenth
    assert (abs(differences - el[gap].astype(float).to_numpy()) <= 0.1 + 1e-9).all()
    assert (others[gap] == "+0.0").all()


def test_pages_on_a_file_without_terms_say_what_to_do(app):
    bench = upload(app, multiterm.term_file("2024-25"), "one-term.csv").session_state["bench"]
    bench.confirm(bench.staged.proposal)                               # no term column, no term typed in
    ok(app.switch_page(TRENDS).run())
    assert "Only 0 terms loaded" in texts(app)
    ok(app.switch_page(GOALS).run())
    assert "has no term column" in texts(app)
    ok(app.switch_page(LOG).run())
    ok(app.switch_page(SAVED).run())


def _white_met(term: str, ids: set[str] | None = None) -> float:
    """From the CSV: White students (written one way in the file) meeting ELA in `term`, of those with a level;
    among `ids` (those of another term, by ID as a number) when given."""
    with (ROOT / "sample_data" / "district.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["School Year"] == term and r["ELA Proficiency"]
                and r["Race/Ethnicity"].strip().lower() == "white"
                and (ids is None or int(r["Student ID"]) in ids)]
    return 100 * sum(r["ELA Proficiency"] in ("Met", "Exceeded") for r in rows) / len(rows)


def test_a_goal_measured_on_the_students_enrolled_at_baseline(app):
    ok(app.switch_page(GOALS).run())
    new_goal(app, "Our White students", "ELA Proficiency", "race", "White", population="baseline", target=90.0,
             target_term="2027-28")
    with (ROOT / "sample_data" / "district.csv").open(encoding="utf-8") as handle:
        first = {int(r["Student ID"]) for r in csv.DictReader(handle) if r["School Year"] == "2022-23"}
    summary = app.dataframe[0].value.set_index("Goal")
    assert summary.loc["Our White students", "Current"] == f"{_white_met('2024-25', first):.1f}%"
    # (698 of 2024-25's 1,081 White students with a level were enrolled in 2022-23; by chance both give 57.6%)
    stored, _ = goals.load()
    assert stored[0].population == goals.AT_BASELINE and round(stored[0].baseline, 1) == \
        round(_white_met("2022-23"), 1)
    assert "enrolled in 2022-23" in texts(app)
