"""Cubes (equity.sources.cube): cells summed from a cube equal what a scan of the students gives, worked out by hand on
six students, and a session's breakdowns through its cube equal the direct query's on the sample district."""

import pytest

from equity.app.session import Workbench
from equity.model.dimensions import GAP_DIMENSIONS
from equity.model.filters import Filters
from equity.model.rules import Rule
from equity.sources import cube
from equity.sources.cells import Stats
from equity.stats.crosstab import crosstab
from equity.stats.metrics import breakdown
from tests.files import SMALL_CLASS, students_of

AT_70 = Rule("threshold", 70.0)


@pytest.fixture(scope="module")
def con():
    return students_of(SMALL_CLASS)


def as_dict(cells) -> dict:
    return dict(cells.rows)


def test_cells_by_race_count_meeting_and_missing(con):
    # At 70: 01 80, 03 90, 05 75 and 06 70 meet, 02 60 does not; 04 is excused (missing) and of no race given.
    cells = cube.cells(con, cube.build(con, "score", AT_70), Filters(), ("race_ethnicity",))
    assert as_dict(cells) == {("Hispanic/Latino",): Stats(1, 1.0, 1.0, 0),
                              ("Black or African American",): Stats(1, 0.0, 0.0, 0),
                              ("White",): Stats(2, 2.0, 2.0, 0), ("Asian",): Stats(1, 1.0, 1.0, 0),
                              ("Not reported",): Stats(0, 0.0, 0.0, 1)}


def test_filters_and_crossings_are_summed_from_cells(con):
    counted = cube.build(con, "score", AT_70)
    white = cube.cells(con, counted, Filters(race=("White",)), ("low_income",))
    assert as_dict(white) == {(True,): Stats(1, 1.0, 1.0, 0), (None,): Stats(1, 1.0, 1.0, 0)}    # 03 R, 05 blank
    low_income = cube.cells(con, counted, Filters(low_income=("true",)), ())
    assert as_dict(low_income) == {(): Stats(3, 3.0, 3.0, 0)}                       # 01, 03, 06
    unknown = cube.cells(con, counted, Filters(low_income=("null",)), ("race_ethnicity",))
    assert as_dict(unknown) == {("White",): Stats(1, 1.0, 1.0, 0)}                  # 05
    crossed = cube.cells(con, counted, Filters(), ("race_ethnicity", "english_learner"))
    assert as_dict(crossed) == {
        ("Hispanic/Latino", True): Stats(1, 1.0, 1.0, 0), ("Black or African American", False): Stats(1, 0.0, 0.0, 0),
        ("White", None): Stats(1, 1.0, 1.0, 0), ("Not reported", True): Stats(0, 0.0, 0.0, 1),
        ("White", False): Stats(1, 1.0, 1.0, 0), ("Asian", False): Stats(1, 1.0, 1.0, 0)}


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(grade=("Not reported",)), Stats(0, 0.0, 0.0, 1)),                             # 04, excused
    (Filters(grade=("3",), race=("White", "Asian")), Stats(2, 2.0, 2.0, 0)),               # 03, 06
    (Filters(english_learner=("null", "false"), low_income=("true", "false")), Stats(3, 2.0, 2.0, 0)),  # 02 03 06
    (Filters(race=("Martian",)), Stats(0, 0.0, 0.0, 0)),
])
def test_only_the_filters_in_use_are_tested_and_each_as_for_students(con, filters, expected):
    assert as_dict(cube.cells(con, cube.build(con, "score", AT_70), filters, ())) == {(): expected}


def test_a_mean_keeps_sum_and_sum_of_squares(con):
    white = cube.cells(con, cube.build(con, "score", Rule("mean")), Filters(race=("White",)), ())
    assert as_dict(white) == {(): Stats(2, 165.0, 90.0 ** 2 + 75.0 ** 2, 0)}


