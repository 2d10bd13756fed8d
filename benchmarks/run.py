"""`make bench`: the app's paths against what an analyst would write, measured side by side, judged by targets.

    python -m benchmarks.run                # 100k and 1M rows
    python -m benchmarks.run --large        # and 10M rows (long: run it with nice on a quiet machine)
    python -m benchmarks.run --profile 1000000   # where one sidebar click spends its time (cProfile)

What is compared, with new filter values on every iteration for every method (a value seen before would let a
cache answer):
- the figures behind a click (breakdowns by race, income, English learner and special education under the
  filters) through the app's own path, against a typed pandas frame (categoricals, booleans, the score parsed
  once, one mask per click and no copies of whole columns) and against the best bare DuckDB query over the
  app's typed `students` table, a scan or a pre-aggregated cube over the same columns as the app's cube,
  whichever is faster (the floor); and, to show where the difference lies, the app's sums of the same cells alone
  (the figures without the n-size, the rule across views and intervals, which the floor does not do);
- a real sidebar click through Streamlit's AppTest on the gaps page: filter widgets changed, the page rerun,
  its table read; and a rerun with nothing changed;
- loading a file until it can be queried, each method in a process of its own so its peak memory is its own
  (resident set size of the process and of any child it starts).

Each size and each load runs in its own process with a timeout; what finished is kept when one fails. Figures
are medians. Compare the ratios rather than the seconds across machines, and expect noise on a busy machine.
Results go to benchmarks/results/latest.json: the measurements and the verdict on every target.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from benchmarks import data
from benchmarks.memory import peak_mb
from benchmarks.verdict import HUNDRED_K, ONE_M, TEN_M, speed, verdicts

ROOT = Path(__file__).resolve().parent.parent
RESULTS = data.CACHE.parent
OUTCOME, THRESHOLD = "final_pct", 70.0
FIGURE_DIMENSIONS = ("race", "low_income", "english_learner", "special_ed")
DIMENSION_COLUMNS = FIGURE_DIMENSIONS       # the typed pandas frame names them as the sidebar does
FLAG_CHOICES = ((), ("true",), ("false",))
LOADS = {"parquet": ("app", "pandas", "duckdb"), "csv": ("app", "pandas", "duckdb"),
         "xlsx": ("app", "read_excel")}
TIMEOUT = {HUNDRED_K: 900, ONE_M: 1800, TEN_M: 2400}   # seconds per process


# --- measuring helpers -----------------------------------------------------------------------------------------

def tree_rss_mb(pid: int | None = None) -> float:
    """Resident memory now of a process and all its descendants (the app reads files in helper processes), MB."""
    pid = pid or os.getpid()
    total = 0.0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) / 1024
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += tree_rss_mb(int(child))
    except OSError:                # a process that ended while being read
        pass
    return total


class PeakMemory(threading.Thread):
    """Samples the process tree's resident memory every 10 ms while a load runs: its peak, whichever process of
    the tree held it (the kernel's own peak counter sees this process only)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peak, self.done = tree_rss_mb(), threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.01):
            self.peak = max(self.peak, tree_rss_mb())

    def stop(self) -> float:
        self.done.set()
        self.join()
        return max(self.peak, peak_mb(), tree_rss_mb())


def filter_sequence(count: int, seed: int = 11) -> list[dict[str, tuple[str, ...]]]:
    """`count` different sidebar choices (race values, income, English learner): no two alike."""
    rng = random.Random(seed)
    seen, out = set(), []
    while len(out) < count:
        races = tuple(sorted(rng.sample(data.RACES, rng.randint(1, len(data.RACES) - 1))))
        choice = {"race": races, "low_income": rng.choice(FLAG_CHOICES),
                  "english_learner": rng.choice(FLAG_CHOICES)}
        key = tuple(choice.values())
        if key not in seen:
            seen.add(key)
            out.append(choice)
    return out


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


# --- loading, one method per process ---------------------------------------------------------------------------

def typed_pandas(frame):
    """How an analyst types the export once: categories for labels, booleans for flags, the score a number."""
    import pandas as pd

    return pd.DataFrame({
        "term": frame["School Year"].astype("category"), "school": frame["School"].astype("category"),
        "grade": frame["Grade"].astype(str).astype("category"),
        "race": frame["Race/Ethnicity"].astype("category"),
        "low_income": frame["FRL"].isin(data.LOW_INCOME), "english_learner": frame["ELL"].eq("Y"),
        "special_ed": frame["IEP"].eq("Yes"), "score": pd.to_numeric(frame["Final %"], errors="coerce"),
    })


def load_app(file: Path):
    """The app's path: read the upload as a session does, stage it, map it as proposed and build the typed
    `students` table."""
    from equity.data import dataset
    from equity.data.ingest import read_upload

    con = dataset.connect()
    staged = dataset.stage(con, read_upload(file.read_bytes(), file.name, typed=True))
    dataset.activate(con, staged, staged.proposal)
    con.execute("SELECT count(*) FROM students").fetchone()
    return con


def lift_limits() -> None:
    """Let the app read a file of any size, in this process, for the measures of clicks: they are about the
    figures of loaded data, not about reading it (which the loads measure as a session reads)."""
    from equity.data import limits

    os.environ["EQUITY_ISOLATE"] = "0"
    for name in ("text_bytes", "table_bytes"):
        object.__setattr__(limits.LIMITS, name, 1 << 50)


def load_pandas(file: Path):
    import pandas as pd

    reader = {"parquet": pd.read_parquet, "csv": lambda p: pd.read_csv(p, dtype=str)}[file.suffix[1:]]
    return typed_pandas(reader(file))


def load_duckdb(file: Path):
    """The floor of loading: DuckDB's own reader into a table, no mapping, no normalisation."""
    import duckdb

    con = duckdb.connect(":memory:")
    reader = {"parquet": "read_parquet", "csv": "read_csv"}[file.suffix[1:]]
    con.execute(f"CREATE TABLE t AS SELECT * FROM {reader}(?)", [str(file)])
    return con


def load_read_excel(file: Path):
    import pandas as pd

    return pd.read_excel(file, engine="openpyxl")


def measure_load(rows: int, fmt: str, method: str) -> dict:
    file = data.path(rows, fmt)
    load = {"app": load_app, "pandas": load_pandas, "duckdb": load_duckdb,
            "read_excel": load_read_excel}[method]
    import duckdb  # noqa: F401  (imports are not part of the load)
    import pandas  # noqa: F401

    import equity.data.dataset  # noqa: F401
    from equity.data.ingest import read_upload

    read_upload(b"a,b\n1,2\n", "warm.csv")     # a running app has its reader helper started already
    start_mb = tree_rss_mb()
    sampler = PeakMemory()
    sampler.start()
    start = time.perf_counter()
    kept = load(file)
    seconds = time.perf_counter() - start
    peak_mb = sampler.stop()
    del kept
    return {"seconds": seconds, "peak_mb": peak_mb, "start_mb": start_mb}


# --- the figures behind a click, and real clicks ---------------------------------------------------------------

def pandas_figures(frame, choice: dict) -> dict:
    """Count and sum of meeting the threshold (its own square) per group of each dimension, under the filters:
    one boolean mask, and only the kept rows of the columns grouped by are taken."""
    mask = frame["race"].isin(choice["race"]).to_numpy()
    for column in ("low_income", "english_learner"):
        if choice[column]:
            mask = mask & (frame[column].to_numpy() == (choice[column][0] == "true"))
    kept = frame.loc[mask, [*DIMENSION_COLUMNS, "score"]]
    meets = (kept["score"] >= THRESHOLD).astype(float).where(kept["score"].notna())
    return {column: meets.groupby(kept[column], observed=True).agg(["count", "sum"])
            for column in DIMENSION_COLUMNS}


CUBE = """
CREATE OR REPLACE TEMP TABLE bench_cube AS
SELECT race_ethnicity, low_income, english_learner, special_ed, section_504, gender, grade, school, term,
       count(y) AS n, sum(y) AS total, sum(y * y) AS squares
FROM (SELECT *, CAST(final_pct >= 70 AS DOUBLE) AS y FROM students)
GROUP BY ALL
"""
SCAN = """
SELECT race_ethnicity, low_income, english_learner, special_ed,
       count(y) AS n, sum(y) AS total, sum(y * y) AS squares
FROM (SELECT race_ethnicity, low_income, english_learner, special_ed, CAST(final_pct >= 70 AS DOUBLE) AS y
      FROM students WHERE {where})
GROUP BY ALL
"""
FROM_CUBE = """
SELECT race_ethnicity, low_income, english_learner, special_ed, sum(n), sum(total), sum(squares)
FROM bench_cube WHERE {where}
GROUP BY ALL
"""


def where(choice: dict) -> str:
    """The filters as an analyst types them: literal IN lists on the typed columns."""
    races = ", ".join("'" + r.replace("'", "''") + "'" for r in choice["race"])
    parts = [f"race_ethnicity IN ({races})"]
    parts += [f"{column} = {choice[column][0]}" for column in ("low_income", "english_learner") if choice[column]]
    return " AND ".join(parts)


def roll_up(rows) -> dict:
    """Per-dimension sums of the few combination rows a bare query returns (part of the figures' cost)."""
    out: dict = {}
    for row in rows:
        for i, column in enumerate(DIMENSION_COLUMNS):
            n, total = out.setdefault(column, {}).get(row[i], (0, 0.0))
            out[column][row[i]] = (n + row[4], total + row[5])
    return out


def app_figures(bench, choice: dict):
    """The app's own path for a click: the session's filters changed, then every breakdown it needs."""
    from equity.model.filters import Filters
    from equity.model.rules import Rule

    bench.filters = Filters(**choice)
    return [bench.breakdown(OUTCOME, Rule("threshold", THRESHOLD), d) for d in FIGURE_DIMENSIONS]


def app_sums(bench, choice: dict):
    """The part of the app's figures the floor also does: the click's cells, summed per group of each dimension,
    without the n-size, the rule across views or intervals on top."""
    from equity.model.dimensions import DIMENSIONS
    from equity.model.filters import Filters
    from equity.model.rules import Rule

    bench.filters = Filters(**choice)
    cells = bench.cells(OUTCOME, Rule("threshold", THRESHOLD))
    return [cells.by(DIMENSIONS[d].column) for d in FIGURE_DIMENSIONS]


def open_gaps_page(rows: int):
    """AppTest on app.py with the district uploaded and mapped, showing the gaps page."""
    from streamlit.testing.v1 import AppTest

    file = data.path(rows, "parquet")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=1800)
    at.run()
    bench = at.session_state["bench"]
    bench.upload(file.read_bytes(), file.name)
    if bench.staged is not None:
        bench.confirm(bench.staged.proposal, remember=False)
    at.switch_page("pages/views/gaps.py").run()
    return at, bench


