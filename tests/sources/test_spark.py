"""Spark as a cells source (equity.sources.spark): the queries translated by SQLGlot, and on a local Spark Connect
server the sample district as a Parquet table gives the same JSON from the command line as the same rows uploaded
as a file, while only cells cross from Spark (never a student's row or id)."""

import contextlib
import csv
import io
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import sqlglot
from sqlglot import exp

from equity.app.cli import main
from equity.app.session import Workbench
from equity.data.sql import query
from equity.sources import spark
from equity.stats.metrics import Rule

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "district.csv"
# One local Spark Connect server serves this module: its tests run in one xdist worker, since a second server
# would ask for the same port.
pytestmark = pytest.mark.xdist_group("spark")
HOW = "Spark tests need pyspark with Spark Connect (pip install 'pyspark[connect]') and Java 17 " \
      "(apt-get install openjdk-17-jre-headless)"


def test_cube_build_translates_to_spark_sql_with_values_as_typed_literals():
    rule = Rule("categories", categories=("Met", "O'Brien"))
    text = spark.translate(query("cells/cube_build", cube="cube", outcome='Score` "x'), rule.params(),
                           {spark.STUDENTS: exp.to_table("students_here")})
    tree = sqlglot.parse_one(text, read="spark")           # valid Spark SQL
    assert not list(tree.find_all(exp.Placeholder))        # every value bound
    assert {c.name for c in tree.find_all(exp.Column)} >= {'Score` "x', "race_ethnicity", "term"}
    assert "`Score`` \"x`" in text                         # one identifier, its backtick doubled
    literals = {lit.this for lit in tree.find_all(exp.Literal) if lit.is_string}
    assert {"Met", "O'Brien", "categories"} <= literals    # the quote inside a value stays inside its literal
    assert "score(" not in text.lower() and "students_here" in text and "GROUP BY ALL" in text


def test_threshold_is_a_number_and_label_types_read_as_text():
    text = spark.translate(query("cells/cube_build", cube="cube", outcome="y"), Rule("threshold", 70.0).params())
    assert ">= 70.0" in text
    assert "race_label" not in spark.translate("SELECT CAST(x AS race_label) AS r FROM t")


def test_a_table_name_is_never_pasted():
    text = spark.translate("SELECT count(*) FROM raw", tables={"raw": exp.to_table("x; DROP TABLE y",
                                                                                  dialect="spark")})
    assert text == "SELECT COUNT(*) FROM `x; DROP TABLE y`"


@pytest.fixture(scope="module")
def local_spark():
    pytest.importorskip("pyspark.sql.connect.session", reason=HOW)
    if shutil.which("java") is None:
        pytest.skip(HOW)
    return spark.connect("local[2]")    # the one local Spark Connect server of this process (it takes ~20-60 s)


@pytest.fixture(scope="module")
def district(tmp_path_factory, local_spark):
    """The sample district as an upload (CSV) and as a Parquet table of text columns, as a lakehouse keeps it."""
    folder = tmp_path_factory.mktemp("lake")
    rows = list(csv.reader(io.StringIO(SAMPLE.read_text(encoding="utf-8"))))
    table = pa.table({h: [r[i] or None for r in rows[1:]] for i, h in enumerate(rows[0])})
    pq.write_table(table, folder / "district.parquet")
    shutil.copy(SAMPLE, folder / "district.csv")
    return folder


@pytest.fixture(scope="module")
def returned():
    """Every table Spark sends back during this module's commands."""
    found: list[pa.Table] = []
    run = spark.SparkTable.run
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(spark.SparkTable, "run", lambda self, *a, **k: found.append(run(self, *a, **k)) or found[-1])
        yield found


def both(district, *options: str) -> tuple[dict, dict]:
    """The JSON of one command on the CSV upload and on the Parquet table through Spark."""
    command, rest = options[0], list(options[1:])
    table = f"parquet.`{district / 'district.parquet'}`"
    found = []
    for source in ([str(district / "district.csv")], ["--spark", "local[2]", "--table", table]):
        with contextlib.redirect_stdout(io.StringIO()) as out:
            assert main([command, *source, *rest, "--format", "json"]) == 0
        found.append(json.loads(out.getvalue()))
    return found[0], found[1]


@pytest.fixture(scope="module")
def gaps_by_race(district, returned) -> tuple[dict, dict]:
    """Gaps by race on the file and on Spark, asked once for the tests that read them (a minute on Spark)."""
    return both(district, "gaps", "--outcome", "Final Grade %", "--threshold", "70")


def without_why(result: dict) -> dict:
    return {**result, "groups": [{k: v for k, v in g.items() if k != "why"} for g in result["groups"]]}


def test_gaps_by_race_are_the_same_json_on_spark(gaps_by_race):
    from_file, from_spark = gaps_by_race
    assert from_spark == from_file
    assert from_file["all_students"]["n"] > 10_000 and len(from_file["groups"]) == 8


