"""The command line against DisImpact's published worked examples (the R package California community colleges use
for their equity plans; its tutorial, on its `student_equity` data). That data's 20,000 students are rebuilt here
from the published counts per cohort and ethnicity (n and successes are all any of the three methods uses); every
other published figure is then compared with what `python -m equity gaps` prints: rates, references, margins of
error, bounds, flags, proportionality and 80% indexes, for all students, for each cohort, with a fixed reference,
another margin floor, the margin from the group's own rate, and the converse outcome. Students needed, which the
tutorial does not print, are worked out by hand with DisImpact's formulas. In all, 558 published figures: 8 per
row of the six PPG tables (42 rows), 2 per fixed-reference flag (12), 5 per proportionality row (18), 6 per 80% row
(18)."""

import json
from pathlib import Path

import pytest

from equity.app.cli import main
from tests.files import csv_bytes

# Published: di_ppg(success=Transfer, group=Ethnicity, cohort=Cohort, data=student_equity). Columns: cohort, group,
# n, success, pct, reference, moe, pct_lo, pct_hi, di_indicator.
PPG_BY_COHORT = """
2017 Asian 3000 2062 0.6873333 0.5140 0.03000000 0.6573333 0.7173333 0
2017 Black 1000 310 0.3100000 0.5140 0.03099032 0.2790097 0.3409903 1
2017 Hispanic 2000 410 0.2050000 0.5140 0.03000000 0.1750000 0.2350000 1
2017 Multi-Ethnicity 500 262 0.5240000 0.5140 0.04382693 0.4801731 0.5678269 0
2017 Native_American 100 43 0.4300000 0.5140 0.09800000 0.3320000 0.5280000 0
2017 White 3400 2053 0.6038235 0.5140 0.03000000 0.5738235 0.6338235 0
2018 Asian 3000 2230 0.7433333 0.5388 0.03000000 0.7133333 0.7733333 0
2018 Black 1000 297 0.2970000 0.5388 0.03099032 0.2660097 0.3279903 1
2018 Hispanic 2000 437 0.2185000 0.5388 0.03000000 0.1885000 0.2485000 1
2018 Multi-Ethnicity 500 242 0.4840000 0.5388 0.04382693 0.4401731 0.5278269 1
2018 Native_American 100 35 0.3500000 0.5388 0.09800000 0.2520000 0.4480000 1
2018 White 3400 2147 0.6314706 0.5388 0.03000000 0.6014706 0.6614706 0
"""
# di_ppg(success=Transfer, group=Ethnicity, data=student_equity), then with reference=0.54, min_moe=0.02, and
# min_moe=0.02 with use_prop_in_moe=TRUE; and di_ppg(success=!Transfer, …). Columns: group, n, success, pct,
# reference, moe, pct_lo, pct_hi, di_indicator.
PPG = {
    (): """
Asian 6000 4292 0.7153333 0.5264 0.03000000 0.6853333 0.7453333 0
Black 2000 607 0.3035000 0.5264 0.03000000 0.2735000 0.3335000 1
Hispanic 4000 847 0.2117500 0.5264 0.03000000 0.1817500 0.2417500 1
Multi-Ethnicity 1000 504 0.5040000 0.5264 0.03099032 0.4730097 0.5349903 0
Native_American 200 78 0.3900000 0.5264 0.06929646 0.3207035 0.4592965 1
White 6800 4200 0.6176471 0.5264 0.03000000 0.5876471 0.6476471 0
""",
    ("--ppg-reference", "54%"): """
Asian 6000 4292 0.7153333 0.54 0.03000000 0.6853333 0.7453333 0
Black 2000 607 0.3035000 0.54 0.03000000 0.2735000 0.3335000 1
Hispanic 4000 847 0.2117500 0.54 0.03000000 0.1817500 0.2417500 1
Multi-Ethnicity 1000 504 0.5040000 0.54 0.03099032 0.4730097 0.5349903 1
Native_American 200 78 0.3900000 0.54 0.06929646 0.3207035 0.4592965 1
White 6800 4200 0.6176471 0.54 0.03000000 0.5876471 0.6476471 0
""",
    ("--min-moe", "0.02"): """
Asian 6000 4292 0.7153333 0.5264 0.02000000 0.6953333 0.7353333 0
Black 2000 607 0.3035000 0.5264 0.02191347 0.2815865 0.3254135 1
Hispanic 4000 847 0.2117500 0.5264 0.02000000 0.1917500 0.2317500 1
Multi-Ethnicity 1000 504 0.5040000 0.5264 0.03099032 0.4730097 0.5349903 0
Native_American 200 78 0.3900000 0.5264 0.06929646 0.3207035 0.4592965 1
White 6800 4200 0.6176471 0.5264 0.02000000 0.5976471 0.6376471 0
""",
    ("--min-moe", "0.02", "--moe-from-rate"): """
Asian 6000 4292 0.7153333 0.5264 0.02000000 0.6953333 0.7353333 0
Black 2000 607 0.3035000 0.5264 0.02015028 0.2833497 0.3236503 1
Hispanic 4000 847 0.2117500 0.5264 0.02000000 0.1917500 0.2317500 1
Multi-Ethnicity 1000 504 0.5040000 0.5264 0.03098933 0.4730107 0.5349893 0
Native_American 200 78 0.3900000 0.5264 0.06759869 0.3224013 0.4575987 1
White 6800 4200 0.6176471 0.5264 0.02000000 0.5976471 0.6376471 0
""",
}
NOT_TRANSFER = """
Asian 6000 1708 0.2846667 0.4736 0.03000000 0.2546667 0.3146667 1
Black 2000 1393 0.6965000 0.4736 0.03000000 0.6665000 0.7265000 0
Hispanic 4000 3153 0.7882500 0.4736 0.03000000 0.7582500 0.8182500 0
Multi-Ethnicity 1000 496 0.4960000 0.4736 0.03099032 0.4650097 0.5269903 0
Native_American 200 122 0.6100000 0.4736 0.06929646 0.5407035 0.6792965 0
White 6800 2600 0.3823529 0.4736 0.03000000 0.3523529 0.4123529 1
"""
# di_ppg(…, cohort=Cohort, reference=c(0.5, 0.55)): the flags per cohort (the rest is PPG_BY_COHORT's).
FIXED_BY_COHORT = {("2017", "50%"): [0, 1, 1, 0, 0, 0], ("2018", "55%"): [0, 1, 1, 1, 1, 0]}
# di_prop_index, without and with cohort. Columns: [cohort,] group, n, success, pct_success, pct_group,
# di_prop_index.
PI = """
Asian 6000 4292 0.407674772 0.30 1.3589159
Black 2000 607 0.057655775 0.10 0.5765578
Hispanic 4000 847 0.080452128 0.20 0.4022606
Multi-Ethnicity 1000 504 0.047872340 0.05 0.9574468
Native_American 200 78 0.007408815 0.01 0.7408815
White 6800 4200 0.398936170 0.34 1.1733417
"""
PI_BY_COHORT = """
2017 Asian 3000 2062 0.401167315 0.30 1.3372244
2017 Black 1000 310 0.060311284 0.10 0.6031128
2017 Hispanic 2000 410 0.079766537 0.20 0.3988327
2017 Multi-Ethnicity 500 262 0.050972763 0.05 1.0194553
2017 Native_American 100 43 0.008365759 0.01 0.8365759
2017 White 3400 2053 0.399416342 0.34 1.1747539
2018 Asian 3000 2230 0.413882702 0.30 1.3796090
2018 Black 1000 297 0.055122494 0.10 0.5512249
2018 Hispanic 2000 437 0.081106162 0.20 0.4055308
2018 Multi-Ethnicity 500 242 0.044914625 0.05 0.8982925
2018 Native_American 100 35 0.006495917 0.01 0.6495917
2018 White 3400 2147 0.398478099 0.34 1.1719944
"""
# di_80_index, without and with cohort. Columns: [cohort,] group, n, success, pct, reference, di_80_index,
# di_indicator.
EIGHTY = """
Asian 6000 4292 0.7153333 0.7153333 1.0000000 0
Black 2000 607 0.3035000 0.7153333 0.4242777 1
Hispanic 4000 847 0.2117500 0.7153333 0.2960158 1
Multi-Ethnicity 1000 504 0.5040000 0.7153333 0.7045666 1
Native_American 200 78 0.3900000 0.7153333 0.5452004 1
White 6800 4200 0.6176471 0.7153333 0.8634395 0
"""
EIGHTY_BY_COHORT = """
2017 Asian 3000 2062 0.6873333 0.6873333 1.0000000 0
2017 Black 1000 310 0.3100000 0.6873333 0.4510184 1
2017 Hispanic 2000 410 0.2050000 0.6873333 0.2982541 1
2017 Multi-Ethnicity 500 262 0.5240000 0.6873333 0.7623666 1
2017 Native_American 100 43 0.4300000 0.6873333 0.6256062 1
2017 White 3400 2053 0.6038235 0.6873333 0.8785017 0
2018 Asian 3000 2230 0.7433333 0.7433333 1.0000000 0
2018 Black 1000 297 0.2970000 0.7433333 0.3995516 1
2018 Hispanic 2000 437 0.2185000 0.7433333 0.2939462 1
2018 Multi-Ethnicity 500 242 0.4840000 0.7433333 0.6511211 1
2018 Native_American 100 35 0.3500000 0.7433333 0.4708520 1
2018 White 3400 2147 0.6314706 0.7433333 0.8495120 0
"""
# DisImpact's ethnicities as this project's canonical labels; "Multi-Ethnicity" is found as the one group left.
LABELS = {"Asian": "Asian", "Black": "Black or African American", "Hispanic": "Hispanic/Latino",
          "Native_American": "American Indian or Alaska Native", "White": "White"}