def click(at, version: int, choice: dict) -> float:
    """Change the sidebar's filter widgets, rerun the page and read its table; the seconds it took."""
    for field, values in choice.items():
        at.multiselect(key=f"filter_{field}_{version}").set_value(list(values))
    start = time.perf_counter()
    at.run()
    table = at.dataframe[0].value
    seconds = time.perf_counter() - start
    if at.exception or table.empty:
        raise RuntimeError(f"the click failed: {at.exception}")
    return seconds


def chart_kb(bench) -> float:
    """The largest chart spec the gaps page sends (the gap chart, and the heat table of a crossing), in KB."""
    from equity.model.rules import Rule
    from equity.present.charts import gap_chart, heat_table
    from equity.stats.crosstab import crosstab

    rule = Rule("threshold", THRESHOLD)
    specs = [gap_chart(bench.breakdown(OUTCOME, rule, "race")).to_json(),
             heat_table(crosstab(bench.con, OUTCOME, rule, "race", "low_income", bench.filters)).to_json()]
    return max(len(s.encode()) for s in specs) / 1024


def measure_clicks(rows: int, repeats: int) -> dict:
    """Every per-click measure at one size, methods interleaved so that noise falls on all of them alike."""
    import pandas as pd

    from equity.app.session import Workbench
    from equity.model.rules import Rule

    lift_limits()
    at, bench = open_gaps_page(rows)
    frame = typed_pandas(pd.read_parquet(data.path(rows, "parquet")))
    bench.con.execute(CUBE)
    cube_start = time.perf_counter()
    bench.con.execute(CUBE)
    cube_build = time.perf_counter() - cube_start
    direct = Workbench(con=bench.con, data=bench.data)   # its own memo: the page's cache is not shared
    cube_start = time.perf_counter()
    direct.cube(OUTCOME, Rule("threshold", THRESHOLD))
    app_cube_build = time.perf_counter() - cube_start
    choices = filter_sequence(2 * repeats + 2)
    figures, clicks = choices[:repeats + 1], choices[repeats + 1:]
    times: dict[str, list[float]] = {k: [] for k in ("figures", "sums", "pandas", "scan", "cube", "click", "rerun")}
    summing = Workbench(con=bench.con, data=bench.data)
    methods = {
        "figures": lambda c: app_figures(direct, c),
        "sums": lambda c: app_sums(summing, c),
        "pandas": lambda c: pandas_figures(frame, c),
        "scan": lambda c: roll_up(bench.con.execute(SCAN.format(where=where(c))).fetchall()),
        "cube": lambda c: roll_up(bench.con.execute(FROM_CUBE.format(where=where(c))).fetchall()),
    }
    check_agreement(methods, figures[0])
    for i, choice in enumerate(figures):
        for name, method in methods.items():
            start = time.perf_counter()
            method(choice)
            if i:                          # the first round warms every path up
                times[name].append(time.perf_counter() - start)
    version = bench.data.version
    for i, choice in enumerate(clicks):
        seconds = click(at, version, choice)
        if i:
            times["click"].append(seconds)
            start = time.perf_counter()
            at.run()
            times["rerun"].append(time.perf_counter() - start)
    times |= warning_clicks(at, version, clicks)
    out = {f"{k}_ms": median_ms(v) for k, v in times.items()}
    out["floor_ms"] = min(out["scan_ms"], out["cube_ms"])
    out["floor_cube_build_ms"] = cube_build * 1000
    out["app_cube_build_ms"] = app_cube_build * 1000
    out["chart_kb"] = chart_kb(bench)
    out["repeats"] = repeats
    return out


