"""The benchmark's verdicts: met or missed from given numbers, ratios worked out by hand."""

from benchmarks.run import filter_sequence
from benchmarks.verdict import HUNDRED_K, ONE_M, TARGETS, TEN_M, Target, speed, verdicts


def by_name(found: list[dict], name: str, rows: int) -> dict:
    return next(v for v in found if v["name"] == name and v["rows"] == rows)


def test_every_target_is_judged_once_with_the_json_fields():
    found = verdicts({})
    assert len(found) == len(TARGETS) == 8
    for v in found:
        assert set(v) >= {"name", "rows", "measured", "target", "unit", "met"}
        assert v["measured"] is None and v["met"] is False      # not run is not met


def test_limits_on_times_memory_and_size():
    measured = {(TEN_M, "click_ms"): 100.0, (ONE_M, "click_ms"): 60.5,
                (TEN_M, "load_s:parquet:app"): 2.9, (TEN_M, "load_mb:parquet:app"): 1600.0,
                (HUNDRED_K, "chart_kb"): 50.0}
    found = verdicts(measured)
    assert by_name(found, "sidebar click through AppTest", TEN_M)["met"] is True      # 100 <= 100
    assert by_name(found, "sidebar click through AppTest", ONE_M)["met"] is False     # 60.5 > 60
    assert by_name(found, "Parquet loaded and ready to query", TEN_M)["met"] is True
    assert by_name(found, "Parquet load, peak memory", TEN_M)["met"] is False
    assert by_name(found, "largest chart spec", HUNDRED_K)["met"] is False            # 50 is not < 50


def test_ratios_are_taken_the_right_way_round():
    measured = {(TEN_M, "pandas_ms"): 60.0, (TEN_M, "figures_ms"): 12.0, (TEN_M, "floor_ms"): 10.0,
                (HUNDRED_K, "load_s:xlsx:read_excel"): 9.0, (HUNDRED_K, "load_s:xlsx:app"): 1.0}
    found = verdicts(measured)
    pandas = by_name(found, "figures of a click: typed pandas / app", TEN_M)
    assert (pandas["measured"], pandas["met"]) == (5.0, True)                         # 60 / 12
    floor = by_name(found, "figures of a click: app / bare DuckDB floor", TEN_M)
    assert (floor["measured"], floor["met"]) == (1.2, True)                           # 12 / 10
    xlsx = by_name(found, "xlsx load: read_excel(openpyxl) / app", HUNDRED_K)
    assert (xlsx["measured"], xlsx["met"]) == (9.0, False)                            # 9 < 10


def test_a_ratio_with_one_side_missing_is_not_met():
    target = Target("t", ONE_M, ("a", "b"), 2, "× faster", ">=")
    assert verdicts({(ONE_M, "a"): 5.0}, (target,))[0] == {
        "name": "t", "rows": ONE_M, "measured": None, "target": 2, "unit": "× faster", "op": ">=", "met": False}


def test_speed_reads_both_ways():
    assert speed(baseline=3.0, ours=1.0) == "3.0× faster"
    assert speed(baseline=1.0, ours=4.0) == "4.0× slower"
    assert speed(baseline=1.0, ours=0.0) == "n/a"


def test_filter_choices_never_repeat():
    choices = filter_sequence(60)
    assert len({tuple(c.values()) for c in choices}) == 60
    assert all(c["race"] for c in choices)
