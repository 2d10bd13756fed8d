"""Cells from Spark beside cells from DuckDB, on the same generated district (benchmarks.data, Parquet, written once):

    python -m benchmarks.spark                    # 1M rows
    python -m benchmarks.spark --rows 10000000    # 10M rows (long: run it with nice on a quiet machine)
    python -m benchmarks.spark --rows 100000000 --spark-only    # 100M rows, Spark alone

Both sides run the app's own path (the session's Workbench): the table is staged and mapped (Spark: profiled from
counts on a local Spark Connect server, local[2]; DuckDB: the Parquet file uploaded), then, for a new rule on every
iteration (a new threshold, so no cached cube answers), the clicks a person makes: gaps by race (this builds the
outcome's cube: on Spark the one job that counts cells), race crossed with income, and the trend by race over the
terms. Reported per click: the median seconds, and on Spark the bytes that came back from the cluster (the Arrow
size of every result). Results go to benchmarks/results/spark-<rows>.json.
"""

import argparse
import json
import statistics
import time
from pathlib import Path

import pyarrow as pa

from benchmarks import data
from benchmarks.run import lift_limits
from equity.app.session import Workbench
from equity.model.rules import Rule
from equity.sources import spark

OUTCOME = "final_pct"
THRESHOLDS = (60.0, 65.0, 70.0)
CLICKS = ("gaps", "crossed", "trends")


def clicks(bench: Workbench) -> dict[str, list[float]]:
    """Seconds of each click, once per threshold."""
    times: dict[str, list[float]] = {c: [] for c in CLICKS}
    for threshold in THRESHOLDS:
        rule = Rule("threshold", threshold)
        for click, run in (("gaps", lambda r=rule: bench.breakdown(OUTCOME, r, "race")),
                           ("crossed", lambda r=rule: bench.crosstab(OUTCOME, r, "race", "low_income")),
                           ("trends", lambda r=rule: bench.trend(OUTCOME, r, "race"))):
            start = time.perf_counter()
            run()
            times[click].append(time.perf_counter() - start)
    return times


def on_duckdb(path: Path) -> dict:
    lift_limits()        # a file of any size is read, in this process: the clicks are measured, not the reading
    start = time.perf_counter()
    bench = Workbench()
    bench.upload(path.read_bytes(), path.name)
    bench.confirm(bench.staged.proposal, remember=False)
    loaded = time.perf_counter() - start
    return {"load_s": loaded, **{f"{c}_s": statistics.median(t) for c, t in clicks(bench).items()}}


def on_spark(path: Path) -> dict:
    returned: list[pa.Table] = []
    run = spark.SparkTable.run
    spark.SparkTable.run = lambda self, *a, **k: returned.append(run(self, *a, **k)) or returned[-1]
    try:
        start = time.perf_counter()
        spark.connect("local[2]")
        started = time.perf_counter() - start
        start = time.perf_counter()
        bench = Workbench()
        bench.connect_spark("local[2]", f"parquet.`{path}`")
        bench.confirm(bench.staged.proposal, remember=False)
        loaded = time.perf_counter() - start
        before = len(returned)
        times = clicks(bench)
        clicked = returned[before:]
    finally:
        spark.SparkTable.run = run
    return {"server_start_s": started, "load_s": loaded,
            **{f"{c}_s": statistics.median(t) for c, t in times.items()},
            "bytes_per_rule": sum(t.nbytes for t in clicked) // len(THRESHOLDS),
            "cells_per_rule": sum(t.num_rows for t in clicked) // len(THRESHOLDS),
            "largest_result_rows": max((t.num_rows for t in returned), default=0)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--spark-only", action="store_true",
                        help="leave DuckDB out: an upload of 100M rows does not fit this machine's memory")
    args = parser.parse_args(argv)
    path = data.path(args.rows, "parquet")
    found = {"rows": args.rows, "parquet_mb": round(path.stat().st_size / 1e6, 1),
             "duckdb": None if args.spark_only else on_duckdb(path), "spark": on_spark(path)}
    out = data.CACHE.parent / f"spark-{args.rows}.json"
    out.write_text(json.dumps(found, indent=2))
    print(json.dumps(found, indent=2))


if __name__ == "__main__":
    main()