def warning_clicks(at, version: int, clicks: list[dict]) -> dict[str, list[float]]:
    """The early-warning page (its summary by group; the roster stays closed): opened once, which builds its cube
    of flags, then the same sidebar clicks as the gaps page, the first left out as a warm-up. The district has no
    column of credits, so the on-track page has nothing to show on it and is not measured."""
    start = time.perf_counter()
    at.switch_page("pages/views/warning.py").run()
    opened = [time.perf_counter() - start]
    if at.exception or at.dataframe[0].value.empty:
        raise RuntimeError(f"the early-warning page failed: {at.exception}")
    seconds = [click(at, version, choice) for choice in clicks]
    return {"warning_open": opened, "warning_click": seconds[1:]}


def check_agreement(methods: dict, choice: dict) -> None:
    """Every method gives the same number of students per race group, or the comparison means nothing."""
    found = {}
    for name, method in methods.items():
        result = method(choice)
        if name == "figures":
            found[name] = {g.key: g.n for g in result[0].groups}
        elif name == "sums":
            found[name] = {k: stats.n for k, stats in result[0][1].items()}
        elif name == "pandas":
            found[name] = {k: int(v) for k, v in result["race"]["count"].items()}
        else:
            found[name] = {k: int(n) for k, (n, _) in result["race"].items()}
    if len({json.dumps(sorted(v.items())) for v in found.values()}) != 1:
        raise RuntimeError(f"the methods disagree on the figures: {found}")


