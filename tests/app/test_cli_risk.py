"""`python -m equity risk`: IDEA risk ratios as the contract in DESIGN.md prints them, worked out by hand."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.files import csv_bytes

ROOT = Path(__file__).resolve().parents[2]


def district(plan: list[tuple[str, int, int]]) -> bytes:
    """One row per student: (race, students, of whom suspended)."""
    rows, i = [["Student ID", "Race/Ethnicity", "Suspended"]], 0
    for race, n, suspended in plan:
        for k in range(n):
            rows.append([f"{i:05d}", race, "Y" if k < suspended else "N"])
            i += 1
    return csv_bytes(rows)


# Black 15 of 50 suspended (30%), White 12 of 60 (20%), Asian 1 of 5 and Hispanic 0 of 5 (both under 10).
PLAN = [("Black", 50, 15), ("White", 60, 12), ("Asian", 5, 1), ("Hispanic", 5, 0)]


def risk(tmp_path, plan, *options) -> tuple[int, str, str]:
    path = tmp_path / "district.csv"
    path.write_bytes(district(plan))
    done = subprocess.run([sys.executable, "-m", "equity", "risk", str(path), "--outcome", "Suspended",
                           "--by", "race", *options], capture_output=True, text=True, cwd=ROOT, timeout=120)
    return done.returncode, done.stdout, done.stderr


def by_label(out: str) -> dict[str, dict]:
    return {g["label"]: g for g in json.loads(out)["groups"]}


def test_risk_ratios_against_all_other_students(tmp_path):
    code, out, _ = risk(tmp_path, PLAN, "--format", "json")
    assert code == 0
    result = json.loads(out)
    assert {k: result[k] for k in ("outcome", "by", "compare", "cell_size", "n_size", "flag_above")} == {
        "outcome": "Suspended", "by": "race", "compare": "others", "cell_size": 10, "n_size": 30, "flag_above": 3.0}
    groups = by_label(out)
    black = groups["Black or African American"]
    # Others: 60 + 5 + 5 = 70 students, 12 + 1 + 0 = 13 suspended -> 18.571%; 30 / 18.571 = 1.615.
    assert black == {"key": "Black or African American", "label": "Black or African American", "n": 50, "count": 15,
                     "risk": 30.0, "comparison_risk": 18.57, "risk_ratio": 1.62, "kind": "risk ratio",
                     "flagged": False}
    # White against 60 others with 16 suspended: 20 / 26.667 = 0.75.
    assert (groups["White"]["comparison_risk"], groups["White"]["risk_ratio"]) == (26.67, 0.75)


def test_small_groups_are_hidden_with_no_size(tmp_path):
    _, out, _ = risk(tmp_path, PLAN, "--format", "json")
    for label in ("Asian", "Hispanic/Latino"):
        group = by_label(out)[label]
        assert group["kind"] == "hidden"
        assert [group[k] for k in ("n", "count", "risk", "comparison_risk", "risk_ratio")] == [None] * 5
        assert group["why"]
        assert group["flagged"] is False


def test_flag_above_and_a_chosen_comparison_group(tmp_path):
    _, out, _ = risk(tmp_path, PLAN, "--format", "json", "--flag-above", "1.5")
    assert by_label(out)["Black or African American"]["flagged"] is True
    _, out, _ = risk(tmp_path, PLAN, "--format", "json", "--compare", "White")
    groups = by_label(out)
    assert json.loads(out)["compare"] == "White"
    # Against White students' 20%: 30 / 20 = 1.5, and White against itself 1.0.
    assert (groups["Black or African American"]["comparison_risk"], groups["Black or African American"]["risk_ratio"]
            ) == (20.0, 1.5)
    assert groups["White"]["risk_ratio"] == 1.0


def test_a_hidden_group_is_never_the_comparison(tmp_path):
    """Against a group under the n-size, a ratio would give its risk away: nothing is computable."""
    _, out, _ = risk(tmp_path, PLAN, "--format", "json", "--compare", "Asian")
    black = by_label(out)["Black or African American"]
    assert (black["kind"], black["risk_ratio"], black["comparison_risk"]) == ("not computable", None, None)


def test_zero_comparison_risk_is_not_computable(tmp_path):
    # Only Black students are suspended: the other students' risk is 0, so no ratio, never infinity (a cell size
    # of 0, so that White's count of 0 is printed).
    plan = [("Black", 40, 12), ("White", 40, 0)]
    code, out, _ = risk(tmp_path, plan, "--cell-size", "0", "--format", "json")
    assert code == 0
    black = by_label(out)["Black or African American"]
    assert (black["kind"], black["risk_ratio"], black["risk"]) == ("not computable", None, 30.0)
    # With the cell size of 10, White's 0 is hidden, and Black's 12 with it: all students' 12 minus Black's 12
    # would give White's 0. Count and size unprinted for both.
    _, out, _ = risk(tmp_path, plan, "--format", "json")
    white, black = by_label(out)["White"], by_label(out)["Black or African American"]
    assert (white["kind"], white["n"], white["count"]) == ("hidden", None, None)
    assert (black["kind"], black["count"], black["risk"]) == ("hidden", None, None)
    assert "smaller hidden number of students with the outcome" in black["why"]


def test_csv_and_table(tmp_path):
    _, out, _ = risk(tmp_path, PLAN, "--format", "csv", "--flag-above", "1.5")
    rows = {r["group"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["Black or African American"]["risk_ratio"] == "1.62"
    assert rows["Black or African American"]["flagged"] == "True"
    assert rows["Asian"]["n"] == "" and rows["Asian"]["kind"] == "hidden"
    assert rows["Asian"]["why"] == "Hidden: fewer than 10 students." and rows["White"]["why"] == ""
    _, out, _ = risk(tmp_path, PLAN, "--flag-above", "1.5")
    assert "Flagged (risk ratio above 1.5): Black or African American." in out
    assert "Asian: Hidden: fewer than 10 students." in out



def test_with_nothing_flagged_the_table_says_how_high_the_highest_ratio_is(tmp_path):
    """Black students' 1.62 (worked out above) under the default threshold of 3.0: no bare all-clear."""
    _, out, _ = risk(tmp_path, PLAN)
    assert ("No group is flagged: the highest risk ratio is 1.62 (Black or African American), below the flag "
            "threshold of 3.0.") in out
    _, out, _ = risk(tmp_path, [("Black", 40, 12), ("White", 40, 0)])    # both hidden (see above): no ratio
    assert "no risk ratio could be calculated" in out and "The flag threshold is 3.0." in out


@pytest.mark.parametrize(("options", "message"), [
    (("--compare", "Martian"), "--compare must be 'others' or one of the groups"),
    (("--outcome", "Expelled"), "no column 'Expelled' in the file"),
])
def test_errors_are_one_line(tmp_path, options, message):
    code, out, err = risk(tmp_path, PLAN, *options)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1


def test_an_average_is_refused(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_bytes(csv_bytes([["Race/Ethnicity", "Score"], *[["White", str(50 + k)] for k in range(40)]]))
    done = subprocess.run([sys.executable, "-m", "equity", "risk", str(path), "--outcome", "Score", "--by", "race"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 2
    assert "risk needs a yes/no outcome" in done.stderr