def test_nobody_kept_is_one_empty_cell(con):
    cells = cube.cells(con, cube.build(con, "score", AT_70), Filters(race=("Asian",), low_income=("false",)), ())
    assert as_dict(cells) == {(): Stats(0, 0.0, 0.0, 0)}


def test_a_cubes_cells_are_read_once_and_every_click_sums_them_without_a_statement(con, monkeypatch):
    counted = cube.build(con, "score", AT_70)
    read = []
    original = cube.query
    monkeypatch.setattr(cube, "query", lambda name, **params: read.append(name) or original(name, **params))
    first = cube.cells(con, counted, Filters(race=("White",)), ("low_income",))
    others = [cube.cells(con, counted, Filters(low_income=(flag,)), ("race_ethnicity",)) for flag in ("true", "null")]
    assert read == ["console/all_rows"]
    assert as_dict(first)[(True,)] == Stats(1, 1.0, 1.0, 0)                        # 03
    assert as_dict(others[1]) == {("White",): Stats(1, 1.0, 1.0, 0)}                # 05


def test_a_column_the_cube_lacks_is_refused(con):
    with pytest.raises(ValueError):
        cube.cells(con, cube.build(con, "score", AT_70), Filters(), ("student_id",))


@pytest.fixture(scope="module")
def bench():
    bench = Workbench()
    bench.load_sample()
    return bench


@pytest.mark.parametrize("filters", [Filters(), Filters(low_income=("true",)),
                                     Filters(race=("Black or African American", "Hispanic/Latino"),
                                             english_learner=("false", "null"))])
@pytest.mark.parametrize("rule", [Rule("threshold", 70.0), Rule("mean")])
def test_a_sessions_breakdowns_through_its_cube_equal_the_direct_query(bench, filters, rule):
    outcome = next(c for c in bench.data.mapping.outcomes() if c.kind == "numeric").name
    bench.filters = filters
    for dimension in GAP_DIMENSIONS:
        direct = breakdown(bench.con, outcome, rule, dimension, filters=filters, min_n=bench.min_n)
        summed = bench.breakdown(outcome, rule, dimension)
        assert close(summed.overall, direct.overall), dimension
        assert len(summed.groups) == len(direct.groups) and all(
            close(a, b) for a, b in zip(summed.groups, direct.groups, strict=True)), dimension


@pytest.mark.parametrize(("first", "second"), [("race", "low_income"), ("grade", "school"), ("gender", "race")])
def test_a_sessions_crossings_through_its_cube_equal_the_direct_query(bench, first, second):
    outcome = next(c for c in bench.data.mapping.outcomes() if c.kind == "numeric").name
    bench.filters = Filters(english_learner=("false",))
    direct = crosstab(bench.con, outcome, AT_70, first, second, bench.filters, bench.min_n)
    summed = bench.crosstab(outcome, AT_70, first, second)
    assert summed == direct and any(not c.suppressed for c in direct.cells)


def close(a, b) -> bool:
    """Equal, but for the last bits of sums of scores added in another order (inside nested figures too)."""
    pairs = [(getattr(a, f), getattr(b, f)) for f in a.__dataclass_fields__]
    return all(close(x, y) if hasattr(x, "__dataclass_fields__") and hasattr(y, "__dataclass_fields__")
               else y == pytest.approx(x, rel=1e-12) if isinstance(x, float | tuple) else x == y for x, y in pairs)


def test_cubes_of_older_data_and_beyond_the_last_few_are_dropped(bench):
    outcome = next(c for c in bench.data.mapping.outcomes() if c.kind == "numeric").name
    first = bench.cube(outcome, Rule("threshold", 1.0))
    for threshold in range(2, 10):
        bench.cube(outcome, Rule("threshold", float(threshold)))
    tables = {row[0] for row in bench.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert first.table not in tables and len(bench._cubes) == 4
    assert {c.table for c in bench._cubes.values()} <= tables
