"""A CRDC-style school file of published counts through the real upload and mapping screen: recognised and
reshaped, the denominator and the count proposed, suppressed cells listed; then the gaps and disproportionality
pages show the figures worked out by hand in tests/sources/test_counts.py, and views that need student rows say
so."""

from tests.count_files import REPORT_CARD_GROUPS, TOTALLED, crdc_csv
from tests.files import csv_bytes

BLACK, WHITE, HISPANIC = "Black or African American", "White", "Hispanic/Latino"

# The gaps table, as its downloads write it
SIZE, SHARE, GAP = "Students with a result", "Share (%)", "Gap vs all students (points)"


def _upload_and_confirm(app):
    app.switch_page("pages/views/data.py").run()
    app.file_uploader(key="upload").set_value(("crdc_school.csv", crdc_csv(), "text/csv")).run()
    assert not app.exception, [e.value for e in app.exception]
    assert any(c.value.startswith("Read as a CRDC public-use file: 42 columns") for c in app.caption)
    editor = app.data_editor(key=f"editor_{id(app.session_state['bench'].staged)}").value.set_index("column")
    assert editor.loc["SCH_ENR", "role"] == "denominator" and editor.loc["SCH_DISC_ISS", "kind"] == "count"
    assert editor.loc["SCH_NAME", "role"] == "school"
    next(b for b in app.button if b.label == "Confirm mapping").click().run()
    assert not app.exception, [e.value for e in app.exception]
    shown = [i.value.replace("\\", "") for i in app.info]     # file text is shown with Markdown escaped
    assert "Suppressed cells of 'SCH_DISC_ISS' in the file: 1, read as unknown (never as zero): '-2' (1)" in shown


def test_a_crdc_file_through_the_mapping_screen_gives_gaps_and_risk_ratios(app):
    _upload_and_confirm(app)
    app.switch_page("pages/views/gaps.py").run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.selectbox(key="gaps_outcome").value.header == "SCH_DISC_ISS"
    assert not [c for c in app.checkbox if c.key == "gaps_combined"]     # no students to count by each race
    table = app.dataframe[0].value.set_index("Group")
    # As printed, to a tenth: Black 28 of 110 = 25.45%, White 13 of 180 = 7.22%, Hispanic 10 of 55 = 18.18%.
    assert (table.loc[BLACK, SIZE], table.loc[BLACK, SHARE]) == ("110", "25.5%")
    assert (table.loc[WHITE, SIZE], table.loc[WHITE, SHARE]) == ("180", "7.2%")
    assert (table.loc[HISPANIC, SIZE], table.loc[HISPANIC, SHARE]) == ("55", "18.2%")
    assert table.loc[BLACK, GAP] == "+10.7"
    # One school against all schools: Baker's Black students, 12 of 50, against 28 of 110 across both.
    app.toggle(key="gaps_entity_on").set_value(True).run()
    app.selectbox(key="gaps_entity").set_value("Baker Middle").run()
    versus = next(f.value for f in app.dataframe if "At Baker Middle" in f.value.columns).set_index("Group")
    assert (versus.loc[BLACK, "n"], versus.loc[BLACK, "At Baker Middle"]) == ("50", "24.0")
    assert versus.loc[BLACK, "All schools"] == "25.5"                                 # 28 / 110, to a tenth
    assert versus.loc[BLACK, "Difference (points)"] == f"{24 - 2800 / 110:+.1f}"

    app.switch_page("pages/views/disproportionality.py").run()
    assert not app.exception, [e.value for e in app.exception]
    risk = next(f.value for f in app.dataframe if "Risk ratio" in f.value.columns).set_index("Group")
    assert (risk.loc[BLACK, "With outcome"], risk.loc[BLACK, "Risk ratio"]) == ("28", "2.60")
    assert (risk.loc[WHITE, "Risk ratio"], risk.loc[HISPANIC, "Risk ratio"]) == ("0.31", "1.29")

    # Next year's file of the same layout: the confirmed mapping of the reshaped layout is applied at once.
    bench = app.session_state["bench"]
    bench.upload(crdc_csv(), "crdc_next_year.csv")
    assert bench.remembered and bench.staged is None and bench.data.name == "crdc_next_year.csv"
    assert bench.data.mapping.counts and bench.data.upload.table.num_rows == 28


