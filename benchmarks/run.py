"""`make bench`: the project's paths against plain baselines, measured in one run and printed as ratios.

Each size runs in a child process, so its peak memory (resident set size) is its own. Figures are medians of
several repeats on this machine: compare the ratios, not the seconds, across machines. The same table is
written as JSON to benchmarks/results/latest.json.

    python -m benchmarks.run            # 100k rows
    python -m benchmarks.run --large    # and 1M rows
    python -m benchmarks.run --huge     # and 10M rows (Parquet only)
"""

import argparse
import io
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from equity import dataset
from equity.filters import Filters
from equity.ingest import read_upload
from equity.metrics import Rule, breakdown, cell_counts

RACES = ["Hispanic/Latino", "White", "Black or African American", "Asian", "Two or More Races"]
DIMENSIONS = ("race", "low_income", "english_learner", "special_ed")
RESULTS = Path(__file__).resolve().parent / "results"
ROOT = Path(__file__).resolve().parent.parent
FILTERS = Filters(race=("Black or African American", "Hispanic/Latino"), low_income=("true",))
PANDAS_FILTERS = {"Race/Ethnicity": ["Black or African American", "Hispanic/Latino"], "FRL": ["Free", "Reduced"]}
RULE = Rule("threshold", 70.0)
BARE = """
SELECT race_ethnicity, low_income, english_learner, special_ed, count(y), sum(y), sum(y * y)
FROM (SELECT race_ethnicity, low_income, english_learner, special_ed, CAST(final_pct >= 70 AS DOUBLE) AS y
      FROM students
      WHERE race_ethnicity IN ('Black or African American', 'Hispanic/Latino') AND low_income)
GROUP BY ALL
"""


def district_frame(rows: int, seed: int = 7) -> pd.DataFrame:
    """A seeded student-term table with the usual export headers, every value text as in an export."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "Student ID": pd.Series(np.arange(rows)).map("{:07d}".format),
        "School Year": rng.choice(["2022-23", "2023-24", "2024-25"], rows),
        "School": rng.choice([f"School {k}" for k in range(12)], rows),
        "Grade": rng.integers(3, 13, rows).astype(str),
        "Race/Ethnicity": rng.choice(RACES, rows, p=[0.35, 0.3, 0.2, 0.1, 0.05]),
        "FRL": rng.choice(["Free", "Reduced", "Paid"], rows),
        "ELL": rng.choice(["Y", "N"], rows, p=[0.15, 0.85]),
        "IEP": rng.choice(["Yes", "No"], rows, p=[0.13, 0.87]),
        "Final %": np.round(rng.normal(75, 12, rows).clip(0, 100), 1).astype(str),
    })


def xlsx_bytes(frame: pd.DataFrame) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Grades")
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    out = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), out)
    return out.getvalue()


def median_time(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pandas_figures(frame: pd.DataFrame) -> dict:
    """The same figures with a plain pandas groupby per dimension: the baseline."""
    df = frame
    for column, values in PANDAS_FILTERS.items():
        df = df[df[column].isin(values)]
    score = pd.to_numeric(df["Final %"], errors="coerce")
    meets = (score >= 70).astype(float).where(score.notna())
    return {column: meets.groupby(df[column]).agg(["count", "sum"])
            for column in ("Race/Ethnicity", "FRL", "ELL", "IEP")}


def load(data: bytes, name: str):
    con = dataset.connect()
    staged = dataset.stage(con, read_upload(data, name))
    return con, dataset.activate(con, staged, staged.proposal)


def apptest_rerun(data: bytes, name: str, repeats: int) -> tuple[float, float]:
    """A full rerun of the gaps page through Streamlit's AppTest: as it is (figures cached), and after a
    filter change (figures recomputed)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.run()
    bench = at.session_state["bench"]
    bench.upload(data, name)
    if bench.staged is not None:
        bench.confirm(bench.staged.proposal, remember=False)
    at.switch_page("pages/views/gaps.py").run()
    cached = median_time(at.run, repeats)

    def changed():
        bench._memo.clear()
        at.run()
    return cached, median_time(changed, repeats)


