"""The command line's contract (DESIGN.md): JSON shape, figures, errors as one line and a non-zero exit."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from equity.app.cli import main
from tests.files import csv_bytes, encrypted_xlsx_bytes, pdf_like_bytes, xlsx_bytes

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _gradebook_rows():
    """A teacher's export: 2 title rows, cp1252 names, F/R/P lunch, Y/N ELL, one excused grade."""
    rows = [["Period 3 - Grade 7 ELA"], ["Final grades 2024-25"],
            ["Student Name", "Student #", "Ethnicity", "Lunch", "ELL", "Final %"]]
    # Hispanic 12 students: 5 at or above 70; White 10: 8; Black 3: 2 (small); one excused White grade.
    plan = [("Hispanic or Latino", 12, 5), ("White", 10, 8), ("Black/African American", 3, 2)]
    i = 0
    for race, n, meet in plan:
        for k in range(n):
            rows.append([f"Núñez, Ana {i}", f"{i:05d}", race, "F" if k % 2 else "P", "Y" if k < 4 else "N",
                         "85" if k < meet else "55"])
            i += 1
    rows.append(["Zoë, Last", "99999", "White", "R", "N", "EX"])
    return rows


@pytest.fixture
def gradebook(tmp_path) -> Path:
    path = tmp_path / "gradebook.csv"
    path.write_bytes(csv_bytes(_gradebook_rows(), encoding="cp1252", delimiter=";"))
    return path


