"""Risk, risk ratio, alternate risk ratio and composition index, worked out by hand."""

import pytest

from equity.app.session import Workbench
from equity.model.filters import Filters
from equity.model.groups import Grouping
from equity.model.rules import Rule
from equity.present.risk_charts import ratio_chart, risk_table
from equity.sources.cells import Stats
from equity.stats import disproportionality as dp
from equity.stats.privacy import COMPLEMENT
from equity.words.reader import reading
from tests.files import csv_bytes

BOOLEAN = Rule("boolean")


def _stats(groups: dict) -> tuple[Stats, dict]:
    """(all students, per group) from {group: (students, with the outcome)}."""
    per = {k: Stats(n, float(x), float(x)) for k, (n, x) in groups.items()}
    return Stats(sum(s.n for s in per.values()), sum(s.total for s in per.values()), 0.0), per


def test_risk_ratios_and_composition_by_hand():
    # Black 40 students, 12 suspended; White 100, 10; Hispanic/Latino 60, 6. All: 200 students, 28 suspended.
    local = _stats({"Black or African American": (40, 12), "White": (100, 10), "Hispanic/Latino": (60, 6)})
    result = dp.measure("Suspended", BOOLEAN, Grouping("race"), local, local)
    groups = {g.label: g for g in result.groups}
    black, white, hispanic = groups["Black or African American"], groups["White"], groups["Hispanic/Latino"]
    # Black: 12/40 = 30% against everyone else 16/160 = 10%: a ratio of exactly 3.0, which is not "above 3.0".
    assert black.risk == pytest.approx(30.0) and black.comparison_risk == pytest.approx(10.0)
    assert black.ratio == pytest.approx(3.0) and black.method == dp.RATIO and not black.flagged
    # White: 10 with the outcome, the smallest count shown beside Hispanic/Latino's hidden 6: all students' 28
    # minus Black's 12 and White's 10 would give the 6, so White's count is hidden too, with its risk and ratio.
    assert (white.n, white.count, white.risk, white.ratio, white.composition) == (100, None, None, None, None)
    assert white.reason == COMPLEMENT
    # Hispanic/Latino: 6 with the outcome is under the cell size of 10, so no ratio, but its risk shows.
    # Its count (6) is below the cell size, so neither it nor the risk (6 of 60) that would give it is shown.
    assert hispanic.method == dp.TOO_FEW and hispanic.ratio is None
    assert (hispanic.n, hispanic.count, hispanic.risk, hispanic.composition) == (60, None, None, None)
    # Composition: Black students are 12/28 of those suspended and 40/200 of enrolment: 0.4286 / 0.2.
    assert black.composition == pytest.approx((12 / 28) / (40 / 200))
    assert result.overall_risk == pytest.approx(14.0)
    flagged = dp.measure("Suspended", BOOLEAN, Grouping("race"), local, local, dp.Settings(threshold=2.9))
    assert [g.label for g in flagged.flagged()] == ["Black or African American"]
    # Nothing flagged at 3.0, but the highest ratio shown is Black students' 3.0 (White's and Hispanic/Latino's
    # are not shown), which the screen states instead of an all-clear.
    assert result.highest() is black and not result.flagged()


def test_no_highest_ratio_when_none_is_shown():
    # Two groups of 20 with 2 and 3 suspended: every count is under the cell size of 10, so no ratio at all.
    local = _stats({"Black or African American": (20, 2), "White": (20, 3)})
    assert dp.measure("Suspended", BOOLEAN, Grouping("race"), local, local).highest() is None


def test_alternate_ratio_when_the_comparison_group_is_below_the_n_size():
    # One school: group A 50 students (15 with the outcome), group B 20 (2). For A, the other students (B: 20)
    # are below the n-size of 30, so their risk comes from the district: 1000 students, 100 with the outcome,
    # of whom A has 300 students and 45 with it, leaving 700 others with 55: 7.857%.
    local = _stats({"Asian": (50, 15), "White": (20, 2)})
    district = _stats({"Asian": (300, 45), "White": (700, 55)})
    # (A cell size of 2: with B's 2 hidden, all students' 17 minus A's 15 would give them, so A's count would be
    # hidden too.)
    result = dp.measure("Suspended", BOOLEAN, Grouping("race"), local, district, dp.Settings(cell_size=2))
    asian, white = result.groups
    assert asian.method == dp.ALTERNATE and result.note(asian).startswith("Alternate")
    assert asian.comparison_risk == pytest.approx(55 / 700 * 100)
    assert asian.ratio == pytest.approx(0.30 / (55 / 700))            # 3.818
    assert asian.flagged
    assert white.method == dp.TOO_FEW and white.ratio is None             # B itself is under the n-size


