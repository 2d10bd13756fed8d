"""Many people at once: start the app on a free loopback port, open N browser sessions together (one headless
Chromium, one context each), and in each open the app, upload a different file, confirm its mapping, open the
gaps page and change a filter. Prints errors and latency percentiles per step, and the server's peak memory.

    python -m benchmarks.load [--sessions 20] [--rows 2000] [--timeout 1200]

It stops by itself after --timeout seconds and always stops the server it started. Needs Chromium at
/usr/bin/chromium and the Python playwright package (requirements-test.txt). Writes benchmarks/results/load.json.
"""

import argparse
import asyncio
import csv
import io
import json
import math
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]
STEPS = ("open", "upload", "confirm", "gaps", "filter")
RACES = ("Hispanic", "White", "Black", "Asian", "Two or more")
STEP_TIMEOUT_MS = 300_000


@dataclass
class Session:
    number: int
    seconds: dict[str, float] = field(default_factory=dict)
    error: str = ""


def class_rows(number: int, rows: int) -> list[list]:
    """A different gradebook for every session: its own IDs, the usual export headers."""
    table = [["Student ID", "Race/Ethnicity", "Lunch Status", "ELL", "Final %"]]
    for i in range(rows):
        table.append([f"S{number:02d}{i:05d}", RACES[(i * 7 + number) % 5], "Free" if i % 3 == 0 else "Paid",
                      "Y" if i % 6 == 0 else "N", 40 + (i * 13 + number) % 60])
    return table


