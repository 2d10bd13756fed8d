"""Categories typed on the command line are matched by value: on a 0/1 column `--categories 1`, `1.0` and the
threshold 1 give the same rate; a rule that matches no student in the whole file says so on stderr."""

import json
from pathlib import Path

import pytest

from equity.app.cli import main
from tests.files import csv_bytes


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def zero_one(tmp_path) -> Path:
    """40 Hispanic students, 14 with a 1; 60 White students, 36 with a 1: 50 of 100 in all."""
    rows = [["Ethnicity", "Transfer"]]
    rows += [["Hispanic", 1 if i < 14 else 0] for i in range(40)]
    rows += [["White", 1 if i < 36 else 0] for i in range(60)]
    path = tmp_path / "transfer.csv"
    path.write_bytes(csv_bytes(rows))
    return path


@pytest.mark.parametrize("typed", [["--categories", "1"], ["--categories", "1.0"], ["--categories", " 1 "],
                                   ["--threshold", "1"]])
def test_one_zero_column_counts_the_ones_however_typed(capsys, zero_one, typed):
    code, out, err = run(capsys, "gaps", zero_one, "--outcome", "Transfer", *typed, "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    groups = {g["key"]: g for g in result["groups"]}
    assert result["all_students"] == {"n": 100, "value": 50.0}
    assert groups["Hispanic/Latino"]["value"] == 35.0            # 14 of 40
    assert groups["White"]["value"] == 60.0                      # 36 of 60
    assert "No student in the whole file meets" not in err


def test_a_rule_that_matches_nobody_says_so_on_stderr(capsys, zero_one):
    code, out, err = run(capsys, "gaps", zero_one, "--outcome", "Transfer", "--categories", "Yes", "--format", "json")
    assert code == 0
    assert json.loads(out)["all_students"]["value"] == 0.0
    line = next(x for x in err.splitlines() if "No student in the whole file meets" in x)
    assert "Transfer" in line and "Yes" in line and "0" in line and "1" in line     # names the values it has


def test_a_threshold_above_every_value_says_so_too(capsys, zero_one):
    code, _, err = run(capsys, "gaps", zero_one, "--outcome", "Transfer", "--threshold", "2")
    assert code == 0 and "No student in the whole file meets" in err