def test_zero_comparison_risk_is_not_computable_never_infinite():
    # With no minimum sizes, group X (20 students, 5 with the outcome) is compared with Y (30, none).
    local = _stats({"Asian": (20, 5), "White": (30, 0)})
    result = dp.measure("Suspended", BOOLEAN, Grouping("race"), local, local, dp.Settings(cell_size=0, n_size=1))
    asian, white = result.groups
    assert asian.method == dp.NOT_COMPUTABLE and asian.ratio is None and not asian.flagged
    assert "Not computable" in result.note(asian)
    assert white.ratio == pytest.approx(0.0) and white.method == dp.RATIO
    assert dp.risk_ratio(Stats(10, 1.0, 1.0), Stats(10, 0.0, 0.0)) is None
    assert dp.composition_index(Stats(10, 0.0, 0.0), Stats(20, 0.0, 0.0)) is None
    # The alternate comparison can be zero too: still not computable.
    small = _stats({"Asian": (40, 12), "White": (5, 0)})
    wide = _stats({"Asian": (40, 12), "White": (50, 0)})
    asian = dp.measure("Suspended", BOOLEAN, Grouping("race"), small, wide, dp.Settings(cell_size=0), min_n=5).groups[0]
    assert asian.method == dp.NOT_COMPUTABLE and asian.ratio is None


def test_small_groups_are_hidden_with_the_complement():
    local = _stats({"Asian": (4, 1), "White": (200, 30), "Hispanic/Latino": (50, 12), "Black or African American":
                    (35, 9)})
    result = dp.measure("Suspended", BOOLEAN, Grouping("race"), local, local)
    groups = {g.label: g for g in result.groups}
    assert groups["Asian"].method == dp.HIDDEN and groups["Asian"].risk is None and groups["Asian"].count is None
    # The next smallest group is hidden too, so Asian's figures cannot be worked out from the total.
    black = groups["Black or African American"]
    assert black.hidden and black.ratio is None and black.composition is None
    assert not groups["White"].hidden


def test_a_mean_cannot_be_a_risk():
    with pytest.raises(ValueError):
        dp.measure("Score", Rule("mean"), Grouping("race"), _stats({"White": (40, 4)}), _stats({"White": (40, 4)}))


def _school_rows():
    """Two terms. 2024-25: Black 40 (12 suspended), White 100 (10), Asian 20 (2). 2023-24: Black 40 (4),
    White 100 (10), Asian 200 (30)."""
    rows = [["Student ID", "School Year", "Race", "Suspended"]]
    plan = {"2024-25": (("Black", 40, 12), ("White", 100, 10), ("Asian", 20, 2)),
            "2023-24": (("Black", 40, 4), ("White", 100, 10), ("Asian", 200, 30))}
    number = 0
    for term, groups in plan.items():
        for race, n, yes in groups:
            for i in range(n):
                number += 1
                rows.append([f"{number:05d}", term, race, "Y" if i < yes else "N"])
    return rows


def test_through_the_students_table_with_the_wider_population():
    bench = Workbench()
    bench.confirm(bench.upload(csv_bytes(_school_rows()), "school.csv").proposal)
    result = dp.disproportionality(bench.con, "suspended", BOOLEAN, Grouping("race"), Filters(term=("2024-25",)),
                                Filters(), dp.Settings(), 10)
    groups = {g.label: g for g in result.groups}
    # Black 2024-25: 12/40 = 30% against 12/120 = 10% (White and Asian that year, 120 students >= 30).
    assert groups["Black or African American"].ratio == pytest.approx(3.0)
    # White: 10 with the outcome, hidden beside Asian's count under the cell size (the smallest shown count).
    assert groups["White"].count is None and groups["White"].ratio is None
    assert groups["Asian"].method == dp.TOO_FEW                             # 20 students < n-size 30
    assert result.overall.n == 160 and result.overall.total == 24
    crossed = dp.disproportionality(bench.con, "suspended", BOOLEAN, Grouping("race", "term"), Filters(),
                                 Filters(), dp.Settings(), 10)
    cell = next(g for g in crossed.groups if g.key == ("Black or African American", "2024-25"))
    # Across both terms: 500 rows, 68 suspended; this cell 12/40 against 56/460.
    assert cell.ratio == pytest.approx(0.30 / (56 / 460))
    assert cell.label == "Black or African American · 2024-25"


