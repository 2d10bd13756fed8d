"""Browser tests: the app served on a free port with an empty workspace, one Chromium for each module, and
pages opened on the home screen (a new URL starts a new session, so tests move on by clicking links)."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(__file__).resolve().parent / "screenshots"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
NO_CHROMIUM = ("Chromium is not installed at /usr/bin/chromium: install it with `apt-get install chromium` "
               "(or run .ci/run, which does) to run the browser tests.")


def pytest_collection_modifyitems(items):
    """Browser tests run one after another in one worker (`--dist loadgroup`): each starts a server and a
    Chromium, and several at once on a small machine starve each other."""
    for item in items:
        if Path(item.fspath).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.xdist_group("browser"))
            if not CHROMIUM.exists():
                item.add_marker(pytest.mark.skip(reason=NO_CHROMIUM))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = _free_port()
    env = {**os.environ, "STREAMLIT_SERVER_PORT": str(port), "STREAMLIT_SERVER_HEADLESS": "true",
           "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
           "EQUITY_WORKSPACE": str(tmp_path_factory.mktemp("workspace"))}
    process = subprocess.Popen([sys.executable, "serve.py"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180       # a loaded machine can take minutes to start Streamlit
    while not _healthy(url):
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("The app did not start within three minutes.")
        time.sleep(0.5)
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:       # a loaded machine can take longer to stop Streamlit mid-rerun
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    SHOTS.mkdir(exist_ok=True)
    playwright = sync_api.sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def open_home(browser, server, request):
    """Opens a new session on the home screen, once the sample district is loaded; returns its page. When the
    test fails, each page it opened is saved as `screenshots/failed-<test>-<n>.png`, to see what it saw."""
    pages = []

    def open_page(width: int = 1400, height: int = 1000, **options):
        page = browser.new_page(viewport={"width": width, "height": height}, **options)
        pages.append(page)
        page.goto(server)
        page.get_by_text("This is sample data").wait_for(timeout=30_000)
        return page
    yield open_page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        for n, page in enumerate(pages):
            page.screenshot(path=SHOTS / f"failed-{request.node.name}-{n}.png", full_page=True)
