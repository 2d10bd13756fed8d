"""Cohorts: one breakdown per entering year, school or grade, each with its own all-students rate and flags, in
the report and on the command line; worked out by hand on a small file."""

import csv
import io
import json

import pytest

from equity.app.cli import main
from equity.model.cohorts import cohort_choices, cohort_values
from equity.model.filters import Filters
from equity.model.rules import Rule
from equity.report.sections import Choice, compose, views
from equity.stats.gap_flags import Flag
from tests.files import confirmed, csv_bytes


def _rows():
    """Two entering years. 2023: Hispanic 12 of 40 pass, White 30 of 40. 2024: Hispanic 30 of 40, White 20 of 40."""
    plan = {("2023", "Hispanic"): (40, 12), ("2023", "White"): (40, 30),
            ("2024", "Hispanic"): (40, 30), ("2024", "White"): (40, 20)}
    rows = [["Student ID", "Entering Year", "Ethnicity", "Passed"]]
    i = 0
    for (year, race), (n, passed) in plan.items():
        for k in range(n):
            rows.append([f"S{i:04d}", year, race, "Y" if k < passed else "N"])
            i += 1
    return rows


@pytest.fixture
def path(tmp_path):
    file = tmp_path / "cohorts.csv"
    file.write_bytes(csv_bytes(_rows()))
    return file


def test_command_line_gives_each_cohort_its_own_reference(capsys, path):
    code = main(["gaps", str(path), "--outcome", "Passed", "--cohort", "Entering Year", "--flag", "ppg",
                 "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    result = json.loads(out)
    assert result["cohort"] == "Entering Year"
    first, second = result["results"]
    assert (first["cohort"], second["cohort"]) == ("2023", "2024")
    # 2023: all 42 of 80 = 52.5%; Hispanic 30% → −22.5 points, margin 1.96 × √(0.25/40) = 15.495: flagged;
    # needed ⌈(0.525 − 0.30 − 0.15495) × 40⌉ = ⌈2.80⌉ = 3, parity ⌈0.225 × 40⌉ = 9.
    assert first["all_students"] == {"n": 80, "value": 52.5}
    hispanic = next(g for g in first["groups"] if g["key"] == "Hispanic/Latino")
    assert (hispanic["ppg_gap"], hispanic["margin"], hispanic["flagged"]) == (-22.5, 15.4952, True)
    assert (hispanic["students_needed"], hispanic["students_needed_parity"]) == (3, 9)
    # 2024: all 50 of 80 = 62.5%; Hispanic 75% is above it; White 50% → −12.5, inside 15.495: not flagged.
    assert second["all_students"] == {"n": 80, "value": 62.5}
    white = next(g for g in second["groups"] if g["key"] == "White")
    assert (white["ppg_gap"], white["flagged"], white["students_needed"], white["students_needed_parity"]) == \
        (-12.5, False, 0, 5)


def test_command_line_cohorts_as_csv_and_table(capsys, path):
    main(["gaps", str(path), "--outcome", "Passed", "--cohort", "Entering Year", "--format", "csv"])
    lines = capsys.readouterr()[0].splitlines()
    assert lines[0].startswith("cohort,group,n,value,gap")
    assert lines[1].startswith("2023,Hispanic/Latino,40,30.00,-22.50")
    assert lines[3].startswith("2024,Hispanic/Latino,40,75.00,12.50")
    main(["gaps", str(path), "--outcome", "Passed", "--cohort", "Entering Year", "--flag", "ppg", "--ppg-reference",
          "hpg"])
    out = capsys.readouterr()[0]
    assert "Entering Year 2023:" in out and "Entering Year 2024:" in out
    # The sentence under each table measures against the same reference: in 2023 White's 75%, Hispanic 30% → −45.
    assert "gap to the highest-performing group (White) on Passed (= yes)" in out
    assert "Hispanic/Latino (-45.0 points, margin of error 15.5)" in out


@pytest.mark.parametrize(("column", "words"), [("Year", "error: --cohort: no column 'Year'"),
                                               ("Passed", "error: --cohort: 'Passed' is the outcome")])
def test_a_cohort_column_that_cannot_be_one_is_one_line(capsys, path, column, words):
    code = main(["gaps", str(path), "--outcome", "Passed", "--cohort", column])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and err.startswith(words) and err.count("\n") == 1


def test_cohort_values_follow_the_filters():
    values = {"term": ["2023", "2024"], "school": ["North"], "grade": []}
    assert cohort_choices(values) == ["term"]
    assert cohort_values(values, "term", Filters(term=("2024",))) == ["2024"]
    assert cohort_choices(values, Filters(term=("2024",))) == []


def test_report_has_a_section_per_cohort_with_its_flags():
    data = csv_bytes([["Student ID", "Term", "Ethnicity", "Passed"], *_rows()[1:]])      # the year as the term
    bench = confirmed(data, "cohorts.csv")
    choice = Choice("passed", "Passed", Rule("boolean"), ("race",), crossings=(("race", "low_income"),),
                    history=False, goals=False, flag=Flag.PPG, cohort="term")
    report = compose(views(bench, choice), bench)
    titles = [s.title for s in report.sections]
    assert [t.rsplit("— ", 1)[-1] for t in titles] == ["Term 2023", "Term 2023", "Term 2024", "Term 2024"]
    first = report.sections[0]
    rows = {r[0]: r for r in first.table.rows}
    assert rows["All students"][2] == pytest.approx(52.5)
    assert rows["Hispanic/Latino"][-3:-1] == (3, 9)           # needed to end the flag, and for parity (as above)
    assert first.chart.to_dict()["title"]["text"].endswith("— Term 2023")
    assert "Hispanic/Latino: 9 more students" in " ".join(first.summary)


def test_command_line_cohorts_as_csv_keep_a_line_break_inside_a_name(capsys, tmp_path):
    """A school named with a comma and a line break stays one quoted cell of one row, after its cohort."""
    rows = [["Student ID", "Entering Year", "School", "Passed"]]
    rows += [[f"S{i:03d}", "2023", "North,\nCampus", "Y" if i < 6 else "N"] for i in range(20)]
    file = tmp_path / "schools.csv"
    file.write_bytes(csv_bytes(rows))
    main(["gaps", str(file), "--outcome", "Passed", "--by", "school", "--cohort", "Entering Year", "--format", "csv"])
    table = list(csv.reader(io.StringIO(capsys.readouterr()[0])))
    assert table[0][:3] == ["cohort", "group", "n"]
    assert [row[:4] for row in table[1:]] == [["2023", "North,\nCampus", "20", "30.00"]]      # 6 of 20
