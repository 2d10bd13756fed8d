"""One school against all schools, on the two-school count file of tests/count_files.py (worked out by hand in
tests/sources/test_counts.py): Adams suspended 16 of its 60 Black students, 6 of 80 White and 7 of 40 Hispanic;
across both schools 28 of 110, 13 of 180 and 10 of 55."""

import pytest

from equity.app.session import Workbench
from equity.model.rules import Rule
from tests.count_files import crdc_csv

BLACK, WHITE, HISPANIC = "Black or African American", "White", "Hispanic/Latino"


@pytest.fixture
def bench() -> Workbench:
    bench = Workbench()
    bench.confirm(bench.upload(crdc_csv(), "crdc.csv").proposal, remember=False)
    return bench


def test_a_school_s_groups_beside_the_same_groups_everywhere(bench):
    result = bench.versus_all("sch_disc_iss", Rule("boolean"), "race", "Adams Elementary")
    found = {g.key: (g.n, round(g.value, 2), round(g.everywhere, 2), round(g.difference, 2), g.distinguishable)
             for g in result.groups}
    assert found == {
        BLACK: (60, 26.67, 25.45, round(1600 / 60 - 2800 / 110, 2), False),      # 16 of 60 against Baker's 12 of 50
        WHITE: (80, 7.5, 7.22, round(600 / 80 - 1300 / 180, 2), False),
        HISPANIC: (40, 17.5, 18.18, round(700 / 40 - 1000 / 55, 2), False)}


def test_a_group_too_small_at_the_school_shows_no_figure(bench):
    bench.min_n = 50
    result = bench.versus_all("sch_disc_iss", Rule("boolean"), "race", "Adams Elementary")
    hispanic = next(g for g in result.groups if g.key == HISPANIC)
    assert (hispanic.n, hispanic.value, hispanic.difference, hispanic.distinguishable) == (None, None, None, None)
    assert hispanic.hidden is not None and hispanic.hidden.suppressed


def test_schools_ranked_by_one_group_s_figure_against_every_school(bench):
    rows = bench.schools_ranked("sch_disc_iss", Rule("boolean"), "race", BLACK)
    # Black students: Adams 16 of 60 (26.67%), Baker 12 of 50 (24%), every school 28 of 110 (25.45%).
    assert [(school, g.n, round(g.difference, 2)) for school, g in rows] == [
        ("Adams Elementary", 60, round(1600 / 60 - 2800 / 110, 2)), ("Baker Middle", 50, round(24 - 2800 / 110, 2))]
    # With groups of 55 at least, Baker's 50 Black students are too few, and at Adams its 40 Hispanic students are,
    # which hides the next smallest group, its 60 Black students, with them: no school shows a figure.
    bench.min_n = 55
    rows = bench.schools_ranked("sch_disc_iss", Rule("boolean"), "race", BLACK)
    assert [(school, g.n, g.value, g.difference) for school, g in rows] == [
        ("Adams Elementary", None, None, None), ("Baker Middle", None, None, None)]
