"""Chronic absence derived in SQL from days absent (or present) and days enrolled, by hand."""

import pytest

from equity.app.session import Workbench
from equity.data import derived
from equity.model.filters import Filters
from equity.model.rules import Rule
from equity.stats.metrics import breakdown
from equity.words.reader import reading
from tests.files import csv_bytes


def _bench(header: list[str], rows: list[list]) -> Workbench:
    bench = Workbench()
    bench.confirm(bench.upload(csv_bytes([header, *rows]), "attendance.csv").proposal)
    return bench


def test_chronic_absence_from_days_absent():
    rows = [["1", "180", "18", "Y"],   # exactly 10%: chronically absent
            ["2", "180", "17", "Y"],   # 9.4%: not
            ["3", "90", "30", "N"],    # 33%: chronically absent (moved in mid-year)
            ["4", "0", "0", "N"],      # no enrolled days: no result
            ["5", "", "3", "N"],       # enrolled blank: no result
            ["6", "170", "0", "N"]]
    bench = _bench(["Student ID", "Days Enrolled", "Days Absent", "ELL"], rows)
    assert derived.outcomes(bench.data.mapping) == (derived.CHRONIC,)
    flags = dict(bench.con.execute("SELECT student_id, chronically_absent FROM students").fetchall())
    assert flags == {"1": True, "2": False, "3": True, "4": None, "5": None, "6": False}
    result = breakdown(bench.con, "chronically_absent", Rule("boolean"), "english_learner", min_n=1)
    assert (result.overall.n, result.overall.total, result.overall.missing) == (4, 2, 2)
    assert {g.label: g.value for g in result.groups} == {"English learners": pytest.approx(50.0),
                                                         "Not English learners": pytest.approx(50.0)}


def test_chronic_absence_from_days_present():
    bench = _bench(["Student ID", "Membership Days", "Days Attended"], [["1", "100", "89"], ["2", "100", "91"]])
    flags = dict(bench.con.execute("SELECT student_id, chronically_absent FROM students").fetchall())
    assert flags == {"1": True, "2": False}


def test_the_derived_outcome_is_named_in_the_readers_language():
    bench = _bench(["Student ID", "Days Enrolled", "Days Absent"], [["1", "180", "18"]])
    with reading("es"):
        (spanish,) = derived.outcomes(bench.data.mapping)
    assert spanish.header == "Ausentismo crónico (10% o más de días faltados)"
    assert (spanish.name, spanish.kind) == (derived.CHRONIC.name, derived.CHRONIC.kind)
    assert derived.all_outcomes(bench.data.mapping)[-1].header == "Chronically absent (10%+ days missed)"


def test_no_derived_outcome_without_both_columns_or_when_the_file_has_one():
    bench = _bench(["Student ID", "Days Absent", "Score"], [["1", "3", "50"], ["2", "4", "60"]])
    assert derived.outcomes(bench.data.mapping) == ()
    own = _bench(["Student ID", "Days Enrolled", "Days Absent", "Chronically Absent"],
                 [["1", "180", "30", "Y"], ["2", "180", "2", "N"]])
    assert derived.outcomes(own.data.mapping) == ()
    assert [c.name for c in derived.all_outcomes(own.data.mapping)].count("chronically_absent") == 1


def test_chronic_absence_from_columns_the_user_marks():
    """Headers the proposal cannot read ('Count A', 'Count B') are marked in the mapping editor."""
    rows = [["1", "180", "18"],    # 18 / 180 = 10%: chronically absent
            ["2", "180", "17"],    # 17 / 180 = 9.4%: not
            ["3", "0", "2"],       # no enrolled days: not counted
            ["4", "", "5"]]        # enrolled missing: not counted
    bench = Workbench()
    staged = bench.upload(csv_bytes([["Student ID", "Count A", "Count B"], *rows]), "attendance.csv")
    assert staged.proposal.header_for("days_enrolled") is None and derived.outcomes(staged.proposal) == ()
    mapping = staged.proposal.with_role("Count A", "days_enrolled").with_role("Count B", "days_absent")
    assert [(c.role, c.kind) for c in mapping.columns[1:]] == [("days_enrolled", "numeric"), ("days_absent", "numeric")]
    bench.confirm(mapping)
    assert derived.outcomes(bench.data.mapping) == (derived.CHRONIC,)
    flags = dict(bench.con.execute("SELECT student_id, chronically_absent FROM students").fetchall())
    assert flags == {"1": True, "2": False, "3": None, "4": None}
    result = breakdown(bench.con, "chronically_absent", Rule("boolean"), "english_learner", min_n=1)
    assert (result.overall.n, result.overall.total) == (2, 1)