def profile_click(rows: int) -> str:
    """cProfile of one sidebar click after a warm-up, summarised by package and by the costliest calls. The page
    runs in Streamlit's script thread, so the profiler is switched on there, around the script run."""
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    lift_limits()
    at, bench = open_gaps_page(rows)
    first, second = filter_sequence(2, seed=5)
    click(at, bench.data.version, first)
    profiler = cProfile.Profile()
    original = ScriptRunner._run_script

    def profiled(self, rerun_data):
        profiler.enable()
        try:
            return original(self, rerun_data)
        finally:
            profiler.disable()
    ScriptRunner._run_script = profiled
    seconds = click(at, bench.data.version, second)
    ScriptRunner._run_script = original
    stats = pstats.Stats(profiler)
    by_package: dict[str, float] = {}
    for (file, _, _), (_, _, own, _, _) in stats.stats.items():
        by_package[package(file)] = by_package.get(package(file), 0.0) + own
    lines = [f"one click at {rows:,} rows: {seconds * 1000:.0f} ms (profiled, so slower than unprofiled)",
             "own time by package:"]
    total = sum(by_package.values())
    for name, own in sorted(by_package.items(), key=lambda kv: -kv[1])[:12]:
        lines.append(f"  {name:28} {own * 1000:8.1f} ms  {own / total:6.1%}")
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(40)
    return "\n".join(lines) + "\n" + text.getvalue()