def measure(rows: int, repeats: int, parquet_only: bool) -> list[dict]:
    """Every measure at one size; run in a child process so its peak memory is its own."""
    frame = district_frame(rows)
    out = []

    def row(measure, ours, base, baseline):
        out.append({"rows": rows, "measure": measure, "project_s": ours, "baseline": baseline,
                    "baseline_s": base, "ratio": base / ours if base else None})

    if parquet_only:
        data, name = parquet_bytes(frame), "district.parquet"
        row("ingest parquet", median_time(lambda: read_upload(data, name), 1),
            median_time(lambda: pd.read_parquet(io.BytesIO(data)), 1), "pandas.read_parquet")
    elif rows <= 100_000:
        data, name = xlsx_bytes(frame), "district.xlsx"
        row("ingest xlsx", median_time(lambda: read_upload(data, name), 3),
            median_time(lambda: pd.read_excel(io.BytesIO(data), engine="openpyxl"), 1),
            "pandas.read_excel(openpyxl)")
    else:
        data, name = frame.to_csv(index=False).encode(), "district.csv"
        row("ingest csv", median_time(lambda: read_upload(data, name), 3),
            median_time(lambda: pd.read_csv(io.BytesIO(data), dtype=str), 3), "pandas.read_csv")
    start = time.perf_counter()
    con, _ = load(data, name)
    row("stage + map + build students", time.perf_counter() - start, None, "")

    def filter_change():
        cells = cell_counts(con, "final_pct", RULE, FILTERS)
        return [breakdown(con, "final_pct", RULE, d, filters=FILTERS, cells=cells) for d in DIMENSIONS]

    ours = median_time(filter_change, repeats)
    row("filter change, 4 dimensions", ours, median_time(lambda: pandas_figures(frame), repeats),
        "pandas groupby per dimension")
    row("filter change, 4 dimensions", ours, median_time(lambda: con.execute(BARE).fetchall(), repeats),
        "bare DuckDB GROUP BY (floor)")
    if rows <= 1_000_000:
        cached, changed = apptest_rerun(data, name, max(3, repeats // 2))
        row("AppTest rerun of gaps page", cached, None, "figures cached")
        row("AppTest rerun of gaps page", changed, None, "figures recomputed")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for r in out:
        r["peak_rss_mb"] = peak
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", action="store_true", help="also 1,000,000 rows")
    parser.add_argument("--huge", action="store_true", help="also 10,000,000 rows (Parquet)")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)       # a child's one size
    parser.add_argument("--parquet", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.size:
        print(json.dumps(measure(args.size, args.repeats, args.parquet)))
        return
    sizes = [(100_000, False)] + [(1_000_000, False)] * args.large + [(10_000_000, True)] * args.huge
    results = []
    for rows, parquet in sizes:
        command = [sys.executable, "-m", "benchmarks.run", "--size", str(rows), "--repeats", str(args.repeats)]
        done = subprocess.run(command + ["--parquet"] * parquet, cwd=ROOT, capture_output=True, text=True,
                              check=True)
        results += json.loads(done.stdout.strip().splitlines()[-1])
    print(f"{'rows':>10}  {'measure':30} {'project s':>10} {'baseline s':>11} {'ratio':>7}  {'peak MB':>8}  baseline")
    for r in results:
        base = f"{r['baseline_s']:11.4f}" if r["baseline_s"] else f"{'':11}"
        ratio = f"{r['ratio']:6.1f}x" if r["ratio"] else f"{'':7}"
        print(f"{r['rows']:>10,}  {r['measure']:30} {r['project_s']:10.4f} {base} {ratio}  "
              f"{r['peak_rss_mb']:8.0f}  {r['baseline']}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
