"""`python -m equity gaps` and `risk` on files of published counts, typed as a user types them: `--outcome`
names the count column, `--map denominator=HEADER` the students in each group (recognised when the header says
so). Figures worked out by hand in tests/sources/test_counts.py's table."""

import json
import subprocess
import sys
from pathlib import Path

from tests.count_files import REPORT_CARD_GROUPS, TOTALLED, crdc_csv
from tests.files import csv_bytes

ROOT = Path(__file__).resolve().parents[2]
BLACK, WHITE, HISPANIC = "Black or African American", "White", "Hispanic/Latino"


def run(tmp_path, data: bytes, *arguments) -> tuple[int, str, str]:
    path = tmp_path / "counts.csv"
    path.write_bytes(data)
    done = subprocess.run([sys.executable, "-m", "equity", arguments[0], str(path), *arguments[1:]],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    return done.returncode, done.stdout, done.stderr


def groups(out: str) -> dict[str, dict]:
    return {g["key"]: g for g in json.loads(out)["groups"]}


def test_gaps_on_a_crdc_school_file(tmp_path):
    code, out, err = run(tmp_path, crdc_csv(), "gaps", "--outcome", "SCH_DISC_ISS", "--map", "denominator=SCH_ENR",
                         "--by", "race", "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    assert (result["rule"], result["all_students"]) == ("= yes", {"n": 345, "value": 14.78})
    found = {k: (g["n"], g["value"], g["gap"]) for k, g in groups(out).items()}
    assert found == {BLACK: (110, 25.45, 10.67), WHITE: (180, 7.22, -7.56), HISPANIC: (55, 18.18, 3.4)}
    assert "CRDC public-use file" in err
    assert "suppressed cells of 'SCH_DISC_ISS', read as unknown (never as zero): -2 x 1." in err


def test_gaps_for_one_school_by_sex(tmp_path):
    code, out, err = run(tmp_path, crdc_csv(), "gaps", "--outcome", "SCH_DISC_ISS", "--by", "gender",
                         "--where", "school=Baker Middle", "--format", "json")
    assert code == 0, err
    # Baker: boys 8+4+3 = 15 of 90; girls 4+3 of 75 (its 15 Hispanic girls' count is suppressed).
    assert {k: (g["n"], g["value"]) for k, g in groups(out).items()} == {
        "Female": (75, round(700 / 75, 2)), "Male": (90, round(1500 / 90, 2))}
    assert json.loads(out)["all_students"] == {"n": 165, "value": round(2200 / 165, 2)}


def test_risk_ratios_on_a_crdc_school_file(tmp_path):
    code, out, err = run(tmp_path, crdc_csv(), "risk", "--outcome", "SCH_DISC_ISS", "--by", "race",
                         "--format", "json")
    assert code == 0, err
    found = {k: (g["n"], g["count"], g["risk"], g["comparison_risk"], g["risk_ratio"], g["kind"])
             for k, g in groups(out).items()}
    assert found == {BLACK: (110, 28, 25.45, 9.79, 2.6, "risk ratio"),
                     WHITE: (180, 13, 7.22, 23.03, 0.31, "risk ratio"),
                     HISPANIC: (55, 10, 18.18, 14.14, 1.29, "risk ratio")}
    code, out, err = run(tmp_path, crdc_csv(), "risk", "--outcome", "SCH_DISC_ISS", "--by", "race",
                         "--compare", "White", "--format", "json")
    assert code == 0, err
    black = groups(out)[BLACK]
    assert (black["risk_ratio"], black["comparison_risk"], black["flagged"]) == (3.52, 7.22, True)


# A report card's long layout whose column of students is named in no common way: mapped with --map.
REPORT_CARD = [["Campus", "Student Group", "Kids", "Met Standard"],
               ["North", "All Students", "100", "50"],
               ["North", "Black", "40", "12"], ["North", "White", "60", "38"],
               ["South", "All Students", "90", "*"],
               ["South", "Black", "50", "n<5"], ["South", "White", "40", "30"]]


def test_a_denominator_named_with_map(tmp_path):
    code, out, err = run(tmp_path, csv_bytes(REPORT_CARD), "gaps", "--outcome", "Met Standard",
                         "--map", "denominator=Kids", "--by", "race", "--format", "json")
    assert code == 0, err
    # Black: 12 of 40 (South's 50 unknown); White: 38 + 30 of 100. The All Students rows are a kind of row of
    # their own, never added to the races; South's is suppressed, so they know 100 students, the races 140: the
    # races give all students.
    assert {k: (g["n"], g["value"]) for k, g in groups(out).items()} == {BLACK: (40, 30.0), WHITE: (100, 68.0)}
    assert json.loads(out)["all_students"] == {"n": 140, "value": round(8000 / 140, 2)}
    assert "n<5 x 1" in err and "'Student Group' lists groups of several kinds" in err


def test_a_zero_comparison_risk_is_not_computable(tmp_path):
    rows = [["School", "Race", "Enrollment", "Referred"], ["A", "Black", "40", "12"], ["A", "White", "60", "0"]]
    code, out, err = run(tmp_path, csv_bytes(rows), "risk", "--outcome", "Referred", "--by", "race",
                         "--cell-size", "0", "--format", "json")
    assert code == 0, err
    black = groups(out)[BLACK]
    assert (black["kind"], black["risk_ratio"], black["risk"], black["comparison_risk"]) == (
        "not computable", None, 30.0, 0.0)


def test_a_threshold_on_a_count_is_refused_with_what_to_do(tmp_path):
    code, out, err = run(tmp_path, crdc_csv(), "gaps", "--outcome", "SCH_DISC_ISS", "--threshold", "3")
    assert code != 0 and out == ""
    assert "count of students" in err and "--threshold" in err and "Traceback" not in err


def test_each_school_prints_one_result_per_school(tmp_path):
    code, out, err = run(tmp_path, crdc_csv(), "gaps", "--outcome", "SCH_DISC_ISS", "--by", "gender",
                         "--each", "school", "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    assert result["each"] == "school" and [r["school"] for r in result["results"]] == ["Adams Elementary",
                                                                                      "Baker Middle"]
    adams = {g["key"]: (g["n"], g["value"]) for g in result["results"][0]["groups"]}
    # Adams: girls 6+2+2 of 90, boys 10+4+5 of 90.
    assert adams == {"Female": (90, 11.11), "Male": (90, 21.11)}
    code, out, err = run(tmp_path, crdc_csv(), "risk", "--outcome", "SCH_DISC_ISS", "--by", "race",
                         "--each", "school", "--format", "json")
    assert code == 0, err
    adams = {g["key"]: g for g in json.loads(out)["results"][0]["groups"]}
    # Black 16 of 60 against White and Hispanic's 6 + 7 of 120; White and Hispanic have fewer than 10 suspended.
    assert (adams[BLACK]["risk"], adams[BLACK]["comparison_risk"], adams[BLACK]["risk_ratio"]) == (26.67, 10.83, 2.46)
    assert adams[WHITE]["kind"] == "hidden" and adams[WHITE]["count"] is None


def test_a_report_from_published_counts(tmp_path):
    out = tmp_path / "report.html"
    code, printed, err = run(tmp_path, crdc_csv(), "report", "--outcome", "SCH_DISC_ISS", "--by", "race",
                             "--out", str(out))
    assert code == 0, err
    assert "25.5" in out.read_text(encoding="utf-8")        # Black students: 28 of 110 suspended


def test_a_report_per_school_into_a_folder(tmp_path):
    folder = tmp_path / "packet"
    code, printed, err = run(tmp_path, crdc_csv(), "report", "--outcome", "SCH_DISC_ISS", "--by", "race",
                             "--each", "school", "--out", str(folder))
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == ["adams-elementary.html", "baker-middle.html"]
    adams = (folder / "adams-elementary.html").read_text(encoding="utf-8")
    baker = (folder / "baker-middle.html").read_text(encoding="utf-8")
    # Black students suspended: Adams 16 of 60 (26.7%), Baker 12 of 50 (24.0%); each report holds its own.
    assert "26.7" in adams and "24.0" not in adams and "Adams Elementary" in adams
    assert "24.0" in baker and "26.7" not in baker


def test_each_school_with_a_district_total_row(tmp_path):
    code, out, err = run(tmp_path, csv_bytes(TOTALLED), "risk", "--outcome", "Suspended", "--by", "race",
                         "--each", "school", "--format", "json")
    assert code == 0, err
    assert "District Total" in err and "set aside" in err
    results = {r["school"]: r for r in json.loads(out)["results"]}
    assert set(results) == {"Big School", "Small School"}      # the total row is no school
    small = results["Small School"]
    black = {g["key"]: g for g in small["groups"]}[BLACK]
    # Small School's 20 other students are under the n-size: the district total's other students, 36 of 420
    # suspended (8.57%), against Black 12 of 40 (30%): 3.5.
    assert small["alternate_comparison"] == "District Total"
    assert (black["kind"], black["risk"], black["comparison_risk"], black["risk_ratio"]) == (
        "alternate risk ratio", 30.0, 8.57, 3.5)
    code, out, err = run(tmp_path, csv_bytes(TOTALLED), "risk", "--outcome", "Suspended", "--by", "race",
                         "--where", "school=Small School")
    assert code == 0, err
    assert "alternate ratios against the other students in the published total 'District Total'" in out


def test_gaps_by_income_on_a_state_report_card(tmp_path):
    code, out, err = run(tmp_path, csv_bytes(REPORT_CARD_GROUPS), "gaps", "--outcome", "Number Proficient",
                         "--by", "low_income", "--format", "json")
    assert code == 0, err
    # tests/count_files.py: disadvantaged 60 of 180, not 80 of 120; all students 140 of 300 (All Students rows).
    result = json.loads(out)
    assert result["all_students"] == {"n": 300, "value": round(14000 / 300, 2)}
    found = {k: (g["n"], g["value"], g["gap"]) for k, g in groups(out).items()}
    assert found == {True: (180, 33.33, round(6000 / 180 - 14000 / 300, 2)),
                     False: (120, 66.67, round(8000 / 120 - 14000 / 300, 2))}
    assert "'Student Group' lists groups of several kinds" in err and "Migrant" in err


def test_a_total_smaller_than_its_schools_is_said_to_be_suspect(tmp_path):
    rows = [row if row[:2] != ["District Total", "White"] else ["District Total", "White", "150", "30"]
            for row in TOTALLED]
    code, out, err = run(tmp_path, csv_bytes(rows), "risk", "--outcome", "Suspended", "--by", "race",
                         "--format", "json")
    assert code == 0, err
    # White: the two schools hold 20 + 200 = 220 students, the district total 150.
    assert "The total row 'District Total' has fewer students than the schools in the file together in 1 " \
           "groups (White: 150 < 220)" in err