def class_file(number: int, rows: int) -> tuple[str, bytes]:
    """Even sessions upload a CSV, odd ones an .xlsx (read in the workbook reader's own process)."""
    table = class_rows(number, rows)
    if number % 2 == 0:
        out = io.StringIO(newline="")
        csv.writer(out).writerows(table)
        return f"class_{number:02d}.csv", out.getvalue().encode()
    import openpyxl

    book = openpyxl.Workbook()
    for row in table:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return f"class_{number:02d}.xlsx", out.getvalue()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, workspace: Path, log: Path) -> subprocess.Popen:
    env = {**os.environ, "STREAMLIT_SERVER_PORT": str(port), "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
           "STREAMLIT_SERVER_HEADLESS": "true", "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
           "EQUITY_WORKSPACE": str(workspace)}
    with log.open("wb") as output:
        process = subprocess.Popen([sys.executable, "serve.py"], cwd=ROOT, env=env,
                                   stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/_stcore/health"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    stop_server(process)
    raise SystemExit("The app did not start within 60 seconds.")


def stop_server(process: subprocess.Popen) -> None:
    """The server and whatever it started (the workbook reader's processes), by process group."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


class ServerWatch(threading.Thread):
    """The server's resident memory, sampled twice a second (peak kept), and the CPU time it used."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_mb, self.cpu_seconds, self.running = pid, 0, 0.0, True

    def run(self) -> None:
        ticks = os.sysconf("SC_CLK_TCK")
        while self.running:
            try:
                status = Path(f"/proc/{self.pid}/status").read_text()
                kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
                self.peak_mb = max(self.peak_mb, kb // 1024)
                fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
                self.cpu_seconds = (int(fields[11]) + int(fields[12])) / ticks   # utime + stime
            except (OSError, StopIteration, IndexError, ValueError):
                pass
            time.sleep(0.5)


async def timed(session: Session, step: str, action) -> None:
    started = time.perf_counter()
    await action()
    session.seconds[step] = time.perf_counter() - started


async def one_session(browser, url: str, session: Session, folder: Path, rows: int) -> None:
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    name, data = class_file(session.number, rows)
    path = folder / name
    path.write_bytes(data)
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    try:
        async def open_app():
            await page.goto(url)
            await page.get_by_text("This is sample data").wait_for()

        loaded = page.get_by_text(f"Loaded: {name}")

        async def upload():
            """Ends on the mapping screen, or at once on the loaded data when another session has confirmed
            a mapping for the same layout (remembered in the shared workspace), as colleagues' exports do."""
            await page.get_by_role("link", name="Your data").first.click()
            await page.locator("input[type=file]").first.set_input_files(str(path))
            await page.get_by_text(f"Check the columns of {name}").or_(loaded).wait_for()

        async def confirm():
            if not await loaded.is_visible():
                await page.get_by_role("button", name="Confirm mapping").click()
            await loaded.wait_for()

        async def gaps():
            await page.get_by_role("link", name="Gaps by group").first.click()
            await page.get_by_text("The largest gap").wait_for()

        async def change_filter():
            """Low income only: the race breakdown keeps several groups, so its sentence comes back."""
            sidebar = page.get_by_test_id("stSidebar")
            income = sidebar.get_by_role("combobox", name="Income")
            if not await income.is_visible():
                await sidebar.get_by_text("Filters", exact=True).click()
                await income.wait_for()
            option = page.get_by_role("option", name="Low income", exact=True)
            for _ in range(5):       # a click during the expander's opening animation may not open the list
                await income.click()
                try:
                    await option.wait_for(timeout=3_000)
                    break
                except PlaywrightTimeout:
                    continue
            await option.click()
            await page.get_by_test_id("stMain").get_by_text("Filtered to").wait_for()
            await page.get_by_test_id("stStatusWidget").wait_for(state="hidden")
            await page.get_by_text("The largest gap").wait_for()

        for step, action in zip(STEPS, (open_app, upload, confirm, gaps, change_filter), strict=True):
            await timed(session, step, action)
        body = await page.inner_text("body")
        if "Traceback" in body or name not in body:
            session.error = "the page shows a traceback or lost its file name"
    except Exception as error:  # noqa: BLE001 - a failed session is counted, the others go on
        step = next((s for s in STEPS if s not in session.seconds), "")
        session.error = f"{step}: {type(error).__name__}: {str(error).splitlines()[0][:200]}"
        RESULTS.mkdir(exist_ok=True)
        await page.screenshot(path=str(RESULTS / f"load_error_{session.number:02d}.png"), full_page=True)
    finally:
        await context.close()


async def drive(url: str, sessions: list[Session], rows: int) -> None:
    from playwright.async_api import async_playwright

    with tempfile.TemporaryDirectory(prefix="equity-load-") as folder:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            try:
                await asyncio.gather(*(one_session(browser, url, s, Path(folder), rows) for s in sessions))
            finally:
                await browser.close()


def percentile(values: list[float], share: float) -> float:
    """Nearest rank: the smallest value with at least `share` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def summary(sessions: list[Session], wall: float, watch: ServerWatch) -> dict:
    steps = {}
    for step in STEPS:
        values = [s.seconds[step] for s in sessions if step in s.seconds]
        if values:
            steps[step] = {"done": len(values), "p50": percentile(values, 0.5), "p90": percentile(values, 0.9),
                           "p99": percentile(values, 0.99), "max": max(values)}
    return {"sessions": len(sessions), "errors": [f"session {s.number}: {s.error}" for s in sessions if s.error],
            "wall_seconds": wall, "server_peak_rss_mb": watch.peak_mb, "server_cpu_seconds": watch.cpu_seconds,
            "cpus": os.cpu_count(), "load_average_after": os.getloadavg(), "steps": steps}


def report(result: dict) -> str:
    lines = [f"{result['sessions']} concurrent sessions, {len(result['errors'])} with errors, "
             f"{result['wall_seconds']:.1f} s in all; server: peak memory {result['server_peak_rss_mb']:,} MB, "
             f"{result['server_cpu_seconds']:.0f} s of CPU; {result['cpus']} CPUs, load average after "
             f"{result['load_average_after'][0]:.1f}",
             f"{'step':<10}{'done':>6}{'p50 s':>9}{'p90 s':>9}{'p99 s':>9}{'max s':>9}"]
    for step, figures in result["steps"].items():
        lines.append(f"{step:<10}{figures['done']:>6}" + "".join(f"{figures[k]:>9.2f}"
                                                                for k in ("p50", "p90", "p99", "max")))
    lines += result["errors"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--rows", type=int, default=2000, help="rows in each session's upload")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds before everything is stopped")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium is needed at {CHROMIUM} (apt-get install chromium).")
    sessions = [Session(i) for i in range(args.sessions)]
    RESULTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="equity-load-workspace-") as workspace:
        port = free_port()
        server = start_server(port, Path(workspace), RESULTS / "load_server.log")
        watch = ServerWatch(server.pid)
        watch.start()
        started = time.perf_counter()
        try:
            asyncio.run(asyncio.wait_for(drive(f"http://127.0.0.1:{port}", sessions, args.rows), args.timeout))
        except TimeoutError:
            for session in sessions:
                if not session.error and len(session.seconds) < len(STEPS):
                    session.error = f"not finished within {args.timeout:.0f} s"
        finally:
            wall = time.perf_counter() - started
            watch.running = False
            stop_server(server)
    result = summary(sessions, wall, watch)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "load.json").write_text(json.dumps(result, indent=2))
    print(report(result))



if __name__ == "__main__":
    main()