def test_filtered_gaps_with_hidden_groups_are_the_same_json_on_spark(district, returned):
    from_file, from_spark = both(district, "gaps", "--outcome", "Final Grade %", "--threshold", "70",
                                 "--by", "english_learner", "--where", "school=Eastside Elementary",
                                 "--where", "grade=3")
    # The same groups hidden with the same figures; which reason names a group hidden for two is the session's
    # order of the rules (the cube's, as on screen), where the file's direct query names the other one first.
    assert without_why(from_spark) == without_why(from_file)
    assert any(g["suppressed"] and g["n"] is None for g in from_file["groups"])   # a small group is hidden


def test_risk_ratios_are_the_same_json_on_spark(district, returned):
    from_file, from_spark = both(district, "risk", "--outcome", "Suspended", "--categories", "true",
                                 "--by", "race")
    assert from_spark == from_file
    assert any(g["risk_ratio"] is not None for g in from_file["groups"])


def test_chronic_absence_and_its_note_are_the_same_on_spark(district, returned, capsys):
    from_file, from_spark = both(district, "gaps", "--outcome", "chronically_absent", "--min-days", "35")
    assert from_spark == from_file and from_file["all_students"]["n"] == 15_104 - 36   # 36 with under 35 days
    notes = [line for line in capsys.readouterr().err.splitlines() if line.startswith("note: ")]
    assert len(notes) == 2 and notes[0] == notes[1]                                     # one per source, the same
    assert notes[0].endswith("36 students with fewer than 35 days enrolled are left out.")


def test_only_cells_leave_spark(gaps_by_race, returned):
    bench = Workbench()
    bench.load_sample()
    cube = bench.cube("final_grade_pct", Rule("threshold", 70.0))
    cells = bench.con.execute(query("tables/row_count", table=cube.table)).fetchone()[0]
    students = bench.con.execute(query("tables/row_count", table="students")).fetchone()[0]
    sizes = [t.num_rows for t in returned]
    assert cells in sizes and max(sizes) == cells < students / 3     # the cube's cells, nothing larger
    ids = {r[0] for r in list(csv.reader(io.StringIO(SAMPLE.read_text(encoding="utf-8"))))[1:]}
    sent = {v for t in returned for column in t.columns for v in column.to_pylist() if isinstance(v, str)}
    assert not ids & sent                                             # no student id ever came back


def test_the_table_is_profiled_as_the_same_rows_uploaded_in_three_jobs(district, local_spark, monkeypatch):
    upload = Workbench()
    upload.upload((district / "district.csv").read_bytes(), "district.csv")
    jobs: list[pa.Table] = []
    run = spark.SparkTable.run
    monkeypatch.setattr(spark.SparkTable, "run", lambda self, *a, **k: jobs.append(run(self, *a, **k)) or jobs[-1])
    table = spark.SparkTable(local_spark, f"parquet.`{district / 'district.parquet'}`")
    profiles = {p.header: p for p in table.profiles()}
    assert len(jobs) == 3
    assert table.size() == upload.staged.rows == 15_104 and len(jobs) == 3    # the rows counted in the first job
    assert [p.header for p in upload.staged.profiles] == list(profiles)
    for mine in upload.staged.profiles:
        theirs = profiles[mine.header]
        assert (theirs.non_blank, round(theirs.numeric_share, 6)) == (mine.non_blank, round(mine.numeric_share, 6))
    few = [p for p in upload.staged.profiles if p.distinct_count <= 20]   # listed with exact counts on both sides
    assert len(few) >= 8
    assert [(profiles[p.header].distinct_count, profiles[p.header].values) for p in few] == \
        [(p.distinct_count, p.values) for p in few]


def test_a_column_kind_is_judged_on_the_first_rows_only(tmp_path, local_spark, monkeypatch):
    # 3 numbers then 7 words: on the first 4 rows 3 of 4 values are numbers, on every row 3 of 10
    pq.write_table(pa.table({"Mixed": ["1", "2", "3", *["word"] * 7]}), tmp_path / "mixed.parquet")
    monkeypatch.setattr(spark, "SAMPLED", 4)
    (mixed,) = spark.SparkTable(local_spark, f"parquet.`{tmp_path / 'mixed.parquet'}`").profiles()
    assert (mixed.non_blank, mixed.numeric_share) == (10, 0.75)


def test_a_missing_table_is_one_line_saying_so(district, local_spark, capsys):
    assert main(["gaps", "--spark", "local[2]", "--table", f"parquet.`{district / 'none.parquet'}`",
                 "--outcome", "x"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("error: cannot read the table parquet.") and "Traceback" not in "".join(err)


def test_commands_that_read_student_rows_say_so_before_connecting(capsys):
    assert main(["cohort", "--spark", "sc://nowhere.invalid:15002", "--table", "t", "--outcome", "x", "--from", "a",
                 "--to", "b", "--by", "race"]) == 2
    assert "needs the student rows of a file: give FILE" in capsys.readouterr().err
    assert main(["gaps", str(SAMPLE), "--spark", "local[2]", "--table", "t", "--outcome", "x"]) == 2
    assert "not both" in capsys.readouterr().err
    assert main(["gaps", "--outcome", "x"]) == 2
    assert "give FILE, or --spark URL and --table NAME" in capsys.readouterr().err