def test_json_shape_and_figures_by_hand(capsys, gradebook):
    code, out, err = run(capsys, "gaps", gradebook, "--outcome", "Final %", "--threshold", "70", "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    assert set(result) == {"outcome", "rule", "by", "compare", "min_n", "all_students", "groups"}
    assert (result["outcome"], result["rule"], result["by"], result["compare"], result["min_n"]) == \
        ("Final %", ">= 70", "race", "all", 10)
    # 25 graded students (the excused one is left out), 15 at or above 70 → 60%.
    assert result["all_students"] == {"n": 25, "value": 60.0}
    groups = {g["key"]: g for g in result["groups"]}
    hispanic = groups["Hispanic/Latino"]
    assert set(hispanic) == {"key", "label", "n", "value", "gap", "ci", "suppressed"}
    assert (hispanic["n"], hispanic["value"], hispanic["gap"]) == (12, 41.67, -18.33)
    # Wilson 5/12 by hand: centre (0.41667 + 0.16006)/1.32013 = 0.43687,
    # half-width 1.96 × sqrt(0.020255 + 0.006669)/1.32013 = 0.24362 → 19.3% to 68.0%.
    assert hispanic["ci"] == [19.3, 68.0]
    # Black (3) is below 10; it is the only small group, so the next smallest (White, 10 graded) goes too.
    for hidden in (groups["Black or African American"], groups["White"]):
        assert hidden["suppressed"] and hidden["value"] is None and hidden["gap"] is None and hidden["ci"] is None
    # Their sizes are as private as their values: null, with the reason in words.
    assert (groups["Black or African American"]["n"], groups["White"]["n"]) == (None, None)
    assert groups["Black or African American"]["why"] == "Hidden: fewer than 10 students."
    assert groups["White"]["why"] == "Hidden so that a smaller hidden group cannot be worked out from the total."
    assert "why" not in hispanic


def test_nothing_hidden_when_min_n_allows(capsys, gradebook):
    code, out, _ = run(capsys, "gaps", gradebook, "--outcome", "Final %", "--threshold", "70", "--min-n", "3",
                       "--format", "json")
    groups = {g["key"]: g for g in json.loads(out)["groups"]}
    assert not any(g["suppressed"] for g in groups.values())
    assert groups["White"]["value"] == 80.0 and groups["White"]["gap"] == 20.0
    assert groups["Black or African American"]["value"] == 66.67


def test_flags_have_boolean_keys(capsys, gradebook):
    code, out, _ = run(capsys, "gaps", gradebook, "--outcome", "Final %", "--threshold", "70",
                       "--by", "low_income", "--compare", "others", "--min-n", "5", "--format", "json")
    result = json.loads(out)
    keys = {g["key"]: g for g in result["groups"]}
    assert set(keys) == {True, False}
    assert keys[True]["label"] == "Low income"
    # F or R (odd k, plus the excused R): 12 students with a grade → 6 F in Hispanic + 5 in White + 1 Black.
    assert keys[True]["n"] + keys[False]["n"] == 25


def test_table_and_csv_formats(capsys, gradebook):
    code, out, _ = run(capsys, "gaps", gradebook, "--outcome", "Final %", "--threshold", "70", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("group,n,value,gap")
    code, out, _ = run(capsys, "gaps", gradebook, "--outcome", "Final %", "--threshold", "70")
    assert code == 0 and "largest gap" in out and "Hispanic/Latino" in out


def test_instructions_sheet_and_title_rows_in_xlsx(capsys, tmp_path):
    path = tmp_path / "export.xlsx"
    path.write_bytes(xlsx_bytes({"Instructions": [["Read me first"], ["Do not edit"]],
                                 "Data": _gradebook_rows()}))
    code, out, err = run(capsys, "gaps", path, "--outcome", "Final %", "--threshold", "70", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["all_students"] == {"n": 25, "value": 60.0}


@pytest.mark.parametrize(("content", "name", "words"), [
    (b"", "empty.csv", "empty"),
    (b"Student ID,Final %\n", "header.csv", "no data rows"),
    (None, "report.xlsx", "not a spreadsheet"),
    ("encrypted", "locked.xlsx", "password"),
])
def test_bad_files_give_one_line_and_exit_2(capsys, tmp_path, content, name, words):
    data = {None: pdf_like_bytes(), "encrypted": encrypted_xlsx_bytes({"S": [["a", "b"], [1, 2]]})}.get(
        content, content)
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = run(capsys, "gaps", path, "--outcome", "Final %")
    assert code == 2 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1 and words in err.lower()


@pytest.mark.parametrize(("rows", "outcome", "words"), [
    ([["Student ID", "Race", "Final %"], ["1", "White", ""], ["2", "Black", ""]], "Final %", "has no values"),
    ([["Student ID", "Race", "Final %"], ["1", "White", "NA"], ["2", "Black", "N/A"], ["3", "Asian", ""]],
     "Final %", "every row is blank or a missing-value mark"),
    ([["Student ID", "Race", "Comment"], ["1", "White", "Great work"], ["2", "Black", "Needs help"],
      ["3", "Asian", "Late twice"]], "Comment", "comments"),
    ([["Student ID", "Race", "Final %"], ["1", "White", "90"]], "Missing %", "no column 'missing %'"),
])
def test_unusable_outcomes(capsys, tmp_path, rows, outcome, words):
    path = tmp_path / "x.csv"
    path.write_bytes(csv_bytes(rows))
    code, _, err = run(capsys, "gaps", path, "--outcome", outcome)
    assert code == 2 and words in err.lower() and err.count("\n") == 1


def test_text_outcome_with_threshold_is_refused(capsys, tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(csv_bytes([["Student ID", "Grade Letter"], ["1", "A"], ["2", "B"], ["3", "C"]]))
    code, _, err = run(capsys, "gaps", path, "--outcome", "Grade Letter", "--threshold", "70")
    assert code == 2 and "not numbers" in err


def test_map_override(capsys, tmp_path):
    rows = [["ID", "Status", "Score"], *[[str(i), "Free" if i % 2 else "Paid", str(50 + i)] for i in range(40)]]
    path = tmp_path / "x.csv"
    path.write_bytes(csv_bytes(rows))
    code, out, err = run(capsys, "gaps", path, "--outcome", "Score", "--by", "low_income",
                         "--map", "low_income=Status", "--format", "json")
    assert code == 0, err
    groups = {g["key"]: g for g in json.loads(out)["groups"]}
    assert groups[True]["n"] == 20 and groups[True]["value"] == pytest.approx(sum(50 + i for i in range(1, 40, 2)) / 20)
    code, _, err = run(capsys, "gaps", path, "--outcome", "Score", "--map", "nonsense=Status")
    assert code == 2 and "ROLE=HEADER" in err


def test_module_entry_point(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(csv_bytes([["Student ID", "Final %"], *[[str(i), str(60 + i)] for i in range(20)]]))
    done = subprocess.run([sys.executable, "-m", "equity", "gaps", str(path), "--outcome", "Final %",
                           "--format", "json"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["rule"] == "mean" and result["all_students"]["value"] == pytest.approx(69.5)


# Public files with figures their authors published (skipped where ../shared/data is absent).

def test_kaggle_means_by_lunch(capsys, shared_data):
    path = shared_data / "students_performance_kaggle" / "StudentsPerformance.csv"
    code, out, err = run(capsys, "gaps", path, "--outcome", "math score", "--by", "low_income", "--format", "json")
    assert code == 0, err
    groups = {g["key"]: g for g in json.loads(out)["groups"]}
    assert groups[True]["value"] == pytest.approx(58.92113, abs=0.005)     # free/reduced, published
    assert groups[False]["value"] == pytest.approx(70.03411, abs=0.005)    # standard, published
    assert groups[True]["n"] == 355 and groups[False]["n"] == 645


def test_kaggle_means_by_gender(capsys, shared_data):
    path = shared_data / "students_performance_kaggle" / "StudentsPerformance.csv"
    code, out, _ = run(capsys, "gaps", path, "--outcome", "math score", "--by", "gender", "--format", "json")
    groups = {g["key"]: g for g in json.loads(out)["groups"]}
    assert groups["Female"]["value"] == pytest.approx(63.633205, abs=0.005)
    assert groups["Male"]["value"] == pytest.approx(68.728216, abs=0.005)


def test_uci_pass_rate_by_sex(capsys, shared_data):
    path = shared_data / "uci_student_mat_messy" / "student-mat.csv"
    code, out, err = run(capsys, "gaps", path, "--outcome", "G3", "--threshold", "10", "--by", "gender",
                         "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    # 265 of 395 pass (G3 >= 10): 67.09%; F 133/208 = 63.94%, M 132/187 = 70.59%.
    assert result["all_students"] == {"n": 395, "value": 67.09}
    groups = {g["key"]: g for g in result["groups"]}
    assert (groups["Female"]["value"], groups["Male"]["value"]) == (63.94, 70.59)


# The report command: the same options as gaps, one file out.

def test_report_pdf_holds_the_gaps_figures_and_hides_small_groups(capsys, gradebook, tmp_path):
    from pypdf import PdfReader

    out_file = tmp_path / "term.pdf"
    code, out, err = run(capsys, "report", gradebook, "--outcome", "Final %", "--threshold", "70", "--by", "race",
                         "--by", "english_learner", "--title", "Period 3", "--out", out_file)
    assert code == 0, err
    assert str(out_file) in out and "2 sections" in out
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out_file).pages).split())
    assert "Period 3" in text and "Hispanic/Latino 12 41.7% -18.3" in text
    # Black (3 students) is small, White (10) hidden to protect it: no figure, no exact size.
    assert "Black or African American <10 — — —" in text and "White — — — —" in text
    assert "English learners" in text and "Núñez" not in text and "00001" not in text


def test_report_slides_in_spanish(capsys, gradebook, tmp_path):
    from pptx import Presentation

    out_file = tmp_path / "term.pptx"
    code, _, err = run(capsys, "report", gradebook, "--outcome", "Final %", "--threshold", "70", "--min-n", "3",
                       "--cross", "race,english_learner", "--lang", "es", "--out", out_file)
    assert code == 0, err
    deck = Presentation(out_file)
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles[0] == "Resultados estudiantiles por grupo"
    assert any(title.startswith("Final % (>= 70) por raza/etnia") for title in titles)
    assert any(title.endswith("raza/etnia × condición de aprendiz de inglés") for title in titles)
    notes = [s.notes_slide.notes_text_frame.text for s in deck.slides]
    assert any(n.startswith("Todos los estudiantes: 60,0\u00a0% en Final % (>= 70)") for n in notes)


def test_report_html_and_gaps_json_agree(capsys, gradebook, tmp_path):
    code, out, _ = run(capsys, "gaps", gradebook, "--outcome", "Final %", "--threshold", "70", "--by", "low_income",
                       "--min-n", "5", "--format", "json")
    groups = json.loads(out)["groups"]
    out_file = tmp_path / "term.html"
    code, _, err = run(capsys, "report", gradebook, "--outcome", "Final %", "--threshold", "70", "--by",
                       "low_income", "--min-n", "5", "--out", out_file)
    assert code == 0, err
    page = out_file.read_text(encoding="utf-8")
    for g in groups:
        assert f'<th scope="row">{g["label"]}</th><td>{g["n"]}</td><td>{g["value"]:.1f}%</td>' in page


@pytest.mark.parametrize(("args", "words"), [
    (["--out", "term.docx"], "--out must end in .html, .pdf or .pptx"),
    (["--out", "term.pdf", "--cross", "race"], "--cross needs two different dimensions"),
    (["--out", "term.pdf", "--outcome", "Nope"], "no column 'Nope'"),
])
def test_report_errors_are_one_line(capsys, gradebook, tmp_path, args, words):
    options = ["--outcome", "Final %", *args] if "--outcome" not in args else args
    options = [str(tmp_path / a) if a.startswith("term.") else a for a in options]
    code, out, err = run(capsys, "report", gradebook, *options)
    assert code == 2 and out == "" and err.startswith("error: ") and err.count("\n") == 1 and words in err


def test_flag_ppg_adds_the_gap_against_all_students_and_its_margin(capsys, gradebook):
    code, out, err = run(capsys, "gaps", gradebook, "--outcome", "Final %", "--threshold", "70", "--min-n", "3",
                         "--flag", "ppg", "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    assert result["flag"] == "ppg"
    groups = {g["key"]: g for g in result["groups"]}
    # All 25 graded students: 15 at or above 70 = 60%.
    # Hispanic 5/12 = 41.667% − 60% = −18.3333 points; margin 1.96 × √(0.25/12) = 1.96 × 0.144338 = 28.2902 points:
    # inside it, so not flagged (against the other 13 students' 10/13 = 76.9% it would have been −35.3, flagged).
    assert (groups["Hispanic/Latino"]["ppg_gap"], groups["Hispanic/Latino"]["margin"]) == (-18.3333, 28.2902)
    assert groups["Hispanic/Latino"]["flagged"] is False
    # White 8/10 = 80% − 60% = +20.0, margin 1.96 × √(0.025) = 1.96 × 0.158114 = 30.9903; above, not flagged.
    assert (groups["White"]["ppg_gap"], groups["White"]["margin"], groups["White"]["flagged"]) == \
        (20.0, 30.9903, False)
    # Black 2/3 = 66.667% − 60% = +6.6667, margin 1.96 × √(0.25/3) = 1.96 × 0.288675 = 56.5803.
    assert (groups["Black or African American"]["ppg_gap"], groups["Black or African American"]["margin"]) == \
        (6.6667, 56.5803)
    code, out, _ = run(capsys, "gaps", gradebook, "--outcome", "Final %", "--threshold", "70", "--min-n", "3",
                       "--flag", "ppg", "--format", "csv")
    lines = out.splitlines()
    assert lines[0] == "group,n,value,gap,ci_low,ci_high,distinguishable,suppressed,ppg_gap,margin,flagged,why"
    assert lines[1].endswith(",-18.3333,28.2902,False,")          # Hispanic, as above


def test_flag_pi_as_csv(capsys, gradebook):
    code, out, _ = run(capsys, "gaps", gradebook, "--outcome", "Final %", "--threshold", "70", "--min-n", "3",
                       "--flag", "pi", "--format", "csv")
    lines = out.splitlines()
    assert lines[0] == ("group,n,value,gap,ci_low,ci_high,distinguishable,suppressed,proportionality_index,flagged,"
                        "why")
    # Hispanic: 5 of the 15 meeting (33.3%) and 12 of the 25 graded (48%) → 0.6944, flagged.
    assert lines[1].endswith(",0.6944,True,")
    # White: (8/15) / (10/25) = 1.3333.
    assert lines[3].startswith("White,") and lines[3].endswith(",1.3333,False,")


def test_flag_80_never_gives_a_hidden_group_an_index(capsys, gradebook):
    code, out, _ = run(capsys, "gaps", gradebook, "--outcome", "Final %", "--threshold", "70", "--flag", "80")
    assert code == 0
    lines = out.splitlines()
    assert lines[1].split() == ["group", "n", "value", "gap", "ci_low", "ci_high", "distinguishable", "suppressed",
                                "index_80", "flagged"]
    # Black (3) and White (10) are hidden; Hispanic is the only shown group, so it is the highest: 1.0.
    assert lines[2].split()[-2:] == ["1.0000", "False"]
    assert lines[3].split()[-1] == "True" and lines[4].split()[-1] == "True"   # hidden: suppressed, no index
    assert out.rstrip().endswith("(Hispanic/Latino, 41.7%).")


def test_default_output_is_unchanged_by_the_flag_option(capsys, gradebook):
    base = ["gaps", gradebook, "--outcome", "Final %", "--threshold", "70"]
    for fmt in ("table", "csv", "json"):
        _, default, _ = run(capsys, *base, "--format", fmt)
        _, newcombe, _ = run(capsys, *base, "--format", fmt, "--flag", "newcombe")
        assert default == newcombe
    assert "flag" not in json.loads(default)


def test_flag_other_than_newcombe_on_an_average_is_refused(capsys, gradebook):
    code, out, err = run(capsys, "gaps", gradebook, "--outcome", "Final %", "--flag", "pi")
    assert code == 2 and out == ""
    assert err.startswith("error: --flag pi needs a share of students") and len(err.strip().splitlines()) == 1


def test_report_flags_gaps_as_asked(capsys, gradebook, tmp_path):
    """The report takes --flag too: Hispanic's proportionality index (5/15) / (12/25) = 0.69 is in the table."""
    out_file = tmp_path / "term.html"
    code, _, err = run(capsys, "report", gradebook, "--outcome", "Final %", "--threshold", "70", "--min-n", "3",
                       "--flag", "pi", "--out", out_file)
    assert code == 0, err
    page = out_file.read_text(encoding="utf-8")
    assert "Proportionality index" in page and "<td>0.69</td>" in page and "Gap beyond chance" not in page
    code, out, err = run(capsys, "report", gradebook, "--outcome", "Final %", "--flag", "80", "--out", out_file)
    assert code == 2 and out == "" and err.startswith("error: --flag 80 needs a share of students")


@pytest.fixture
def coded_file(tmp_path) -> Path:
    """White 100 (97 at or above 70), Black 60 (2), Asian 100 (95), Hispanic 40 (20): 300 students, 214 meet."""
    rows = [["Student ID", "Race", "Score"]]
    for race, n, meet in (("White", 100, 97), ("Black", 60, 2), ("Asian", 100, 95), ("Hispanic", 40, 20)):
        rows += [[f"S{len(rows):04d}", race, "80" if k < meet else "50"] for k in range(n)]
    path = tmp_path / "coded.csv"
    path.write_bytes(csv_bytes(rows))
    return path


def test_top_bottom_code_is_off_unless_asked(capsys, coded_file):
    args = ("gaps", coded_file, "--outcome", "Score", "--threshold", "70")
    code, out, _ = run(capsys, *args, "--format", "json")
    groups = {g["key"]: g for g in json.loads(out)["groups"]}
    assert code == 0 and "coded" not in groups["White"] and groups["White"]["value"] == 97.0
    _, table, _ = run(capsys, *args)
    assert table.splitlines()[1].split() == ["group", "n", "value", "gap", "ci_low", "ci_high", "distinguishable",
                                             "suppressed"]


def test_top_bottom_code_in_json_and_csv(capsys, coded_file):
    args = ("gaps", coded_file, "--outcome", "Score", "--threshold", "70", "--top-bottom-code")
    code, out, err = run(capsys, *args, "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    assert result["all_students"] == {"n": 300, "value": 71.33}          # 214 / 300
    groups = {g["key"]: g for g in result["groups"]}
    white, black, asian = groups["White"], groups["Black or African American"], groups["Asian"]
    assert white["coded"] == "≥ 95%" and black["coded"] == "≤ 5%" and asian["coded"] is None
    for g in (white, black):
        assert (g["value"], g["gap"], g["ci"], g["suppressed"]) == (None, None, None, False)
    assert (asian["value"], asian["gap"]) == (95.0, 23.67)           # exactly 95% stays exact
    _, out, _ = run(capsys, *args, "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][6:9] == ["distinguishable", "suppressed", "coded"]
    white_row = next(r for r in rows if r[0] == "White")
    assert white_row[1:6] == ["100", "", "", "", ""] and white_row[8] == "≥ 95%"
    assert "97" not in "".join(white_row[2:]) and "3.33" not in out


def test_report_command_codes_too(capsys, coded_file, tmp_path):
    out = tmp_path / "r.html"
    code, _, err = run(capsys, "report", coded_file, "--outcome", "Score", "--threshold", "70", "--out", out,
                       "--top-bottom-code")
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    assert "≥ 95%" in page and "≤ 5%" in page and "97.0%" not in page and "3.3%" not in page


def _district_rows():
    """Two terms. Black students: 12 in 2024-25, 10 of them low income; White: 40 (20 low income) and Asian: 30
    (all low income) in 2024-25; 2023-24 has 35 White students only. Scores 50 + k % 40; suspended every 4th."""
    rows = [["Student ID", "Race", "FRL", "Term", "Score", "Suspended"]]
    plan = [("Black", "2024-25", 12, lambda k: k >= 2), ("White", "2024-25", 40, lambda k: k % 2 == 0),
            ("Asian", "2024-25", 30, lambda k: True), ("White", "2023-24", 35, lambda k: k % 2 == 0)]
    for race, term, n, low in plan:
        for k in range(n):
            rows.append([f"{race[0]}{term[:4]}{k:03d}", race, "Y" if low(k) else "N", term, str(50 + k % 40),
                         "Y" if k % 4 == 0 else "N"])
    return rows


@pytest.fixture
def district(tmp_path) -> Path:
    path = tmp_path / "district.csv"
    path.write_bytes(csv_bytes(_district_rows()))
    return path


def test_where_hides_a_group_that_subtraction_would_give_away(capsys, district):
    code, out, err = run(capsys, "gaps", district, "--outcome", "Score", "--threshold", "70",
                         "--where", "low_income=true", "--where", "term=2024-25", "--format", "json")
    assert code == 0, err
    groups = {g["key"]: g for g in json.loads(out)["groups"]}
    # Black: 12 in 2024-25, 10 of them low income: the 2 others would be the difference, so hidden, size too.
    black = groups["Black or African American"]
    assert black["suppressed"] and (black["n"], black["value"], black["gap"], black["ci"]) == (None,) * 4
    assert black["why"] == "Hidden so that it cannot be worked out by comparing with the unfiltered view."
    # Asian: 30 low income of 30, in 2024-25 and in every term: nothing to subtract, but all terms' low-income
    # students by race hide these same 30 beside Black's 10 (all low income minus White's 38 minus Asian's 30
    # would give the 10), so they are hidden here too.
    same = "Hidden so that it cannot be worked out from another view of the same students."
    assert groups["Asian"]["n"] is None and groups["Asian"]["why"] == same
    # White: 20 of 40 in 2024-25; low-income White students (38 in all terms) are hidden beside the 37 who are not,
    # whom the 2 Black students who are not low income hide; these 20 are the smallest shown group left.
    assert groups["White"]["n"] is None and groups["White"]["why"] == same


def test_where_as_csv_leaves_hidden_sizes_blank(capsys, district):
    code, out, _ = run(capsys, "gaps", district, "--outcome", "Score", "--threshold", "70",
                       "--where", "low_income=true", "--format", "csv")
    rows = {r["group"]: r for r in csv.DictReader(io.StringIO(out))}
    assert code == 0 and rows["Black or African American"]["n"] == ""
    assert rows["Black or African American"]["why"].startswith("Hidden so that it cannot be worked out")
    # All terms: Asian (30) protects Black here; White's 38 are hidden in White students by income, beside the 37
    # who are not low income (whom the 2 Black students who are not low income hide): no size printed.
    assert rows["White"]["n"] == "" and "another view of the same students" in rows["White"]["why"]
    assert rows["Asian"]["n"] == "" and rows["Asian"]["why"].startswith("Hidden so that")


def test_without_where_a_group_hidden_in_another_view_of_the_same_students_stays_hidden(capsys, district):
    code, out, _ = run(capsys, "gaps", district, "--outcome", "Score", "--threshold", "70", "--format", "json")
    groups = {g["key"]: g for g in json.loads(out)["groups"]}
    # Asian students (30) are all low income: hidden beside Black's 10 among low-income students (above), so
    # hidden here; Black students (12, all in 2024-25) are then the smallest shown beside them in 2024-25.
    assert code == 0 and groups["White"]["n"] == 75
    assert groups["Asian"]["n"] is None and groups["Black or African American"]["n"] is None


def test_risk_where_hides_sizes_too(capsys, district):
    code, out, err = run(capsys, "risk", district, "--outcome", "Suspended", "--by", "race",
                         "--where", "low_income=true", "--n-size", "10", "--cell-size", "1", "--format", "json")
    assert code == 0, err
    groups = {g["key"]: g for g in json.loads(out)["groups"]}
    black = groups["Black or African American"]
    assert black["kind"] == "hidden" and (black["n"], black["count"], black["risk"], black["risk_ratio"]) == \
        (None, None, None, None)
    assert black["why"] == "Hidden so that it cannot be worked out by comparing with the unfiltered view."


@pytest.mark.parametrize("where,words", [("color=red", "DIMENSION one of race"), ("race=Martian", "no value"),
                                         ("low_income", "DIMENSION=VALUE")])
def test_a_bad_where_is_one_line(capsys, district, where, words):
    code, out, err = run(capsys, "gaps", district, "--outcome", "Score", "--threshold", "70", "--where", where)
    assert code == 2 and out == "" and words in err and len(err.strip().splitlines()) == 1


def test_a_dimension_the_file_lacks_is_said_on_stderr(capsys, tmp_path):
    path = tmp_path / "class.csv"
    path.write_bytes(csv_bytes([["Student ID", "Sex", "Final %"], *[[str(i), "FM"[i % 2], str(60 + i)]
                                                                   for i in range(20)]]))
    code, out, err = run(capsys, "gaps", path, "--outcome", "Final %", "--threshold", "70", "--format", "json")
    assert code == 0 and json.loads(out)["groups"][0]["key"] == "Not reported"
    assert err == ("note: the file has no column for race (every student is Not reported); map one with "
                   "--map race_ethnicity=HEADER. Dimensions it has: gender.\n")
    code, _, err = run(capsys, "gaps", path, "--outcome", "Final %", "--threshold", "70", "--by", "gender")
    assert code == 0 and err == ""


def test_chronic_absence_by_the_federal_rule(tmp_path, capsys):
    # 12 students with 9 days enrolled (left out), 18 with 10 days missing 1 (10%: chronic), 12 with 11 missing
    # 1 (9.1%: not).
    rows = [["Student ID", "Race", "Days Enrolled", "Days Absent"]]
    rows += [[f"{i:03d}", ("White", "Asian")[i % 2], str(9 + i % 3), "1"] for i in range(36)]
    rows += [[f"{i:03d}", "White", "10", "1"] for i in range(36, 42)]
    path = tmp_path / "attendance.csv"
    path.write_bytes(csv_bytes(rows))
    code, out, err = run(capsys, "gaps", path, "--outcome", "chronically_absent", "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    assert result["all_students"] == {"n": 30, "value": pytest.approx(18 / 30 * 100)}
    assert "at least 10 days enrolled" in err and "12 students with fewer than 10 days enrolled are left out" in err
    code, out, err = run(capsys, "gaps", path, "--outcome", "chronically_absent", "--min-days", "9", "--format",
                         "json")
    assert json.loads(out)["all_students"] == {"n": 42, "value": pytest.approx(30 / 42 * 100, abs=0.005)}
    assert "No student has fewer than 9 days enrolled." in err
    path.write_bytes(csv_bytes([["Student ID", "Days Absent"], ["1", "3"]]))
    code, _, err = run(capsys, "gaps", path, "--outcome", "chronically_absent")
    assert code == 2 and "--map days_enrolled=HEADER" in err
