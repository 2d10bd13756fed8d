"""Hedges' g against a published worked example and by hand, and where it shows: averages' shown groups only."""

import json
from math import sqrt

import pytest

from equity.app.cli import main
from equity.stats.effect_size import hedges_g, pooled_sd
from tests.files import csv_bytes


def _side(mean: float, sd: float, n: int) -> tuple[int, float, float]:
    """(n, sum, sum of squares) of a group with this mean and sample standard deviation."""
    return n, n * mean, (n - 1) * sd * sd + n * mean * mean


def test_published_example():
    # Borenstein, Hedges, Higgins & Rothstein (2009), Introduction to Meta-Analysis, ch. 4 "Effect sizes based
    # on means": X1 = 103, X2 = 100, S1 = 5.5, S2 = 4.5, n1 = n2 = 50 give S_within = 5.0249, d = 0.5970,
    # J = 0.9923 and g = 0.5924.
    effect = hedges_g(_side(103, 5.5, 50), _side(100, 4.5, 50))
    assert effect.pooled_sd == pytest.approx(5.0249, abs=5e-5)
    assert effect.hedges_g == pytest.approx(0.5924, abs=5e-5)


def test_by_hand():
    # a = 1, 2, 3 (mean 2, squared deviations 2); b = 4, 5, 6, 7 (mean 5.5, squared deviations 5).
    a, b = (3, 6.0, 14.0), (4, 22.0, 126.0)
    assert pooled_sd(a, b) == pytest.approx(sqrt(7 / 5))
    assert hedges_g(a, b).hedges_g == pytest.approx(-3.5 / sqrt(1.4) * (1 - 3 / 19))
    assert hedges_g(b, a).hedges_g == pytest.approx(3.5 / sqrt(1.4) * 16 / 19)


def test_not_estimable():
    assert hedges_g((3, 15.0, 75.0), (2, 10.0, 50.0)) is None       # every score 5: no spread
    assert hedges_g((1, 5.0, 25.0), (1, 7.0, 49.0)) is None         # two students: no degrees of freedom


def test_command_line_json(tmp_path, capsys):
    # Asian 60 … 69, White 70 … 79: each mean ± 5 from all students' 69.5; squared deviations 82.5 each and
    # 20 × (20² − 1) / 12 = 665 for all students; pooled SD √((82.5 + 665) / 28), J = 1 − 3 / 111.
    rows = [["Student ID", "Race", "Score"]]
    rows += [[f"{i:03d}", "Asian" if i < 10 else "White", str(60 + i)] for i in range(20)]
    path = tmp_path / "scores.csv"
    path.write_bytes(csv_bytes(rows))
    assert main(["gaps", str(path), "--outcome", "Score", "--by", "race", "--format", "json"]) == 0
    groups = {g["key"]: g for g in json.loads(capsys.readouterr().out)["groups"]}
    g = 5 / sqrt(747.5 / 28) * (1 - 3 / 111)
    assert groups["Asian"]["hedges_g"] == pytest.approx(-g, abs=5e-4)
    assert groups["White"]["hedges_g"] == pytest.approx(g, abs=5e-4)
    assert set(groups["Asian"]) == {"key", "label", "n", "value", "gap", "ci", "suppressed", "hedges_g"}
    assert main(["gaps", str(path), "--outcome", "Score", "--threshold", "70", "--by", "race",
                 "--format", "json"]) == 0
    assert all("hedges_g" not in g for g in json.loads(capsys.readouterr().out)["groups"])