def test_one_school_against_the_schools_the_sidebar_keeps(app):
    """With the sidebar keeping Baker only, Adams is still offered: its 16 of 60 Black students (26.7%) beside
    Baker's 12 of 50 (24.0%), no error; the ranking below holds Baker alone."""
    _upload_and_confirm(app)
    app.switch_page("pages/views/gaps.py").run()
    app.multiselect(key=f"filter_school_{app.session_state['bench'].data.version}").select("Baker Middle").run()
    app.toggle(key="gaps_entity_on").set_value(True).run()
    app.selectbox(key="gaps_entity").set_value("Adams Elementary").run()
    assert not app.exception, [e.value for e in app.exception]
    versus = next(f.value for f in app.dataframe if "At Adams Elementary" in f.value.columns).set_index("Group")
    assert (versus.loc[BLACK, "n"], versus.loc[BLACK, "At Adams Elementary"]) == ("60", "26.7")
    assert (versus.loc[BLACK, "All schools"], versus.loc[BLACK, "Difference (points)"]) == ("24.0", "+2.7")
    ranked = app.dataframe[-1].value
    assert "Baker Middle" in ranked.to_string() and "Adams Elementary" not in ranked.to_string()

def test_views_that_need_student_rows_say_so(app):
    _upload_and_confirm(app)
    for page in ("pages/views/cohort.py", "pages/views/survey.py", "pages/views/sql.py", "pages/views/warning.py",
                 "pages/views/ontrack.py"):
        app.switch_page(page).run()
        assert not app.exception, (page, [e.value for e in app.exception])
        assert any(i.value.startswith("This view needs a file of student rows") for i in app.info), page


def test_a_column_of_students_marked_on_the_mapping_screen(app):
    rows = [["Campus", "Race", "Kids", "Met Standard"],
            ["North", "Black", "40", "12"], ["North", "White", "60", "38"],
            ["South", "Black", "50", "n<5"], ["South", "White", "40", "30"]]
    app.switch_page("pages/views/data.py").run()
    app.file_uploader(key="upload").set_value(("card.csv", csv_bytes(rows), "text/csv")).run()
    bench = app.session_state["bench"]
    key = f"editor_{id(bench.staged)}"
    headers = list(app.data_editor(key=key).value["column"])
    # The person marks the column of students, and the count (its suppressed cell keeps it from looking numeric).
    app.session_state[key] = {"edited_rows": {headers.index("Kids"): {"role": "denominator"},
                                              headers.index("Met Standard"): {"role": "outcome"}},
                              "added_rows": [], "deleted_rows": []}
    app.run()
    next(b for b in app.button if b.label == "Confirm mapping").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert bench.data.mapping.header_for("denominator") == "Kids"
    assert bench.data.mapping.outcome("Met Standard").kind == "count"
    app.switch_page("pages/views/gaps.py").run()
    table = app.dataframe[0].value.set_index("Group")
    # Black: 12 of 40 (South's count suppressed); White: 38 + 30 of 100.
    assert (table.loc[BLACK, SIZE], table.loc[BLACK, SHARE]) == ("40", "30.0%")
    assert (table.loc[WHITE, SIZE], table.loc[WHITE, SHARE]) == ("100", "68.0%")