def test_header_detection_marks_the_day_counts_and_keeps_them_outcomes():
    bench = _bench(["Student ID", "Days Enrolled", "Days Absent"], [["1", "180", "20"], ["2", "180", "3"]])
    mapping = bench.data.mapping
    assert (mapping.header_for("days_enrolled"), mapping.header_for("days_absent")) == ("Days Enrolled", "Days Absent")
    assert [c.name for c in derived.all_outcomes(mapping)] == ["days_enrolled", "days_absent", "chronically_absent"]
    assert bench.con.execute("SELECT avg(days_absent) FROM students").fetchone()[0] == pytest.approx(11.5)


def test_moving_a_day_count_to_another_column_keeps_the_first_as_an_outcome():
    bench = _bench(["Student ID", "Days Enrolled", "Days Absent", "Abs"], [["1", "180", "20", "21"]])
    mapping = bench.data.mapping.with_role("Abs", "days_absent")
    assert [(c.header, c.role, c.kind) for c in mapping.columns[2:]] == [("Days Absent", "outcome", "numeric"),
                                                                       ("Abs", "days_absent", "numeric")]
    assert derived.attendance_columns(mapping) == ("Days Enrolled", "Abs", "absent")


def _federal_bench() -> Workbench:
    rows = [["1", "9", "1"],     # 9 days enrolled: left out (1 / 9 = 11% would count)
            ["2", "10", "1"],    # 10 days, 1 missed = 10%: chronically absent
            ["3", "10", "0"],    # 10 days, none missed: not
            ["4", "11", "1"],    # 11 days, 1 missed = 9.1%: not
            ["5", "11", "2"]]    # 11 days, 2 missed = 18%: chronically absent
    return _bench(["Student ID", "Days Enrolled", "Days Absent"], rows)


def _flags(bench: Workbench) -> dict:
    return dict(bench.con.execute("SELECT student_id, chronically_absent FROM students").fetchall())


def test_the_federal_rule_at_9_10_and_11_days_enrolled():
    bench = _federal_bench()
    assert bench.data.mapping.min_days == 10
    assert _flags(bench) == {"1": None, "2": True, "3": False, "4": False, "5": True}
    assert derived.left_out(bench.con, bench.data.mapping, bench.filters, bench.cube) == 1
    # One student left out is fewer than the 10 a group needs to be shown: a band, never the count.
    assert bench.chronic_note("chronically_absent") == (
        "Chronic absence by the federal rule: a student counts with at least 10 days enrolled, and is chronically "
        "absent when missing 10% or more of them. Fewer than 10 students with fewer than 10 days enrolled are "
        "left out.")
    bench.min_n = 1
    with reading("es"):
        assert bench.chronic_note("chronically_absent").endswith(
            "Se dejan fuera 1 estudiantes con menos de 10 días de matrícula.")
    assert bench.chronic_note("days_absent") is None


def test_the_minimum_days_is_a_setting():
    bench = _federal_bench()
    bench.set_min_days(11)
    assert _flags(bench) == {"1": None, "2": None, "3": None, "4": False, "5": True}
    assert derived.left_out(bench.con, bench.data.mapping, bench.filters, bench.cube) == 3
    bench.set_min_days(5)
    assert _flags(bench)["1"] is True
    assert bench.chronic_note("chronically_absent").endswith("No student has fewer than 5 days enrolled.")
    assert bench.data.mapping.from_json(bench.data.mapping.to_json()).min_days == 5


