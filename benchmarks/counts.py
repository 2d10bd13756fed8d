"""A national-size file of published counts: load it, then click on the risk-ratio page.

    python -m benchmarks.counts                 # 20,000 schools (1,000 copies of the 20-school sample)
    python -m benchmarks.counts --copies 100    # 2,000 schools

The file is the fictional CRDC sample (sample_data/crdc_district.csv) repeated with new school names and keys,
so its shape is the CRDC public-use school file's. Measured through Streamlit's AppTest, as a person clicks: the
upload and confirmed mapping until figures can be asked (load), then a sidebar filter changed to a new choice
each time on the disproportionality page and the page rerun (click). Figures are medians, in seconds. Expect
noise on a busy machine; a click should cost in proportion to the groups shown, not to the schools.
"""

import argparse
import io
import statistics
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "crdc_district.csv"
RACES = ("White", "Black or African American", "Hispanic/Latino", "Asian", "Two or More Races",
         "American Indian or Alaska Native", "Native Hawaiian or Other Pacific Islander")


def national(copies: int) -> bytes:
    """The sample's schools `copies` times over, each copy's names and keys its own, as CSV."""
    base = pd.read_csv(SAMPLE, dtype=str)
    parts = []
    for copy in range(copies):
        part = base.copy()
        part["SCH_NAME"] = part["SCH_NAME"] + f" {copy}"
        part["COMBOKEY"] = part["COMBOKEY"].str[:7] + [f"{copy:05d}{i:02d}" for i in range(len(part))]
        parts.append(part)
    out = io.StringIO()
    pd.concat(parts).to_csv(out, index=False)
    return out.getvalue().encode()


def choices(count: int) -> list[list[str]]:
    """A new race filter for every click (a choice seen before would be answered from the session's memo)."""
    seen, found = set(), []
    for size in range(1, len(RACES) + 1):
        for start in range(len(RACES)):
            picked = tuple(sorted(RACES[(start + k) % len(RACES)] for k in range(size)))
            if picked not in seen:
                seen.add(picked)
                found.append(list(picked))
    return found[:count]


def main() -> None:
    from streamlit.testing.v1 import AppTest

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=1000)
    parser.add_argument("--clicks", type=int, default=5)
    args = parser.parse_args()
    data = national(args.copies)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=1800)
    at.switch_page("pages/views/log.py").run()
    bench = at.session_state["bench"]
    start = time.perf_counter()
    bench.upload(data, "national.csv")
    bench.confirm(bench.staged.proposal, remember=False)
    load = time.perf_counter() - start
    at.switch_page("pages/views/disproportionality.py").run()
    clicks = []
    for choice in choices(args.clicks):
        at.multiselect(key=f"filter_race_{bench.data.version}").set_value(choice)
        start = time.perf_counter()
        at.run()
        clicks.append(time.perf_counter() - start)
        if at.exception:
            raise RuntimeError(f"the click failed: {at.exception}")
    print(f"{bench.data.report.rows:,} cells of {args.copies * 20:,} schools: load {load:.2f} s; risk-page "
          f"click median {statistics.median(clicks):.2f} s of {len(clicks)} ({', '.join(f'{c:.2f}' for c in clicks)})")


if __name__ == "__main__":
    main()
