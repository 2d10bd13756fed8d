"""The gaps page's table is the one its downloads write: the same figures, headers and notes on the screen and in
the CSV and XLSX, worked out once per click (one flag verdict, one chart)."""

import csv
import io
import sys
from collections import Counter

import pytest
from openpyxl import load_workbook

from equity.present import charts
from equity.report import render as exports
from equity.report.sections import GapView
from equity.stats import gap_flags
from equity.stats.gap_flags import Flag
from equity.stats.metrics import Rule
from tests.app.conftest import upload
from tests.files import csv_bytes

# 39 students at 'meets' = a score of 70 or more: White 12 (9 meet), Black 12 (6), Hispanic 10 (4), Asian 5 (5).
# All students: 24 of 39 = 61.538%. Asian (5) is under 10: hidden, and Hispanic (10), the next smallest, is
# hidden with it so that Asian cannot be worked out from the total. White 75% (gap +13.46), Black 50% (-11.54).
PLAN = [("White", 12, 9), ("Black", 12, 6), ("Hispanic", 10, 4), ("Asian", 5, 5)]
ROWS = [["Student ID", "Race", "Score"]]
for race, n, meet in PLAN:
    ROWS += [[str(len(ROWS)), race, "80" if k < meet else "50"] for k in range(n)]
ALL, WHITE, BLACK = 24 / 39 * 100, 75.0, 50.0
SIZE, SHARE, GAP, NOTE = "Students with a result", "Share (%)", "Gap vs all students (points)", "Note"
HIDDEN = {"Asian": "Hidden: fewer than 10 students.",
          "Hispanic/Latino": "Hidden so that a smaller hidden group cannot be worked out from the total."}


@pytest.fixture
def gaps(app):
    app.switch_page("pages/views/data.py").run()
    upload(app, csv_bytes(ROWS), "class.csv").run()
    next(b for b in app.button if b.label == "Confirm mapping").click().run()
    app.switch_page("pages/views/gaps.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_screen_and_downloads_show_the_same_figures(gaps):
    screen = gaps.dataframe[0].value.set_index("Group")        # printed as the exports print it
    assert list(screen.index) == ["All students", "Hispanic/Latino", "Asian", "Black or African American", "White"]
    assert (screen.loc["All students", SIZE], screen.loc["All students", SHARE]) == ("39", "61.5%")   # 24 / 39
    assert (screen.loc["White", SIZE], screen.loc["White", SHARE]) == ("12", "75.0%")
    assert (screen.loc["White", GAP], screen.loc["Black or African American", GAP]) == ("+13.5", "-11.5")
    assert list(screen.loc["Asian", [SIZE, SHARE, GAP]]) == ["<10", "—", "—"]          # a band, never a size
    assert list(screen.loc["Hispanic/Latino", [SIZE, SHARE, GAP]]) == ["—", "—", "—"]  # not even the band
    for group, why in HIDDEN.items():
        assert screen.loc[group, NOTE] == why
    # The downloads write the table the page built, from the same workbench: the same rows in the same order.
    bench = gaps.session_state["bench"]
    section = GapView(bench.breakdown("score", Rule("threshold", 70), "race")).section()
    assert section.table.frame().equals(gaps.dataframe[0].value)
    lines = exports.table_csv(section.table, section.title).decode("utf-8-sig").splitlines()
    written = {row[0]: row for row in csv.reader(lines[1:7])}
    assert written["Group"][:4] == ["Group", SIZE, SHARE, GAP] and written["Group"][-1] == NOTE
    assert written["White"][1:4] == ["12", "75.0", str(round(WHITE - ALL, 4))]
    assert written["All students"][1:3] == ["39", str(round(ALL, 4))]
    assert written["Asian"][1:4] == ["<10", "", ""] and written["Asian"][-1] == HIDDEN["Asian"]
    assert written["Hispanic/Latino"][1:4] == ["", "", ""]       # hidden to protect Asian: not even '<10'
    sheet = load_workbook(io.BytesIO(exports.table_xlsx(section.table, section.title))).active
    cells = {row[0]: row for row in sheet.iter_rows(values_only=True) if row and row[0] in screen.index}
    assert cells["White"][1:4] == (12, 75.0, pytest.approx(WHITE - ALL)) and cells["Asian"][-1] == HIDDEN["Asian"]


def test_one_click_flags_once_and_draws_one_chart(gaps, monkeypatch):
    counts = Counter()
    for module, name in ((gap_flags, "flag"), (charts, "gap_chart")):
        original = getattr(module, name)

        def counted(*args, _name=name, _original=original, **kwargs):
            counts[_name] += 1
            return _original(*args, **kwargs)
        for loaded in list(sys.modules.values()):         # every module that imported the function by name
            if getattr(loaded, name, None) is original:
                monkeypatch.setattr(loaded, name, counted)
    for method in (Flag.PPG, Flag.NEWCOMBE):
        counts.clear()
        gaps.selectbox(key="gaps_flag").set_value(method).run()
        assert not gaps.exception
        assert counts == {"flag": 1, "gap_chart": 1}, method