def package(file: str) -> str:
    """The package a profiled function lives in: the app's own modules by name, libraries by their top name."""
    parts = Path(file).parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1]
    for home in ("equity", "pages"):
        if home in parts:
            return f"{home}.{Path(file).stem}"
    return "python" if file.startswith("~") or "/lib/python" in file else Path(file).name


# --- the parent: one process per size and per load, a table and a verdict --------------------------------------

def child(args: list[str], timeout: int) -> dict:
    """Run one measure in a process of its own; its result, or what went wrong (the run goes on)."""
    command = ["nice", sys.executable, "-m", "benchmarks.run", *args]
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout} s"}
    if done.returncode:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def formats(rows: int) -> tuple[str, ...]:
    return ("parquet", "csv", "xlsx") if rows <= HUNDRED_K else ("parquet", "csv") if rows <= ONE_M else ("parquet",)


def run_size(rows: int, repeats: int, load_repeats: int, measured: dict, log: list[dict]) -> None:
    """Everything at one size, each result recorded as soon as it is in."""
    timeout = TIMEOUT.get(rows, 5400)
    for fmt in formats(rows):
        made = child(["--make", str(rows), fmt], timeout)
        if "error" in made:
            log.append({"rows": rows, "what": f"make {fmt}", **made})
            continue
        for method in LOADS[fmt]:
            runs = [child(["--load", str(rows), fmt, method], timeout) for _ in range(load_repeats)]
            good = [r for r in runs if "error" not in r]
            entry = {"rows": rows, "what": f"load {fmt}", "method": method, "runs": len(good)}
            if good:
                for key, field in (("load_s", "seconds"), ("load_mb", "peak_mb"), ("start_mb", "start_mb")):
                    measured[(rows, f"{key}:{fmt}:{method}")] = statistics.median(r[field] for r in good)
            else:
                entry["error"] = runs[0]["error"]
            log.append(entry)
            save(measured, log)
    clicks = child(["--clicks", str(rows), "--repeats", str(repeats)], timeout)
    if "error" in clicks:
        log.append({"rows": rows, "what": "clicks", **clicks})
    else:
        measured.update({(rows, k): v for k, v in clicks.items()})
    save(measured, log)


def save(measured: dict, log: list[dict]) -> list[dict]:
    judged = verdicts(measured)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps({
        "targets": judged,
        "measurements": [{"rows": rows, "measure": key, "value": value}
                         for (rows, key), value in sorted(measured.items())],
        "problems": [entry for entry in log if "error" in entry],
    }, indent=1))
    return judged