def _rows(table: str) -> list[list[str]]:
    return [line.split() for line in table.strip().splitlines()]


@pytest.fixture(scope="module")
def student_equity(tmp_path_factory) -> Path:
    """The 20,000 students, rebuilt from the published counts per cohort and ethnicity (PPG_BY_COHORT)."""
    rows = [["Cohort", "Ethnicity", "Transfer"]]
    for cohort, group, n, success, *_ in _rows(PPG_BY_COHORT):
        rows += [[cohort, group.replace("_", " "), 1 if i < int(success) else 0] for i in range(int(n))]
    path = tmp_path_factory.mktemp("disimpact") / "student_equity.csv"
    path.write_bytes(csv_bytes(rows))
    return path


def _same(ours, published, tolerance: float = 0.0) -> None:
    assert ours == pytest.approx(published, abs=tolerance)


def _gaps(capsys, path: Path, method: str, *options: str) -> dict:
    code = main(["gaps", str(path), "--outcome", "Transfer", "--categories", "1", "--by", "race", "--flag", method,
                 "--format", "json", *options])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def _by_label(result: dict) -> dict[str, dict]:
    groups = {g["key"]: g for g in result["groups"]}
    known = {label: groups.pop(label) for label in LABELS.values()}
    assert len(groups) == 1                 # Multi-Ethnicity, whatever label it is read as
    return {**{name: known[label] for name, label in LABELS.items()}, "Multi-Ethnicity": next(iter(groups.values()))}