def test_the_number_left_out_is_not_given_when_another_view_would_give_a_small_group_away():
    # 12 White and 3 Asian students with 9 days enrolled, 20 with 20 days (10 of each race).
    rows = [[f"{i:03d}", "White" if i < 12 else "Asian", "9", "1"] for i in range(15)]
    rows += [[f"{i:03d}", ("White", "Asian")[i % 2], "20", "2"] for i in range(15, 35)]
    bench = _bench(["Student ID", "Race", "Days Enrolled", "Days Absent"], rows)
    mapping = bench.data.mapping
    assert derived.left_out_shown(bench.con, mapping, Filters(), 10, bench.cube) == 15
    # White alone: 12 left out, but all students' 15 would then give the 3 Asian students away.
    assert derived.left_out(bench.con, mapping, Filters(race=("White",)), bench.cube) == 12
    assert derived.left_out_shown(bench.con, mapping, Filters(race=("White",)), 10, bench.cube) is None
    assert derived.left_out_shown(bench.con, mapping, Filters(race=("White",)), 3, bench.cube) == 12
    # White or Asian is everyone, but one chosen value fewer (White) differs by the same 3.
    assert derived.left_out_shown(bench.con, mapping, Filters(race=("White", "Asian")), 10, bench.cube) is None
    bench.filters = Filters(race=("White",))
    assert bench.chronic_note("chronically_absent").endswith(
        "Some students with fewer than 10 days enrolled are left out; their number is not given here, since another "
        "view would then reveal a group too small to show.")


def test_distance_from_standard_by_hand():
    # Smarter Balanced "Standard Met" cuts: ELA grade 3 2432, grade 5 2502, grade 11 2583; math grade 5 2528.
    rows = [["1", "3", "2450", "2500", "Y"],        # ELA +18; math grade 3 2436: +64
            ["2", "Grade 05", "2480", "2528", "Y"],  # ELA -22 (the grade read from 'Grade 05'); math 0
            ["3", "11", "2600", "", "N"],            # ELA +17; no math score: no distance
            ["4", "K", "2300", "2300", "N"],         # no cut for kindergarten: no distance
            ["5", "5", "", "2400", "N"]]             # math -128
    bench = _bench(["Student ID", "Grade", "ELA Scale Score", "Math SS", "ELL"], rows)
    names = [(c.header, c.kind, c.name) for c in derived.outcomes(bench.data.mapping)]
    assert names == [("ELA Scale Score: distance from standard", "numeric", "ela_scale_score_distance"),
                     ("Math SS: distance from standard", "numeric", "math_ss_distance")]
    ela = dict(bench.con.execute("SELECT student_id, ela_scale_score_distance FROM students").fetchall())
    assert ela == {"1": 18.0, "2": -22.0, "3": 17.0, "4": None, "5": None}
    math = dict(bench.con.execute("SELECT student_id, math_ss_distance FROM students").fetchall())
    assert math == {"1": 64.0, "2": 0.0, "3": None, "4": None, "5": -128.0}
    # Averaged by group: English learners (18 - 22) / 2 = -2; the others 17 alone; all students 13 / 3.
    result = breakdown(bench.con, "ela_scale_score_distance", Rule("mean"), "english_learner", min_n=1)
    assert result.overall_value == pytest.approx(13 / 3)
    assert {g.label: g.value for g in result.groups} == {"English learners": pytest.approx(-2.0),
                                                         "Not English learners": pytest.approx(17.0)}
    with reading("es"):
        spanish = derived.outcomes(bench.data.mapping)
    assert spanish[0].header == "ELA Scale Score: distancia del estándar"


def test_no_distance_without_a_grade_or_a_scale_score():
    scores = [[str(i), "5", str(2400 + i), str(60 + i)] for i in range(20)]
    with_grade = _bench(["Student ID", "Grade", "ELA Scale Score", "Math Score"], scores).data.mapping
    # A gradebook's 'Math Score' (a percentage) is not a scale score.
    assert [c.name for c in derived.outcomes(with_grade)] == ["ela_scale_score_distance"]
    without = _bench(["Student ID", "ELA Scale Score"], [r[::2] for r in scores]).data.mapping
    assert derived.outcomes(without) == ()