def report(measured: dict, log: list[dict]) -> str:
    """The comparison table per size, then every target with its verdict."""
    lines = [f"{'rows':>10}  {'measure':44} {'app':>10} {'compared with':>32} {'theirs':>10}  verdict"]

    def line(rows, what, ours, other="", theirs=None, words=""):
        theirs_text = f"{theirs:10.4g}" if theirs is not None else f"{'':10}"
        lines.append(f"{rows:>10,}  {what:44} {ours:10.4g} {other:>32} {theirs_text}  {words}")

    for rows in sorted({r for r, _ in measured}):
        m = {k: v for (r, k), v in measured.items() if r == rows}
        if "figures_ms" in m:
            for other, key in (("typed pandas", "pandas_ms"), ("bare DuckDB scan", "scan_ms"),
                               ("bare DuckDB cube", "cube_ms"), ("floor (faster of the two)", "floor_ms")):
                line(rows, "figures of a click, 4 breakdowns (ms)", m["figures_ms"], other, m[key],
                     "app " + speed(m[key], m["figures_ms"]))
            if "sums_ms" in m:
                line(rows, "of which the cells' sums alone (ms)", m["sums_ms"], "floor (faster of the two)",
                     m["floor_ms"], "app " + speed(m["floor_ms"], m["sums_ms"]))
            line(rows, "sidebar click, AppTest (ms)", m["click_ms"])
            line(rows, "rerun with nothing changed, AppTest (ms)", m["rerun_ms"])
            if "warning_click_ms" in m:
                line(rows, "early-warning page opened, AppTest (ms)", m["warning_open_ms"])
                line(rows, "early-warning sidebar click, AppTest (ms)", m["warning_click_ms"])
            line(rows, "cube built once per outcome and rule (ms)", m["app_cube_build_ms"], "bare DuckDB cube",
                 m["floor_cube_build_ms"], "app " + speed(m["floor_cube_build_ms"], m["app_cube_build_ms"]))
            line(rows, "largest chart spec (KB)", m["chart_kb"])
        for fmt, methods in LOADS.items():
            ours = m.get(f"load_s:{fmt}:app")
            for method in methods:
                s, mb = m.get(f"load_s:{fmt}:{method}"), m.get(f"load_mb:{fmt}:{method}")
                if s is None:
                    continue
                start = m[f"start_mb:{fmt}:{method}"]
                words = f"peak {mb:,.0f} MB ({mb - start:+,.0f} MB over the {start:,.0f} MB at start)"
                if method == "app" or ours is None:
                    line(rows, f"load {fmt} until queryable (s): {method}", s, "", None, words)
                else:
                    line(rows, f"load {fmt} until queryable (s)", ours, method, s,
                         f"app {speed(s, ours)}; their {words}")
    for entry in log:
        if "error" in entry:
            lines.append(f"{entry['rows']:>10,}  {entry['what']} {entry.get('method', '')}: {entry['error']}")
    lines += ["", f"{'target':48} {'rows':>11} {'measured':>10} {'target':>22} verdict"]
    for v in verdicts(measured):
        value = f"{v['measured']:10.4g}" if v["measured"] is not None else f"{'':10}"
        verdict = "met" if v["met"] else "MISSED" if v["measured"] is not None else "missed (not run)"
        lines.append(f"{v['name']:48} {v['rows']:>11,} {value} {v['op']:>3} {v['target']:>5g} {v['unit']:<12}"
                     f" {verdict}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", action="store_true", help="also 10,000,000 rows")
    parser.add_argument("--sizes", type=int, nargs="+", help="exactly these sizes instead")
    parser.add_argument("--repeats", type=int, default=21, help="clicks and figure computations per method")
    parser.add_argument("--load-repeats", type=int, default=3,
                        help="processes per load method, at every size (one load of 10M rows varies by a second)")
    parser.add_argument("--profile", type=int, metavar="ROWS", help="profile one click at ROWS rows")
    parser.add_argument("--show", action="store_true", help="print the table of the last run again")
    parser.add_argument("--make", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--load", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--clicks", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.make:
        print(json.dumps({"path": str(data.path(int(args.make[0]), args.make[1]))}))
    elif args.load:
        print(json.dumps(measure_load(int(args.load[0]), args.load[1], args.load[2])))
    elif args.clicks:
        print(json.dumps(measure_clicks(args.clicks, args.repeats)))
    elif args.profile:
        print(profile_click(args.profile))
    elif args.show:
        last = json.loads((RESULTS / "latest.json").read_text())
        print(report({(m["rows"], m["measure"]): m["value"] for m in last["measurements"]}, last["problems"]))
    else:
        sizes = args.sizes or [HUNDRED_K, ONE_M] + [TEN_M] * args.large
        measured: dict = {}
        log: list[dict] = []
        for rows in sizes:
            print(f"measuring {rows:,} rows ...", file=sys.stderr, flush=True)
            run_size(rows, args.repeats, args.load_repeats, measured, log)
        print(report(measured, log))
        save(measured, log)


if __name__ == "__main__":
    main()
