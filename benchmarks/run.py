"""`make bench`: the project's paths against plain baselines, measured in one run and printed as ratios.

Figures are medians of several repeats on this machine; compare the ratios, not the seconds, across machines.
Writes the same table as JSON to benchmarks/results/latest.json.

    python -m benchmarks.run [--rows 100000] [--repeats 5]
"""

import argparse
import io
import json
import statistics
import time
import tracemalloc
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd

from equity import dataset
from equity.filters import Filters
from equity.ingest import read_upload
from equity.metrics import Rule, breakdown, cell_counts

RACES = ["Hispanic/Latino", "White", "Black or African American", "Asian", "Two or More Races"]
DIMENSIONS = ("race", "low_income", "english_learner", "special_ed")
RESULTS = Path(__file__).resolve().parent / "results"
BARE = """
SELECT race_ethnicity, low_income, english_learner, special_ed, count(y), sum(y), sum(y * y)
FROM (SELECT race_ethnicity, low_income, english_learner, special_ed, CAST(final_pct >= 70 AS DOUBLE) AS y
      FROM students
      WHERE race_ethnicity IN ('Black or African American', 'Hispanic/Latino') AND low_income)
GROUP BY ALL
"""


def district_frame(rows: int, seed: int = 7) -> pd.DataFrame:
    """A seeded student-term table with the usual export headers."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "Student ID": [f"{i:07d}" for i in range(rows)],
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


def timed(function, repeats: int) -> tuple[float, int]:
    """Median seconds over `repeats`, and the peak Python-heap bytes of one run (Arrow and DuckDB memory
    outside the Python heap is not counted)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak


def pandas_figures(frame: pd.DataFrame, filters: dict) -> dict:
    """The same figures with a plain pandas groupby per dimension: the baseline."""
    df = frame
    for column, values in filters.items():
        df = df[df[column].isin(values)]
    score = pd.to_numeric(df["Final %"], errors="coerce")
    meets = (score >= 70).astype(float).where(score.notna())
    out = {}
    for column in ("Race/Ethnicity", "FRL", "ELL", "IEP"):
        grouped = meets.groupby(df[column])
        out[column] = (grouped.count(), grouped.sum())
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    frame = district_frame(args.rows)
    book = xlsx_bytes(frame)
    rows = []

    ours, ours_peak = timed(lambda: read_upload(book, "district.xlsx"), max(1, args.repeats // 2))
    theirs, theirs_peak = timed(lambda: pd.read_excel(io.BytesIO(book), engine="openpyxl"), 1)
    rows.append(("ingest xlsx", ours, theirs, ours_peak, theirs_peak))

    con = dataset.connect()
    staged = dataset.stage(con, read_upload(book, "district.xlsx"))
    dataset.activate(con, staged, staged.proposal)
    filters = Filters(race=("Black or African American", "Hispanic/Latino"), low_income=("true",))
    rule = Rule("threshold", 70.0)

    def filter_change():
        """What a filter change costs on the gaps page: one scan, then all four breakdowns from its cells."""
        cells = cell_counts(con, "final_pct", rule, filters)
        return [breakdown(con, "final_pct", rule, d, filters=filters, cells=cells) for d in DIMENSIONS]

    def bare_duckdb():
        """The floor: the same counts from one hand-written GROUP BY with the filters inlined."""
        return con.execute(BARE).fetchall()

    pandas_filters = {"Race/Ethnicity": ["Black or African American", "Hispanic/Latino"],
                      "FRL": ["Free", "Reduced"]}
    ours, ours_peak = timed(filter_change, args.repeats)
    theirs, theirs_peak = timed(lambda: pandas_figures(frame, pandas_filters), args.repeats)
    rows.append(("filter change (4 dimensions)", ours, theirs, ours_peak, theirs_peak))
    floor, floor_peak = timed(bare_duckdb, args.repeats)
    rows.append(("  vs bare DuckDB GROUP BY", ours, floor, ours_peak, floor_peak))

    print(f"{args.rows:,} rows; medians of {args.repeats} runs (ingest: fewer)")
    print(f"{'measure':32} {'project s':>10} {'baseline s':>11} {'baseline/project':>9} "
          f"{'project heap MB':>16} {'baseline heap MB':>17}")
    for name, ours, theirs, ours_peak, theirs_peak in rows:
        print(f"{name:32} {ours:10.4f} {theirs:11.4f} {theirs / ours:8.1f}x {ours_peak / 1e6:16.1f} "
              f"{theirs_peak / 1e6:17.1f}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps({"rows": args.rows, "measures": [
        {"measure": n, "project_s": o, "baseline_s": t, "speedup": t / o, "project_peak_bytes": op,
         "baseline_peak_bytes": tp} for n, o, t, op, tp in rows]}, indent=1))


if __name__ == "__main__":
    main()
