"""One school against all schools, on the two-school count file of tests/count_files.py (worked out by hand in
tests/sources/test_counts.py): Adams suspended 16 of its 60 Black students, 6 of 80 White and 7 of 40 Hispanic;
across both schools 28 of 110, 13 of 180 and 10 of 55."""

import io

import pyarrow.parquet as pq
import pytest

from benchmarks.data import district
from equity.app.session import Workbench
from equity.model.filters import Filters
from equity.model.rules import Rule
from equity.stats.entity import EntityComparison, ranked, versus_all
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


def test_a_school_the_sidebar_leaves_out_against_the_schools_it_keeps(bench):
    """With the sidebar keeping Baker only, Adams (still offered to pick) is set beside Baker's figures: its own
    16 of 60 Black students against Baker's 12 of 50, with no chance judgement (Baker is not "the other schools"
    of a set holding Adams); the ranking holds Baker alone, the one school kept."""
    bench.filters = Filters(school=("Baker Middle",))
    black = next(g for g in bench.versus_all("sch_disc_iss", Rule("boolean"), "race", "Adams Elementary").groups
                 if g.key == BLACK)
    assert (black.n, round(black.value, 2), black.everywhere, round(black.difference, 2), black.distinguishable) == \
        (60, 26.67, 24.0, round(1600 / 60 - 24, 2), None)
    assert [s for s, _ in bench.schools_ranked("sch_disc_iss", Rule("boolean"), "race", BLACK)] == ["Baker Middle"]

def _one_by_one(bench: Workbench, outcome: str, rule: Rule, dimension: str, school: str):
    """One school against every school the straightforward way: the school's own breakdown, narrowed to it."""
    column = bench.breakdown(outcome, rule, dimension).dimension.column
    return versus_all(school, bench.breakdown(outcome, rule, dimension, cohort=("school", school)),
                      bench.breakdown(outcome, rule, dimension), bench.cells(outcome, rule, (column, "school")))


def _figures(comparison) -> list[tuple]:
    """What a comparison shows, averages to nine places (sums taken in another order may differ in the last bit)."""
    def rounded(x):
        return None if x is None else round(x, 9)
    return [(g.key, g.n, rounded(g.value), rounded(g.everywhere), rounded(g.difference), g.distinguishable,
             None if g.hidden is None else (g.hidden.n, g.hidden.suppressed, g.hidden.reason))
            for g in comparison.groups]


def _district() -> Workbench:
    """A generated district of 30,000 students in 12 schools (benchmarks.data), uploaded as Parquet."""
    sink = io.BytesIO()
    pq.write_table(district(30_000, seed=3), sink)
    bench = Workbench()
    bench.confirm(bench.upload(sink.getvalue(), "district.parquet").proposal, remember=False)
    return bench


def _sample() -> Workbench:
    bench = Workbench()
    bench.load_sample()
    return bench


@pytest.mark.parametrize(("make", "outcome"), [(_sample, "final_grade_pct"), (_district, "final_pct")])
def test_every_school_at_once_shows_what_each_school_alone_shows(make, outcome):
    """The schools' cells are read in one grouped query and split per school: the same figures and the same
    groups hidden as each school's own breakdown, with no filter, under filters that keep some schools only (a
    school narrowed to is shown whatever schools the sidebar keeps), and at two minimum sizes."""
    bench = make()
    schools = bench.filter_options()["school"]
    grades = bench.filter_options()["grade"]
    compared = 0
    for filters, min_n in [(Filters(), 10), (Filters(school=tuple(schools[:2]), grade=(grades[0],)), 10),
                           (Filters(low_income=("true",)), 30)]:
        bench.filters, bench.min_n = filters, min_n
        for rule in (Rule("threshold", 70.0), Rule("mean")):
            for dimension in ("race", "low_income", "grade"):
                alone = [_one_by_one(bench, outcome, rule, dimension, school) for school in schools]
                for school, one in zip(schools, alone, strict=True):
                    assert _figures(bench.versus_all(outcome, rule, dimension, school)) == _figures(one)
                    compared += 1
                key = bench.breakdown(outcome, rule, dimension).groups[0].key
                assert [(s, _figures(EntityComparison(s, rule, min_n, (g,)))) for s, g in
                        bench.schools_ranked(outcome, rule, dimension, key)] == \
                    [(s, _figures(EntityComparison(s, rule, min_n, (g,)))) for s, g in
                     ranked([a for a in alone if a.school in (filters.school or schools)], key)]
    assert compared == 3 * 2 * 3 * len(schools) and len(schools) > 1