def _check_ppg(result: dict, rows: list[list[str]]) -> None:
    groups = _by_label(result)
    for group, n, success, pct, reference, moe, low, high, flagged in rows:
        ours = groups[group]
        share = (ours["ppg_reference"] + ours["ppg_gap"]) / 100        # the group's rate, to 6 decimals
        _same(ours["n"], int(n))
        _same(round(share * ours["n"]), int(success))
        _same(share, float(pct), 2e-6)
        _same(ours["ppg_reference"] / 100, float(reference), 1e-6)
        _same(ours["margin"] / 100, float(moe), 1e-6)
        _same(share - ours["margin"] / 100, float(low), 3e-6)
        _same(share + ours["margin"] / 100, float(high), 3e-6)
        _same(ours["flagged"], flagged == "1")


@pytest.mark.parametrize("options", list(PPG))
def test_percentage_point_gap(capsys, student_equity, options):
    result = _gaps(capsys, student_equity, "ppg", *options)
    _check_ppg(result, _rows(PPG[options]))


def test_percentage_point_gap_by_cohort(capsys, student_equity):
    out = _gaps(capsys, student_equity, "ppg", "--cohort", "Cohort")
    assert out["cohort"] == "Cohort" and [r["cohort"] for r in out["results"]] == ["2017", "2018"]
    rows = _rows(PPG_BY_COHORT)
    for result in out["results"]:
        _check_ppg(result, [r[1:] for r in rows if r[0] == result["cohort"]])


@pytest.mark.parametrize(("cohort", "reference"), list(FIXED_BY_COHORT))
def test_a_fixed_reference_for_each_cohort(capsys, student_equity, cohort, reference):
    out = _gaps(capsys, student_equity, "ppg", "--cohort", "Cohort", "--ppg-reference", reference)
    result = next(r for r in out["results"] if r["cohort"] == cohort)
    groups = _by_label(result)
    names = [r[1] for r in _rows(PPG_BY_COHORT) if r[0] == cohort]
    for name, flagged in zip(names, FIXED_BY_COHORT[(cohort, reference)], strict=True):
        _same(groups[name]["ppg_reference"], float(reference[:-1]))
        _same(groups[name]["flagged"], flagged == 1)


