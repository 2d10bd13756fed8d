"""The gap flag settings as a person types them on the command line: --compare others moves the PPG gap, each
reference and setting is echoed in the JSON, and a mistyped one is one line on stderr."""

import json

import pytest

from equity.app.cli import main
from tests.files import csv_bytes


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def path(tmp_path):
    """Hispanic 12 of 40 pass (30%), White 30 of 40 (75%), Asian 16 of 20 (80%): all 58 of 100."""
    rows = [["Ethnicity", "Passed"]]
    for race, n, passed in (("Hispanic", 40, 12), ("White", 40, 30), ("Asian", 20, 16)):
        rows += [[race, "Y" if k < passed else "N"] for k in range(n)]
    file = tmp_path / "passed.csv"
    file.write_bytes(csv_bytes(rows))
    return file


def _groups(out: str) -> dict:
    return {g["key"]: g for g in json.loads(out)["groups"]}


def test_compare_others_moves_the_ppg_gap(capsys, path):
    base = ["gaps", path, "--outcome", "Passed", "--flag", "ppg", "--format", "json"]
    _, out, _ = run(capsys, *base)
    assert _groups(out)["Hispanic/Latino"]["ppg_gap"] == -28.0           # 30 − 58
    _, out, _ = run(capsys, *base, "--compare", "others")
    # Against the other 60 students: 46 of 60 = 76.667% → 30 − 76.667 = −46.6667.
    hispanic = _groups(out)["Hispanic/Latino"]
    assert (hispanic["ppg_gap"], hispanic["ppg_reference"]) == (-46.6667, 76.6667)
    # Parity: ⌈0.466667 × 40⌉ = ⌈18.67⌉ = 19; to end the flag (margin 1.96 × √(0.25/40) = 0.15495):
    # ⌈(0.766667 − 0.30 − 0.15495) × 40⌉ = ⌈12.47⌉ = 13.
    assert (hispanic["students_needed"], hispanic["students_needed_parity"]) == (13, 19)
    _, out, _ = run(capsys, *base, "--compare", "others", "--ppg-reference", "all")
    assert _groups(out)["Hispanic/Latino"]["ppg_gap"] == -28.0


def test_settings_are_echoed_and_change_the_figures(capsys, path):
    _, out, _ = run(capsys, "gaps", path, "--outcome", "Passed", "--flag", "ppg", "--format", "json",
                    "--ppg-reference", "Asian", "--min-moe", "0.2", "--moe-from-rate")
    result = json.loads(out)
    assert result["flag_settings"] == {"ppg_reference": "Asian", "min_moe": 0.2, "moe_from_rate": True,
                                       "pi_cut": 0.8, "eighty_cut": 0.8, "eighty_reference": "hpg"}
    hispanic = _groups(out)["Hispanic/Latino"]
    # 30 − 80 (Asian) = −50; margin from its own rate 1.96 × √(0.3 × 0.7 / 40) = 14.20 points, raised to the 20 floor.
    assert (hispanic["ppg_gap"], hispanic["margin"], hispanic["flagged"]) == (-50.0, 20.0, True)
    _, out, _ = run(capsys, "gaps", path, "--outcome", "Passed", "--flag", "80", "--format", "json",
                    "--index-80-reference", "White", "--index-80-cutoff", "0.5")
    result = json.loads(out)
    assert result["index_80_reference"] == {"key": "White", "value": 75.0}
    hispanic = _groups(out)["Hispanic/Latino"]
    # 30 / 75 = 0.4 < 0.5: flagged; ⌈(0.5 × 0.75 − 0.30) × 40⌉ = 3 to end it, ⌈0.45 × 40⌉ = 18 for parity.
    assert (hispanic["index_80"], hispanic["flagged"], hispanic["students_needed"],
            hispanic["students_needed_parity"]) == (0.4, True, 3, 18)


@pytest.mark.parametrize(("options", "words"), [
    (["--ppg-reference", "Asain"], "--ppg-reference: no group 'Asain' by race"),
    (["--index-80-reference", "Latino"], "--index-80-reference: no group 'Latino' by race"),
    (["--min-moe", "3"], "The minimum margin of error is a share between 0 and 1"),
    (["--pi-cutoff", "0"], "A cut-off for the indexes is between 0 and 1"),
    (["--ppg-reference", "150%"], "A fixed PPG reference is a rate from 0% to 100%"),
])
def test_bad_settings_are_one_line(capsys, path, options, words):
    code, out, err = run(capsys, "gaps", path, "--outcome", "Passed", "--flag", "ppg", *options)
    assert code == 2 and out == "" and err.startswith("error: ") and err.count("\n") == 1 and words in err


def test_without_the_new_options_the_contract_is_unchanged(capsys, path):
    _, out, _ = run(capsys, "gaps", path, "--outcome", "Passed", "--format", "json")
    result = json.loads(out)
    assert set(result) == {"outcome", "rule", "by", "compare", "min_n", "all_students", "groups"}
    assert all(set(g) == {"key", "label", "n", "value", "gap", "ci", "suppressed"} for g in result["groups"])
