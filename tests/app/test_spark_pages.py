"""The app on a Spark table: 'Connect to a Spark table' on the data page stages the sample district, kept as a Parquet
table on a local Spark Connect server, for the same mapping screen as an upload; once confirmed, the gaps,
disproportionality and report pages show the figures the same rows give when uploaded as a file (and a few
worked out here from the CSV itself), and the views that read student rows say they need a file."""

import csv
import io
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from streamlit.testing.v1 import AppTest

from equity.app.session import Workbench
from equity.model.groups import Grouping
from equity.model.rules import Rule
from equity.present.risk_charts import risk_table
from tests.app.conftest import choose

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data" / "district.csv"
pytestmark = pytest.mark.xdist_group("spark")     # one local Spark Connect server per test process
HOW = "Spark tests need pyspark with Spark Connect (pip install 'pyspark[connect]') and Java 17 " \
      "(apt-get install openjdk-17-jre-headless)"
GRADE, PASSING = "Final Grade %", Rule("threshold", 70.0)
BLACK = ("Black or African American", "Black/African American")      # the sample's two spellings of the group


def sample_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(SAMPLE.read_text(encoding="utf-8"))))


@pytest.fixture(scope="module")
def table(tmp_path_factory) -> str:
    """The sample district as a Parquet table of text columns, as a lakehouse keeps it, named as Spark reads it."""
    pytest.importorskip("pyspark.sql.connect.session", reason=HOW)
    if shutil.which("java") is None:
        pytest.skip(HOW)
    rows = sample_rows()
    path = tmp_path_factory.mktemp("lake") / "district.parquet"
    pq.write_table(pa.table({h: [r[h] or None for r in rows] for h in rows[0]}), path)
    return f"parquet.`{path}`"