def test_the_fictional_crdc_sample_from_the_overview(app):
    import pandas as pd

    from equity.app.session import SAMPLE_COUNTS

    app.switch_page("pages/views/overview.py").run()
    app.button(key="sample_switch").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.session_state["bench"].data.mapping.counts and app.session_state["bench"].data.sample
    assert any(i.value.startswith("You are looking at a fictional district of 20 schools") for i in app.info)
    # Black students' suspension rate worked out from the file with pandas: per school and sex, the students
    # and the suspensions without and with disabilities, where neither part carries a reserve code.
    file = pd.read_csv(SAMPLE_COUNTS)
    n = counted = 0
    for sex in ("M", "F"):
        free, idea = file[f"SCH_DISCWODIS_ISS_BL_{sex}"], file[f"SCH_DISCWDIS_ISS_IDEA_BL_{sex}"]
        known = (free >= 0) & (idea >= 0)
        n += file.loc[known, f"SCH_ENR_BL_{sex}"].sum()
        counted += (free + idea)[known].sum()
    app.switch_page("pages/views/gaps.py").run()
    table = app.dataframe[0].value.set_index("Group")
    assert (table.loc[BLACK, SIZE], table.loc[BLACK, SHARE]) == (f"{n:,}", f"{100 * counted / n:.1f}%")
    app.switch_page("pages/views/overview.py").run()
    app.button(key="sample_switch").click().run()          # and back to the students
    assert not app.session_state["bench"].data.mapping.counts


def test_a_district_total_row_is_the_comparison_on_the_risk_page(app):
    app.switch_page("pages/views/data.py").run()
    app.file_uploader(key="upload").set_value(("district.csv", csv_bytes(TOTALLED), "text/csv")).run()
    next(b for b in app.button if b.label == "Confirm mapping").click().run()
    assert not app.exception, [e.value for e in app.exception]
    shown = [i.value.replace("\\", "") for i in app.info]
    assert any(s.startswith("Total rows set aside, not counted as schools: District Total.") for s in shown)
    bench = app.session_state["bench"]
    assert list(bench.filter_options()["school"]) == ["Big School", "Small School"]
    app.switch_page("pages/views/disproportionality.py").run()
    app.multiselect(key=f"filter_school_{bench.data.version}").select("Small School").run()
    assert not app.exception, [e.value for e in app.exception]
    risk = next(f.value for f in app.dataframe if "Risk ratio" in f.value.columns).set_index("Group")
    # Black 12 of 40 (30%) against the district total's other students, 36 of 420: 3.5 (tests/count_files.py).
    assert (risk.loc[BLACK, "With outcome"], risk.loc[BLACK, "Risk ratio"]) == ("12", "3.50")
    assert any("published total 'District Total'" in c.value.replace("\\", "") for c in app.caption)


def test_a_state_report_card_through_the_mapping_screen_gives_the_gap_by_income(app):
    app.switch_page("pages/views/data.py").run()
    app.file_uploader(key="upload").set_value(("report_card.csv", csv_bytes(REPORT_CARD_GROUPS), "text/csv")).run()
    assert not app.exception, [e.value for e in app.exception]
    editor = app.data_editor(key=f"editor_{id(app.session_state['bench'].staged)}").value.set_index("column")
    assert editor.loc["Number Tested", "role"] == "denominator"
    assert editor.loc["Number Proficient", "kind"] == "count"
    assert (editor.loc["Economically disadvantaged", "role"], editor.loc["Disability", "role"]) == (
        "low_income", "special_ed")
    next(b for b in app.button if b.label == "Confirm mapping").click().run()
    assert not app.exception, [e.value for e in app.exception]
    app.switch_page("pages/views/gaps.py").run()
    app.selectbox(key="gaps_dimension").set_value("low_income").run()
    assert not app.exception, [e.value for e in app.exception]
    table = app.dataframe[0].value.set_index("Group")
    # tests/count_files.py: low income 60 of 180 (33.3%), not 80 of 120 (66.7%); all students from the All
    # Students rows, 140 of 300 (46.7%): gaps -13.3 and +20.0 points.
    assert table[SIZE].to_dict() == {"All students": "300", "Low income": "180", "Not low income": "120"}
    assert table[SHARE].to_dict() == {"All students": "46.7%", "Low income": "33.3%", "Not low income": "66.7%"}
    assert (table.loc["Low income", GAP], table.loc["Not low income", GAP]) == ("-13.3", "+20.0")
