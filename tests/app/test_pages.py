"""Every page renders without an exception, on the sample data and on an uploaded file."""

import pytest

from equity.data import students
from tests.app.conftest import OVERVIEW, counts, upload
from tests.files import csv_bytes, parquet_bytes, xlsx_bytes

PAGES = ["pages/views/overview.py", "pages/views/data.py", "pages/views/gaps.py", "pages/views/intersections.py"]


def _texts(at) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.caption] + [m.value for m in at.title]
    parts += [m.value for m in at.info] + [m.value for m in at.warning] + [m.value for m in at.error]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_the_sample(app, page):
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    assert "sample" in _texts(app).lower()


def test_overview_labels_the_sample(app):
    app.switch_page(OVERVIEW).run()
    assert any("This is sample data" in i.value for i in app.info)


def test_gaps_on_the_sample_shows_a_summary_table_and_chart(app):
    app.switch_page("pages/views/gaps.py").run()
    assert any("largest gap" in m.value for m in app.markdown)
    table = app.dataframe[0].value
    assert {"Group", "Students with a result", "Share (%)", "Gap vs all students (points)", "95% low", "95% high",
            "Note"} <= set(table.columns)
    assert table["Group"].iloc[0] == "All students"
    assert len(app.get("vega_lite_chart")) == 1
    app.selectbox(key="gaps_dimension").select("english_learner").run()
    table = app.dataframe[0].value
    assert {"English learners", "Not English learners"} <= set(table["Group"])


def test_filters_apply_and_stay_visible(app):
    app.switch_page("pages/views/gaps.py").run()
    before = counts(app.dataframe[0].value["Students with a result"]).iloc[1:].sum()    # the groups, not all students
    key = f"filter_low_income_{app.session_state['bench'].data.version}"
    app.multiselect(key=key).select("true").run()
    assert not app.exception
    after = counts(app.dataframe[0].value["Students with a result"]).iloc[1:].sum()
    assert 0 < after < before
    assert any("Income: Low income" in i.value for i in app.info)


def test_threshold_mean_and_comparison(app):
    app.switch_page("pages/views/gaps.py").run()
    radio = next(r for r in app.radio if r.label == "Show")
    radio.set_value("Average").run()
    assert any("average" in m.value.lower() for m in app.markdown)
    compare = next(s for s in app.selectbox if s.label == "Compared with")
    compare.select("others").run()
    assert not app.exception and any("all other students" in m.value for m in app.markdown)


def test_intersections_heat_table(app):
    app.switch_page("pages/views/intersections.py").run()
    assert not app.exception
    table = app.dataframe[0].value
    assert {"Race/ethnicity", "Income", "Students with a result", "Share (%)", "Note"} <= set(table.columns)
    hidden = table[table["Note"] != ""]
    assert (hidden["Share (%)"] == "—").all()                  # the exports' dash, the note says why


def _gradebook() -> bytes:
    rows = [["Room 12 - Grade 7 ELA"], ["Final grades 2024-25"], [],
            ["Student #", "Ethnicity", "Lunch", "ELL", "Final %"]]
    races = ["Hispanic", "White", "Black", "Asian"]
    rows += [[1000 + i, races[i % 4], "F" if i % 3 == 0 else "P", "Y" if i % 5 == 0 else "N", 55 + (i * 7) % 45]
             for i in range(60)]
    return xlsx_bytes({"Instructions": [["Export of final grades"]], "Grades": rows})


def test_upload_confirm_and_every_page_on_the_upload(app):
    app.switch_page("pages/views/data.py").run()
    upload(app, _gradebook(), "gradebook.xlsx").run()
    assert any("Check the columns of gradebook.xlsx" in s.value for s in app.subheader)
    next(b for b in app.button if b.label == "Confirm mapping").click().run()
    assert not app.exception
    assert any("Loaded: gradebook.xlsx" in s.value for s in app.subheader)
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, (page, [e.value for e in app.exception])
        assert "sample data" not in _texts(app).lower()
    app.switch_page("pages/views/gaps.py").run()
    table = app.dataframe[0].value.iloc[1:]            # the groups, after all students' row
    assert counts(table["Students with a result"]).sum() == 60 and set(table["Group"]) == {
        "Hispanic/Latino", "White", "Black or African American", "Asian"}


def test_a_parquet_upload_through_the_mapping_screen_is_built_from_its_codes(app, monkeypatch):
    """A Parquet export whose labels are dictionary-encoded, five row groups each with its own dictionary order:
    uploaded and confirmed on the data page, `students` is built from the codes of its label columns, and the
    gaps page shows each race's students and share at 70 or more as counted here from the rows."""
    races = ("Hispanic", "White", "Black", "Asian")
    rows = 90
    columns = {"Student ID": [f"S{i:03d}" for i in range(rows)],
               "Race": [races[(i * 7) % 4] if i < 45 else races[(i * 3) % 4] for i in range(rows)],
               "Lunch": ["F" if i % 3 == 0 else "P" for i in range(rows)],
               "Final %": [float(50 + (i * 11) % 50) for i in range(rows)]}
    coded = []
    with_codes = students.with_codes
    monkeypatch.setattr(students, "with_codes", lambda *args: coded.append(found := with_codes(*args)) or found)
    app.switch_page("pages/views/data.py").run()
    upload(app, parquet_bytes(columns, row_group_size=20), "grades.parquet").run()
    next(b for b in app.button if b.label == "Confirm mapping").click().run()
    assert not app.exception and {"Race", "Lunch"} <= set(coded[-1][1])
    app.switch_page("pages/views/gaps.py").run()
    shown = app.dataframe[0].value.set_index("Group")
    names = {"Hispanic": "Hispanic/Latino", "White": "White", "Black": "Black or African American", "Asian": "Asian"}
    for race, name in names.items():
        scores = [score for r, score in zip(columns["Race"], columns["Final %"], strict=True) if r == race]
        meeting = sum(score >= 70 for score in scores)
        assert counts(shown.loc[[name], "Students with a result"]).iloc[0] == len(scores), race
        assert shown.loc[name, "Share (%)"] == f"{100 * meeting / len(scores):.1f}%", race


def test_bad_upload_keeps_what_was_loaded(app):
    app.switch_page("pages/views/data.py").run()
    bench = app.session_state["bench"]
    before = bench.data
    with pytest.raises(ValueError):
        bench.upload(b"", "empty.csv")
    assert bench.data is before
    app.run()
    assert not app.exception


def test_no_outcome_column_is_refused_on_confirm(app):
    app.switch_page("pages/views/data.py").run()
    rows = [["Student ID", "Race"], *[[str(i), "White"] for i in range(12)]]
    upload(app, csv_bytes(rows), "roster.csv").run()
    next(b for b in app.button if b.label == "Confirm mapping").click().run()
    assert not app.exception
    assert any("No column is marked as an outcome" in e.value for e in app.error)
    assert app.session_state["bench"].data.sample   # the sample is still loaded
