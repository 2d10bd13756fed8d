"""`python -m equity warning` as a user types it, on the class of tests/warning_files.py (figures by hand there)."""

import json
import subprocess
from pathlib import Path

import pytest

from tests import command
from tests.files import csv_bytes
from tests.warning_files import ROWS


@pytest.fixture(scope="module")
def class_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("warning") / "my class.csv"
    path.write_bytes(csv_bytes(ROWS))
    return path


def typed(*args) -> subprocess.CompletedProcess:
    return command.typed("warning", *args)


def _json(*args) -> dict:
    done = typed(*args, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_summary_as_json_hides_small_groups(class_file):
    out = _json(class_file, "--by", "race", "--min-n", "5")
    assert (out["term"], out["area"], out["by"], out["min_n"]) == ("2024-25", "any", "race", 5)
    assert out["all_students"] == {"n": 32, "value": 25.0}                          # 8 of 32
    groups = {g["key"]: g for g in out["groups"]}
    assert (groups["Hispanic/Latino"]["n"], groups["Hispanic/Latino"]["value"]) == (12, 41.67)   # 5 of 12
    assert (groups["White"]["n"], groups["White"]["value"]) == (10, 20.0)                       # 2 of 10
    for key in ("Asian", "Black or African American"):       # 2 students; 8, the next smallest
        assert groups[key]["suppressed"] is True and groups[key]["why"]
        assert [groups[key][f] for f in ("n", "value", "gap", "ci")] == [None] * 4
    assert [i["flag"] for i in out["indicators"]] == ["< 90", "= yes", ">= 2", "< 65"]
    assert "H01" not in json.dumps(out)                       # no student row on the command line


def test_thresholds_area_where_and_term(class_file):
    out = _json(class_file, "--by", "race", "--min-n", "1", "--area", "behaviour", "--set", "Discipline Incidents=1")
    groups = {g["key"]: g for g in out["groups"]}
    # behaviour at 1+ incident or a suspension: H03, H04, H05, H08 and A01
    assert groups["Hispanic/Latino"]["value"] == pytest.approx(100 * 4 / 12, abs=0.01)
    assert groups["Asian"]["value"] == 50.0 and groups["White"]["value"] == 0.0
    assert out["all_students"]["value"] == pytest.approx(100 * 5 / 32, abs=0.01)
    white = _json(class_file, "--by", "low_income", "--where", "race=White")
    assert white["all_students"] == {"n": 10, "value": 20.0}
    earlier = _json(class_file, "--term", "2023-24", "--min-n", "1")
    assert earlier["term"] == "2023-24" and earlier["all_students"] == {"n": 12, "value": 0.0}
    table = typed(class_file, "--set", "attendance=95")
    assert table.returncode == 0 and "Attendance rate (% of days enrolled) < 95" in table.stderr


@pytest.mark.parametrize(("args", "says"), [
    (("--term", "1999-00"), "--term 1999-00: no such term"),
    (("--set", "Score=3"), "no indicator of that name"),
    (("--set", "Suspended=2"), "no threshold to set"),
    (("--set", "Final Grade %=low"), "must be a number"),
])
def test_errors_say_what_to_do(class_file, args, says):
    done = typed(class_file, *args)
    assert done.returncode == 2 and says in done.stderr and not done.stdout


def test_a_file_without_indicators(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_bytes(csv_bytes([["Student ID", "Race", "Score"], *[[str(i), "White", str(i)] for i in range(20)]]))
    done = typed(path)
    assert done.returncode == 2 and "no attendance, behaviour or course-performance column" in done.stderr


def test_a_public_file_flags_students_with_a_course_failed(shared_data):
    """The UCI student-mat file (Portuguese schools; `failures`: past class failures): the command finds the
    indicator from its header and flags a student with one failure or more. Counted from the file by hand
    (pandas, failures >= 1): 40 of 208 girls, 43 of 187 boys, 83 of 395 students."""
    out = _json(shared_data / "uci_student_mat_messy" / "student-mat.csv", "--by", "gender")
    assert out["all_students"] == {"n": 395, "value": 21.01}                        # 83 of 395
    groups = {g["key"]: g for g in out["groups"]}
    assert (groups["Female"]["n"], groups["Female"]["value"]) == (208, 19.23)       # 40 of 208
    assert (groups["Male"]["n"], groups["Male"]["value"]) == (187, 22.99)           # 43 of 187
