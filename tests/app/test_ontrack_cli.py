"""`python -m equity ontrack` as a user types it, on the cohort of tests/ontrack_files.py (figures by hand there)."""

import json
import subprocess
from pathlib import Path

import pytest

from tests import command
from tests.files import csv_bytes
from tests.ontrack_files import ENTRY, LEFT, ROWS


@pytest.fixture(scope="module")
def cohort_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ontrack") / "cohort.csv"
    path.write_bytes(csv_bytes(ROWS))
    return path


def typed(*args) -> subprocess.CompletedProcess:
    return command.typed("ontrack", *args)


def _group(name: str, on: tuple, off: tuple) -> dict:
    """A shown group's two rows as the JSON writes them: (students with a record, % graduated) each."""
    def row(figures):
        return {"n": figures[0], "graduated": figures[1], "suppressed": False}
    return {"key": name, "label": name, "on_track": row(on), "off_track": row(off)}


def test_on_track_and_graduation_as_json(cohort_file):
    done = typed(cohort_file, "--term", ENTRY, "--min-n", "5", "--format", "json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["term"], out["min_credits"], out["max_failures"]) == (ENTRY, 5.0, 1.0)
    assert out["all_students"] == {"n": 22, "value": 68.18}                         # 15 of 22
    groups = {g["key"]: (g["n"], g["value"]) for g in out["groups"]}
    assert groups == {"Hispanic/Latino": (12, 58.33), "White": (10, 80.0)}         # 7 of 12, 8 of 10
    # 14 of the 15 on-track students graduated, 2 of the 7 off track; by group, White's 2 off track are under 5,
    # its other row would give them, and each column's other row then too
    assert out["graduation"] == {"on_track": {"n": 15, "graduated": 93.33, "suppressed": False},
                                 "off_track": {"n": 7, "graduated": 28.57, "suppressed": False}, "no_record": 0,
                                 "by_group": out["graduation"]["by_group"]}
    rows = [(g["label"], key, g[key]) for g in out["graduation"]["by_group"] for key in ("on_track", "off_track")]
    assert [(group, key, row["n"], row["graduated"], row["suppressed"]) for group, key, row in rows] == [
        (group, key, None, None, True) for group in ("Hispanic/Latino", "White") for key in ("on_track", "off_track")]
    assert rows[3][2]["why"] == "Hidden: fewer than 5 students."
    # n-size 2: Hispanic 6 of 7 on track graduated (all but 107), 1 of 5 off track (108); White 8 of 8, 1 of 2
    out = json.loads(typed(cohort_file, "--term", ENTRY, "--min-n", "2", "--format", "json").stdout)
    assert out["graduation"]["by_group"] == [_group("Hispanic/Latino", (7, 85.71), (5, 20.0)),
                                             _group("White", (8, 100.0), (2, 50.0))]


def test_students_who_left_hide_the_rows_they_would_give_away(tmp_path):
    path = tmp_path / "left.csv"
    path.write_bytes(csv_bytes(LEFT))
    out = json.loads(typed(path, "--term", ENTRY, "--min-n", "5", "--format", "json").stdout)["graduation"]
    for key in ("on_track", "off_track"):
        assert (out[key]["n"], out[key]["graduated"], out[key]["suppressed"]) == (None, None, True)
        assert out[key]["why"]
    assert out["no_record"] is None
    shown = json.loads(typed(path, "--term", ENTRY, "--min-n", "1", "--format", "json").stdout)["graduation"]
    assert shown == {"on_track": {"n": 14, "graduated": 92.86, "suppressed": False},
                     "off_track": {"n": 6, "graduated": 33.33, "suppressed": False}, "no_record": 2,
                     "by_group": [   # 112 (Hispanic, off track) and 208 (White, on track) are not counted
                         _group("Hispanic/Latino", (7, 85.71), (4, 25.0)), _group("White", (7, 100.0), (2, 50.0))]}


def test_a_stricter_rule_and_the_latest_term_by_default(cohort_file):
    done = typed(cohort_file, "--term", ENTRY, "--min-n", "5", "--min-credits", "6", "--max-failures", "0",
                 "--format", "json")
    groups = {g["key"]: g["value"] for g in json.loads(done.stdout)["groups"]}
    assert groups == {"Hispanic/Latino": 50.0, "White": 80.0}                     # 101-106; 201-208
    latest = typed(cohort_file)               # 2024-25: nobody in 9th grade, and no later term to graduate in
    assert latest.returncode == 0 and "9th graders of 2024-25" in latest.stderr


def test_a_file_without_credits_says_what_to_do(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_bytes(csv_bytes([["Student ID", "Grade", "Score"], *[[str(i), "9", str(i)] for i in range(20)]]))
    done = typed(path)
    assert done.returncode == 2 and "a column of credits earned" in done.stderr
