"""`python -m equity status` as a user types it, on the constructed district of tests/district.py (its figures
worked out in tests/plans/test_accountability.py): each group's status, change, levels and colour per
indicator, hidden groups with null figures and sizes, and the groups identified."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.district import district_csv

ROOT = Path(__file__).resolve().parents[2]


def status(tmp_path, *options) -> tuple[int, str, str]:
    path = tmp_path / "district.csv"
    path.write_bytes(district_csv())
    done = subprocess.run([sys.executable, "-m", "equity", "status", str(path), "--outcome", "Chronic Absent",
                           "--outcome", "Suspended", *options], capture_output=True, text=True, cwd=ROOT, timeout=180)
    return done.returncode, done.stdout, done.stderr


def _cells(out: dict) -> dict[tuple[str, str], dict]:
    return {(g["label"], c["outcome"]): c for g in out["groups"] for c in g["indicators"]}


def test_json_by_hand(tmp_path):
    code, out, err = status(tmp_path, "--format", "json")
    assert code == 0, err
    found = json.loads(out)
    assert (found["min_n"], found["colour_min_n"]) == (10, 30)
    # Both columns' names suggest California's tables, and with them that lower is better.
    assert [(i["outcome"], i["preset"], i["higher_is_better"], i["latest"], i["prior"]) for i in found["indicators"]] \
        == [("Chronic Absent", "chronic_absenteeism", False, "2024-25", "2023-24"),
            ("Suspended", "suspension_unified", False, "2024-25", "2023-24")]
    cells = _cells(found)
    # Students with disabilities: 10/40 = 25.0% chronically absent, up 15 from 4/40: Very high, increased
    # significantly: Red.
    swd = cells[("Students with disabilities", "Chronic Absent")]
    assert (swd["n"], swd["value"], swd["change"], swd["status"], swd["change_level"], swd["colour"]) == \
        (40, 25.0, 15.0, "very_high", "increased_significantly", "red")
    assert swd["needed_to_leave_red"] == 5          # 5 fewer chronically absent: 12.5%, up 2.5, Orange
    # Black students: 4/30 = 13.33% suspended, up 6.67 from 2/30: Red.
    black = cells[("Black or African American", "Suspended")]
    assert (black["n"], black["value"], black["change"], black["colour"]) == (30, 13.33, 6.67, "red")
    # Asian students (8): hidden, every figure and the size null, with why.
    asian = cells[("Asian", "Suspended")]
    assert (asian["n"], asian["value"], asian["change"], asian["status"], asian["colour"], asian["suppressed"]) == \
        (None, None, None, None, None, True)
    assert "hidden" in asian["why"]
    # Two or more races: in 2024-25 only, so a status and no change, no colour.
    multi = cells[("Two or More Races", "Chronic Absent")]
    assert (multi["status"], multi["change"], multi["colour"], multi["suppressed"]) == ("medium", None, None, False)
    assert {g["key"] for g in found["groups"] if g["dimension"] == "special_ed"} == {True}
    assert [(f["label"], f["outcomes"]) for f in found["red_on_two_or_more"]] == [
        ("All students", ["Chronic Absent", "Suspended"]), ("Hispanic/Latino", ["Chronic Absent", "Suspended"]),
        ("Students with disabilities", ["Chronic Absent", "Suspended"])]
    assert [(f["label"], f["outcomes"]) for f in found["lowest"]][-1] == ("Black or African American", ["Suspended"])


def test_table_says_the_identification_in_sentences(tmp_path):
    code, out, _ = status(tmp_path)
    assert code == 0
    assert "Student groups × indicators, 2024-25 against 2023-24" in out
    assert "Red · Very high · Increased significantly" in out
    assert ("Students with disabilities: red on Chronic Absent and Suspended, which identifies the group for "
            "differentiated assistance") in out
    assert "Lowest on Suspended: Black or African American (13.3%, Very high, Red)." in out


def test_csv_and_the_colour_minimum(tmp_path):
    code, out, _ = status(tmp_path, "--format", "csv", "--colour-min-n", "31")
    assert code == 0
    rows = {(r["group"], r["outcome"]): r for r in csv.DictReader(io.StringIO(out))}
    black = rows[("Black or African American", "Suspended")]
    assert (black["n"], black["status"], black["colour"]) == ("30", "very_high", "")
    assert black["why"].startswith("No colour")
    assert rows[("Asian", "Chronic Absent")]["n"] == ""


@pytest.mark.parametrize("preset", ["Suspended=suspension_elementary"])
def test_a_preset_by_name(tmp_path, preset):
    # White students' 1/60 = 1.7% suspended is Medium under the elementary district table (over 1.5 to 3.0),
    # maintained: Yellow (Green under the unified district's).
    code, out, err = status(tmp_path, "--format", "json", "--preset", preset)
    assert code == 0, err
    assert _cells(json.loads(out))[("White", "Suspended")]["colour"] == "yellow"


def test_an_unknown_preset_is_one_line_to_act_on(tmp_path):
    code, out, err = status(tmp_path, "--preset", "Suspended=texas")
    assert code == 2 and out == ""
    assert err.startswith("error: --preset needs COLUMN=PRESET") and "suspension_unified" in err


def test_distance_from_standard_on_the_command_line(tmp_path):
    # Grade 3 ELA 2450 (+18 over 2432) and grade 5 2480 (-22 under 2502): White students average -2; grade 11
    # 2600 (+17 over 2583): Black students 17; all students 13/3.
    from tests.files import csv_bytes
    path = tmp_path / "scores.csv"
    path.write_bytes(csv_bytes([["Student ID", "Grade", "Race", "ELA Scale Score"], ["1", "3", "White", "2450"],
                                ["2", "5", "White", "2480"], ["3", "11", "Black", "2600"]]))
    done = subprocess.run([sys.executable, "-m", "equity", "gaps", str(path), "--outcome",
                           "ELA Scale Score: distance from standard", "--min-n", "1", "--format", "json"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["all_students"]["value"] == pytest.approx(13 / 3, abs=0.01)
    assert {g["label"]: g["value"] for g in found["groups"]} == {"White": -2.0, "Black or African American": 17.0}
