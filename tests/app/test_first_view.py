"""The first view after an upload, through the real upload and mapping screen: the loaded screen names the
student groups the file has, and the gaps page opens on the likeliest outcome with a sensible rule and on a
dimension the file has; dimensions it lacks are offered nowhere."""

from streamlit.testing.v1 import AppTest

from tests.app.test_pages import _texts
from tests.files import csv_bytes, html_table, html_xls_bytes

SIZE = "Students with a result"        # the gaps table's size column

WHITE_G3 = list(range(20))                     # 10 of 20 at 10 or more: 50%
BLACK_G3 = [*range(4, 20), 20, 20, 20, 20]     # 10..19 and four 20s: 14 of 20 = 70%; all: 24 of 40 = 60%


def _gradebook() -> bytes:
    """A class export like the public UCI file: background columns beside three 0-20 marks, race and lunch
    status, and a retest column with no values."""
    rows = [["Student ID", "Race", "Lunch", "Age", "Famsize", "Medu", "Internet", "G1", "G2", "G3", "Absences",
             "Retest"]]
    for i, g3 in enumerate(WHITE_G3 + BLACK_G3):
        rows.append([f"S{i:04d}", "White" if i < 20 else "Black", "Free" if i % 2 else "Paid", str(15 + i % 4),
                     "GT3" if i % 3 else "LE3", str(i % 5), "yes" if i % 4 else "no", str((g3 + 3) % 21),
                     str((g3 + 1) % 21), str(g3), str(i % 9), ["NA", "N/A", ""][i % 3]])
    return csv_bytes(rows)


def _upload(at: AppTest, name: str, data: bytes, mime: str = "text/csv") -> None:
    at.switch_page("pages/views/data.py").run()
    at.file_uploader(key="upload").set_value((name, data, mime)).run()
    assert not at.exception, [e.value for e in at.exception]


def _confirm(at: AppTest) -> None:
    next(b for b in at.button if b.label == "Confirm mapping").click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_the_first_view_after_an_upload(app):
    _upload(app, "class.csv", _gradebook())
    editor = app.session_state["bench"].staged.proposal
    assert [c.header for c in editor.outcomes()] == ["G1", "G2", "G3", "Absences"]
    _confirm(app)
    assert any(i.value == "Student groups in this file: Race/ethnicity, Income." for i in app.info)
    assert any("Not in this file, so not offered on any page: English learner, Special education, Section 504."
               in c.value for c in app.caption)

    app.switch_page("pages/views/gaps.py").run()
    assert not app.exception, [e.value for e in app.exception]
    outcome = app.selectbox(key="gaps_outcome")
    assert outcome.value.header == "G3" and outcome.options == ["G1 (score)", "G2 (score)", "G3 (score)", "Absences"]
    assert next(r for r in app.radio if r.label == "Show").value == "Share at or above a threshold"
    assert next(n for n in app.number_input if n.label == "Threshold (at or above)").value == 10.0
    dimension = app.selectbox(key="gaps_dimension")
    assert dimension.value == "race" and dimension.options == ["Race/ethnicity", "Income"]
    table = app.dataframe[0].value.set_index("Group")
    assert table.loc["White", SIZE] == "20" and table.loc["White", "Share (%)"] == "50.0%"
    assert table.loc["Black or African American", "Share (%)"] == "70.0%"
    gap = "Gap vs all students (points)"
    assert table.loc["White", gap] == "-10.0" and table.loc["Black or African American", gap] == "+10.0"
    assert "Not reported" not in table.index


def test_a_file_with_no_group_column_says_so_on_the_gaps_page(app):
    _upload(app, "scores.csv", csv_bytes([["Student ID", "Scale Score"], *[[str(i), str(300 + i)] for i in range(30)]]))
    _confirm(app)
    assert any("This file has none of race/ethnicity, income" in i.value for i in app.info)
    app.switch_page("pages/views/gaps.py").run()
    assert not app.exception and not app.dataframe
    assert "This file has no column to compare groups by" in _texts(app)


def test_an_html_export_saved_as_xls_is_read_and_its_tables_chosen_like_sheets(app):
    roster = [["Student Number", "Ethnicity", "Lunch_Status", "Percent"]]
    roster += [[f"{i:05d}", ["White", "Hispanic"][i % 2], "F" if i % 3 else "P", str(50 + i)] for i in range(30)]
    title = html_table([["Riverside Unified"], ["Printed 12/06/2026"]], caption="Report")
    data = html_xls_bytes([title, html_table(roster)], before="<!-- PowerSchool export -->\n", excel=True)
    _upload(app, "students.xls", data, "application/vnd.ms-excel")
    staged = app.session_state["bench"].staged
    assert staged.upload.sheet == "Table 2" and staged.upload.table.num_rows == 30
    sheet = app.selectbox(key="sheet")
    assert sheet.options == ["Table 1: Report", "Table 2"]
    sheet.select("Table 1: Report").run()
    assert app.session_state["bench"].staged.upload.sheet == "Table 1: Report"
    app.selectbox(key="sheet").select("Table 2").run()
    _confirm(app)
    assert app.session_state["bench"].data.report.rows == 30
    app.switch_page("pages/views/gaps.py").run()
    assert app.selectbox(key="gaps_outcome").value.header == "Percent"
    assert next(n for n in app.number_input if n.label == "Threshold (at or above)").value == 70.0


def test_a_state_test_file_opens_on_its_proficiency_level_counting_the_top_two_levels(app):
    # Levels 1-4, ten students each in both groups: the top two (3 and 4) are 20 of 40 = 50% of each.
    rows = [["StudentUniqueId", "ETHNIC_DESC", "ScaleScore", "PerformanceLevel"]]
    rows += [[f"{i:06d}", "Hispanic" if i % 2 else "White", str(2400 + i), str(1 + (i // 2) % 4)] for i in range(80)]
    _upload(app, "state_test.csv", csv_bytes(rows))
    _confirm(app)
    app.switch_page("pages/views/gaps.py").run()
    assert app.selectbox(key="gaps_outcome").value.header == "PerformanceLevel"
    assert next(n for n in app.number_input if n.label == "Threshold (at or above)").value == 3.0
    table = app.dataframe[0].value.set_index("Group")
    assert table.loc["Hispanic/Latino", "Share (%)"] == "50.0%" and table.loc["White", "Share (%)"] == "50.0%"


def test_the_public_uci_file_opens_on_g3_at_10_by_sex(app, shared_data):
    """SOURCE.txt: pass rate G3 >= 10 is 265 of 395 (67.09%): F 133 of 208 (63.94%), M 132 of 187 (70.59%)."""
    path = shared_data / "uci_student_mat_messy" / "student-mat.csv"
    _upload(app, path.name, path.read_bytes())
    _confirm(app)
    assert any(i.value.startswith("This file has none of race/ethnicity") for i in app.info)
    app.switch_page("pages/views/gaps.py").run()
    assert app.selectbox(key="gaps_outcome").value.header == "G3"
    assert next(n for n in app.number_input if n.label == "Threshold (at or above)").value == 10.0
    dimension = app.selectbox(key="gaps_dimension")
    assert dimension.value == "gender" and dimension.options == ["Gender", "School"]
    table = app.dataframe[0].value.set_index("Group")
    assert (table.loc["Female", SIZE], table.loc["Female", "Share (%)"]) == ("208", "63.9%")   # printed to a tenth
    assert (table.loc["Male", SIZE], table.loc["Male", "Share (%)"]) == ("187", "70.6%")