def test_the_converse_outcome(capsys, student_equity):
    """di_ppg(success=!Transfer): here, the students in category 0."""
    code = main(["gaps", str(student_equity), "--outcome", "Transfer", "--categories", "0", "--by", "race",
                 "--flag", "ppg", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    _check_ppg(json.loads(out), _rows(NOT_TRANSFER))


def _check_pi(result: dict, rows: list[list[str]]) -> None:
    groups = _by_label(result)
    everyone = result["all_students"]
    total_n, total_met = everyone["n"], round(everyone["value"] / 100 * everyone["n"])
    for group, n, success, pct_success, pct_group, index in rows:
        ours = groups[group]
        _same(ours["n"], int(n))
        _same(round(ours["value"] / 100 * ours["n"]), int(success))
        _same(round(ours["value"] / 100 * ours["n"]) / total_met, float(pct_success), 1e-6)
        _same(ours["n"] / total_n, float(pct_group), 1e-9)
        _same(ours["proportionality_index"], float(index), 6e-5)


def test_proportionality_index(capsys, student_equity):
    _check_pi(_gaps(capsys, student_equity, "pi"), _rows(PI))
    out = _gaps(capsys, student_equity, "pi", "--cohort", "Cohort")
    for result in out["results"]:
        _check_pi(result, [r[1:] for r in _rows(PI_BY_COHORT) if r[0] == result["cohort"]])


def _check_eighty(result: dict, rows: list[list[str]]) -> None:
    groups = _by_label(result)
    assert result["index_80_reference"]["key"] == "Asian"
    for group, n, success, pct, reference, index, flagged in rows:
        ours = groups[group]
        _same(ours["n"], int(n))
        _same(round(ours["value"] / 100 * ours["n"]), int(success))
        _same(ours["value"] / 100, float(pct), 5e-5)
        _same(result["index_80_reference"]["value"] / 100, float(reference), 1e-6)
        _same(ours["index_80"], float(index), 6e-5)
        _same(ours["flagged"], flagged == "1")


def test_eighty_percent_index(capsys, student_equity):
    _check_eighty(_gaps(capsys, student_equity, "80"), _rows(EIGHTY))
    out = _gaps(capsys, student_equity, "80", "--cohort", "Cohort")
    for result in out["results"]:
        _check_eighty(result, [r[1:] for r in _rows(EIGHTY_BY_COHORT) if r[0] == result["cohort"]])


def test_students_needed_by_hand(capsys, student_equity):
    """DisImpact's success_needed_not_di and success_needed_full_parity on all 20,000 students."""
    ppg = _by_label(_gaps(capsys, student_equity, "ppg"))
    # Hispanic 847 of 4000 = 0.21175 against 0.5264, margin 0.03: ⌈(0.5264 − 0.24175) × 4000⌉ = ⌈1138.6⌉ = 1139;
    # parity ⌈0.31465 × 4000⌉ = ⌈1258.6⌉ = 1259.
    assert (ppg["Hispanic"]["students_needed"], ppg["Hispanic"]["students_needed_parity"]) == (1139, 1259)
    # Native American 78 of 200, margin 0.06929646: ⌈(0.5264 − 0.45929646) × 200⌉ = ⌈13.42⌉ = 14; ⌈27.28⌉ = 28.
    assert (ppg["Native_American"]["students_needed"], ppg["Native_American"]["students_needed_parity"]) == (14, 28)
    # Black 607 of 2000: ⌈(0.5264 − 0.3335) × 2000⌉ = ⌈385.8⌉ = 386; ⌈0.2229 × 2000⌉ = ⌈445.8⌉ = 446.
    assert (ppg["Black"]["students_needed"], ppg["Black"]["students_needed_parity"]) == (386, 446)
    # Not flagged: none to end a flag; Multi-Ethnicity 0.504 < 0.5264 still needs ⌈0.0224 × 1000⌉ = 23 for parity.
    assert (ppg["Multi-Ethnicity"]["students_needed"], ppg["Multi-Ethnicity"]["students_needed_parity"]) == (0, 23)
    assert (ppg["Asian"]["students_needed"], ppg["Asian"]["students_needed_parity"]) == (0, 0)
    eighty = _by_label(_gaps(capsys, student_equity, "80"))
    # Hispanic against Asian's 0.7153333: ⌈(0.8 × 0.7153333 − 0.21175) × 4000⌉ = ⌈1442.07⌉ = 1443; ⌈2014.33⌉ = 2015.
    assert (eighty["Hispanic"]["students_needed"], eighty["Hispanic"]["students_needed_parity"]) == (1443, 2015)
    pi = _by_label(_gaps(capsys, student_equity, "pi"))
    # Hispanic: g = 0.2 of 20,000, 847 of 10,528 successes: (0.8 × 0.2 × 10528 − 847) / 0.84 = 837.48 / 0.84 = 997
    # exactly (1844 / 11525 ÷ 0.2 = 0.8, no longer below it); parity (2105.6 − 847) / 0.8 = 1573.25 → 1574.
    assert (pi["Hispanic"]["students_needed"], pi["Hispanic"]["students_needed_parity"]) == (997, 1574)