def test_terms_flagged_in_a_row():
    bench = Workbench()
    bench.confirm(bench.upload(csv_bytes(_school_rows()), "school.csv").proposal)
    # Ratios 2023-24: Black 4/40 vs 40/300 = 0.75, White 10/100 vs 34/240 = 0.71, Asian 30/200 vs 14/140 = 1.5;
    # 2024-25: Black 3.0, White 0.43, Asian too few (20 students). With a cell size of 1 (Black had only 4
    # suspensions in 2023-24) and a flag above 0.5: Black both years, the others not in 2024-25.
    streaks = dp.consecutive_flags(bench.con, "suspended", BOOLEAN, Grouping("race"), Filters(),
                                   ("2023-24", "2024-25"), dp.Settings(cell_size=1, threshold=0.5), 10)
    assert streaks == {"Black or African American": 2}
    assert dp.consecutive_flags(bench.con, "suspended", BOOLEAN, Grouping("race"), Filters(), ("2023-24",),
                                dp.Settings(threshold=1.4), 10) == {"Asian": 1}


def test_notes_settings_and_the_table_in_spanish():
    # As above: A (50 students, 15 with the outcome) takes the alternate ratio; B (20, 2) is under the n-size.
    local = _stats({"Asian": (50, 15), "White": (20, 2)})
    district = _stats({"Asian": (300, 45), "White": (700, 55)})
    hiding = dp.measure("Suspended", BOOLEAN, Grouping("race"), local, district)
    # B's 2 students with the outcome are under the cell size: neither that count nor the risk is shown.
    white = hiding.groups[1]
    assert (white.count, white.risk) == (None, None)
    assert hiding.note(white) == "Fewer than 10 students with the outcome: their number and risk are not shown."
    result = dp.measure("Suspended", BOOLEAN, Grouping("race"), local, district, dp.Settings(cell_size=2))
    asian = result.groups[0]
    with reading("es"):
        assert hiding.note(hiding.groups[0]) == ("Oculto para que un número oculto más pequeño de estudiantes con "
                                                 "el resultado no pueda deducirse del total.")
        assert result.note(asian).startswith("Razón alternativa")
        assert hiding.note(white) == ("Menos de 10 estudiantes con el resultado: no se muestran su número ni su "
                                      "riesgo.")
        assert dp.Settings().describe() == ("Tamaño mínimo de celda 10 (estudiantes con el resultado), tamaño n 30 "
                                            "(estudiantes), se señala una razón mayor que 3,0.")
        frame = risk_table(result).frame().set_index("Grupo")
        chart = ratio_chart(result).to_dict()
    assert list(frame.columns) == ["n", "Con el resultado", "Riesgo %", "Riesgo de comparación %",
                                   "Razón de riesgo", "Método", "Señalado", "Índice de composición", "Nota"]
    assert frame.loc["Asiático", "Método"] == "Razón de riesgo alternativa"
    assert frame.loc["Asiático", "Señalado"] == "sí"                  # 30% ÷ 7.857% = 3.82, above 3.0
    assert frame.loc["Asiático", "Razón de riesgo"] == "3,82"         # printed the Spanish way
    assert frame.loc["Blanco", "Método"] == "Por debajo del tamaño de celda o n"
    assert chart["title"] == "Suspended (= sí): razón de riesgo por raza/etnia"


def test_a_hidden_group_says_why_in_both_languages():
    local = _stats({"Asian": (5, 1), "White": (40, 12), "Hispanic/Latino": (60, 10)})
    result = dp.measure("Suspended", BOOLEAN, Grouping("race"), local, local)
    asian, white = (next(g for g in result.groups if g.key == k) for k in ("Asian", "White"))
    assert asian.n is None and white.n is None
    assert asian.hidden and result.note(asian) == "Hidden: fewer than 10 students."
    with reading("es"):
        assert white.hidden and result.note(white).startswith("Oculto para que")
