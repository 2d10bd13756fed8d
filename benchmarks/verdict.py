"""The targets the benchmark is judged by, and the verdict on each from measured numbers: pure functions, so a
script reading benchmarks/results/latest.json and the tests agree on what "met" means."""

from dataclasses import dataclass

TEN_M, ONE_M, HUNDRED_K = 10_000_000, 1_000_000, 100_000


@dataclass(frozen=True)
class Target:
    """One target: a measure (or the ratio of two) at one size, compared with a limit by `op`."""

    name: str
    rows: int
    measure: str | tuple[str, str]     # a key of the measurements, or (numerator, denominator)
    limit: float
    unit: str
    op: str                            # "<=", ">=" or "<"

    def value(self, measured: dict[tuple[int, str], float]) -> float | None:
        if isinstance(self.measure, str):
            return measured.get((self.rows, self.measure))
        top, bottom = (measured.get((self.rows, key)) for key in self.measure)
        return top / bottom if top is not None and bottom else None

    def met(self, value: float | None) -> bool:
        if value is None:
            return False
        return {"<=": value <= self.limit, ">=": value >= self.limit, "<": value < self.limit}[self.op]


TARGETS = (
    Target("sidebar click through AppTest", TEN_M, "click_ms", 100, "ms", "<="),
    Target("sidebar click through AppTest", ONE_M, "click_ms", 60, "ms", "<="),
    Target("figures of a click: typed pandas / app", TEN_M, ("pandas_ms", "figures_ms"), 5, "× faster", ">="),
    Target("figures of a click: app / bare DuckDB floor", TEN_M, ("figures_ms", "floor_ms"), 1.5, "× the floor",
           "<="),
    # Read as a session reads an upload: in a child process, under the upload limits (equity.data.limits).
    Target("Parquet loaded and ready to query", TEN_M, "load_s:parquet:app", 3, "s", "<="),
    Target("Parquet load, peak memory", TEN_M, "load_mb:parquet:app", 1500, "MB", "<="),
    Target("xlsx load: read_excel(openpyxl) / app", HUNDRED_K, ("load_s:xlsx:read_excel", "load_s:xlsx:app"), 10,
           "× faster", ">="),
    Target("largest chart spec", HUNDRED_K, "chart_kb", 50, "KB", "<"),
)


def verdicts(measured: dict[tuple[int, str], float], targets=TARGETS) -> list[dict]:
    """Every target with its measured value (None when that size or measure was not run) and met or not."""
    out = []
    for target in targets:
        value = target.value(measured)
        out.append({"name": target.name, "rows": target.rows, "measured": value, "target": target.limit,
                    "unit": target.unit, "op": target.op, "met": target.met(value)})
    return out


def speed(baseline: float, ours: float) -> str:
    """How `ours` compares with `baseline` (both times), in words that cannot be misread: '3.2× faster'."""
    if ours <= 0 or baseline <= 0:
        return "n/a"
    ratio = baseline / ours
    return f"{ratio:.1f}× faster" if ratio >= 1 else f"{1 / ratio:.1f}× slower"