@pytest.fixture(scope="module")
def app(table) -> AppTest:
    """The app connected to the table through the data page, its proposed mapping confirmed there."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EQUITY_WORKSPACE", str(Path(table.split("`")[1]).parent / "workspace"))
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.switch_page("pages/views/data.py").run()
        at.text_input(key="spark_url").input("local[2]")
        at.text_input(key="spark_table").input(table)
        at.button(key="spark_connect").click().run()
        assert not at.exception and not at.error, [e.value for e in [*at.exception, *at.error]]
        staged = at.session_state["bench"].staged
        assert staged is not None and staged.upload.name == table    # the mapping screen, as for an upload
        assert any("15,104" in m.value for m in at.markdown)           # the rows it will read, counted by Spark
        next(b for b in at.button if b.label == "Confirm mapping").click().run()
        assert not at.exception, [e.value for e in at.exception]
        yield at


@pytest.fixture(scope="module")
def from_file() -> Workbench:
    """The same rows loaded as a file, under the mapping proposed for them."""
    bench = Workbench()
    bench.load_sample()
    return bench


def show(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_confirmed_table_is_the_data_and_its_rows_stay_in_spark(app, table):
    bench = app.session_state["bench"]
    assert bench.staged is None and bench.data.name == table and bench.data.report.rows == 15_104
    assert bench.without_rows() == "ui.needs_student_rows_spark"
    assert any("15,104" in m.value for m in app.markdown)              # "loaded: N rows", as for a file


def test_gaps_page_shows_the_figures_of_the_same_rows_uploaded(app, from_file):
    show(app, "pages/views/gaps.py")
    outcome = app.selectbox(key="gaps_outcome")
    outcome.select_index(next(i for i, o in enumerate(outcome.options) if o.startswith(GRADE))).run()
    app.number_input(key="gaps_threshold_final_grade_pct").set_value(70.0).run()
    app.selectbox(key="gaps_dimension").select("race").run()
    assert not app.exception, [e.value for e in app.exception]
    shown = app.dataframe[0].value.set_index("Group")
    expected = from_file.breakdown("final_grade_pct", PASSING, "race", label=GRADE)
    assert len(expected.groups) == 8 and {g.label for g in expected.groups} <= set(shown.index)
    for g in expected.shown():
        assert shown.loc[g.label, "Share (%)"] == f"{g.value:.1f}%", g.label
        assert shown.loc[g.label, "Students with a result"] == f"{g.n:,}"
    # Worked out from the CSV itself: a grade is a number (EX, INC and blanks have no result); passing is >= 70.
    graded = [r for r in sample_rows() if r[GRADE].replace(".", "", 1).isdigit()]
    black = [r for r in graded if r["Race/Ethnicity"] in BLACK]
    on_spark = app.session_state["bench"].breakdown("final_grade_pct", PASSING, "race", label=GRADE)
    assert on_spark.overall.n == len(graded) == 14_589
    assert on_spark.overall.total == sum(float(r[GRADE]) >= 70 for r in graded)
    group = next(g for g in on_spark.groups if g.key == "Black or African American")
    assert group.n == len(black)
    assert group.value == pytest.approx(100 * sum(float(r[GRADE]) >= 70 for r in black) / len(black))


def test_disproportionality_page_shows_the_risk_ratios_of_the_same_rows_uploaded(app, from_file):
    show(app, "pages/views/disproportionality.py")
    bench = app.session_state["bench"]
    outcome, rule = bench.usual_risk_outcome()
    assert (outcome, rule) == from_file.usual_risk_outcome() and app.selectbox(key="risk_outcome").value.name == outcome
    term = app.selectbox(key="risk_term").value
    assert term == "2024-25"
    race = Grouping("race")
    expected = risk_table(from_file.risk(outcome, rule, race, "Suspended", term),
                          from_file.risk_streaks(outcome, rule, race, ("2022-23", "2023-24", term))).frame()
    shown = app.dataframe[0].value
    assert shown.equals(expected)
    # By hand: suspensions of Black students in 2024-25 against every other student's that year.
    year = [r for r in sample_rows() if r["School Year"] == term]
    black = [r for r in year if r["Race/Ethnicity"] in BLACK]
    others = [r for r in year if r["Race/Ethnicity"] not in BLACK]
    ratio = (sum(r["Suspended"] == "Y" for r in black) / len(black)) / \
        (sum(r["Suspended"] == "Y" for r in others) / len(others))
    row = shown[shown.iloc[:, 0] == "Black or African American"].iloc[0]
    assert row.iloc[5] == f"{ratio:.2f}"


def test_report_page_previews_the_file_figures_and_refuses_the_student_list(app, from_file):
    show(app, "pages/views/report.py")
    outcome = app.selectbox(key="report_outcome")
    outcome.select_index(next(i for i, o in enumerate(outcome.options) if o.startswith(GRADE))).run()
    app.number_input(key="report_threshold_final_grade_pct").set_value(70.0).run()
    assert not app.exception, [e.value for e in app.exception]
    tables = [d.value.set_index("Group") for d in app.dataframe]
    assert len(tables) == 3 and len(app.get("vega_lite_chart")) == 3
    for table, dimension in zip(tables, ("race", "low_income", "english_learner"), strict=True):
        for g in from_file.breakdown("final_grade_pct", PASSING, dimension, label=GRADE).shown():
            assert table.loc[g.label, "Share (%)"] == f"{g.value:.1f}%"
            assert table.loc[g.label, "Students with a result"] == f"{g.n:,}"
    assert {"PDF", "Web page (HTML)"} <= {b.proto.label for b in app.get("download_button")}
    assert any("stays in a Spark table" in i.value for i in app.info)       # the student list: rows only


def test_chronic_absence_states_its_rule_and_the_days_enrolled_setting_changes_it_on_spark(app):
    show(app, "pages/views/gaps.py")
    choose(app, "gaps_outcome", "Chronically absent")
    app.selectbox(key="gaps_dimension").select("race").run()
    captions = "\n".join(c.value for c in app.caption)
    assert "a student counts with at least 10 days enrolled" in captions    # the sample: 21 days or more
    assert "No student has fewer than 10 days enrolled." in captions
    app.number_input(key="gaps_min_days").set_value(35).run()
    assert not app.exception and not app.warning, [e.value for e in [*app.exception, *app.warning]]
    # Worked out from the CSV: students with fewer than 35 days enrolled are left out; the others are chronically
    # absent when missing 10% or more of their days.
    rows = sample_rows()
    counted = [r for r in rows if int(r["Days Enrolled"]) >= 35]
    absent = sum(int(r["Days Absent"]) / int(r["Days Enrolled"]) >= 0.1 for r in counted)
    captions = "\n".join(c.value for c in app.caption)
    assert len(rows) - len(counted) == 36
    assert "36 students with fewer than 35 days enrolled are left out." in captions
    assert f"All students: n = {len(counted):,}, value {100 * absent / len(counted):.1f}" in captions
    app.number_input(key="gaps_min_days").set_value(10).run()               # as the other tests expect it
    assert "No student has fewer than 10 days enrolled." in "\n".join(c.value for c in app.caption)


def test_views_that_read_student_rows_say_they_need_a_file(app):
    for page in ("sql", "warning", "ontrack"):
        show(app, f"pages/views/{page}.py")
        assert any("stays in a Spark table" in i.value for i in app.info), page
    show(app, "pages/views/gaps.py")
    assert not [c for c in app.checkbox if c.key == "gaps_combined"]      # alone or in combination: rows only


@pytest.mark.parametrize("page", ["overview", "trends", "intersections", "scorecard", "goals", "log"])
def test_the_pages_that_work_from_cells_open_on_spark(app, page):
    show(app, f"pages/views/{page}.py")
    assert not app.error, [e.value for e in app.error]
    assert not any("stays in a Spark table" in i.value for i in app.info)
