"""AppTest helpers: run the app in-process, switch pages, upload a file as the file uploader would."""

import csv
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


# The page a test's app opens on. Not the overview, the landing page: it counts every outcome by every group and
# would be most of each test's time; tests switch to the page they test, the overview's to the overview.
FIRST_PAGE = "pages/views/log.py"
OVERVIEW = "pages/views/overview.py"


@pytest.fixture
def app() -> AppTest:
    """The app on its first run, with the sample district loaded, open on the intervention log (FIRST_PAGE)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.switch_page(FIRST_PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def upload(at: AppTest, data: bytes, name: str) -> AppTest:
    """Load a file through the session's workbench, as the 'Your data' page does with an uploaded file."""
    at.session_state["bench"].upload(data, name)
    return at


def scorecard_of(at: AppTest, data: bytes, name: str, lang: str = "en") -> AppTest:
    """Upload a file on the data page, confirm its proposed mapping and open the scorecard in `lang`."""
    at.switch_page("pages/views/data.py").run()
    upload(at, data, name).run()
    next(b for b in at.button if b.label == "Confirm mapping").click().run()
    at.session_state["lang"] = lang
    at.switch_page("pages/views/scorecard.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def choose(at: AppTest, key: str, text: str) -> AppTest:
    """Pick the option of a select box whose shown text starts with `text` (an outcome's header), so a test
    does not depend on the order in which outcomes are proposed."""
    box = at.selectbox(key=key)
    matches = [i for i, option in enumerate(box.options) if option.startswith(text)]
    assert len(matches) == 1, (text, box.options)
    return box.select_index(matches[0]).run()


def counts(column: pd.Series) -> pd.Series:
    """Numbers of students as an English screen prints them ('1,120'), read back as numbers; a hidden size's dash
    or band ('—', '<10') is NaN."""
    return pd.to_numeric(column.str.replace(",", ""), errors="coerce")


def figures(frame: pd.DataFrame, columns) -> pd.DataFrame:
    """A table as an English screen prints it, with `columns` read back as numbers ('1,120' → 1120, '61.5%' →
    61.5, '+3.2' → 3.2; the dash or band of a hidden figure → NaN). Each was printed rounded (a tenth, or a
    hundredth for an index), so a check on them allows for that rounding."""
    read = frame.copy()
    for column in columns:
        read[column] = pd.to_numeric(read[column].str.replace(",", "").str.rstrip("%"), errors="coerce")
    return read


def exported(table, title: str = "") -> list[list[str]]:
    """The header and rows a table's CSV download writes (equity.report.render.table_csv), read back as a screen
    prints text cells: an empty (hidden) cell as the dash. For tables whose cells are text, this is the screen."""
    from equity.report.render import table_csv
    lines = list(csv.reader(table_csv(table, title).decode("utf-8-sig").splitlines()))
    body = lines[1:] if title else lines
    rows = body[:body.index([])] if [] in body else body
    return [rows[0], *([cell or "—" for cell in row] for row in rows[1:])]


def screen(frame: pd.DataFrame) -> list[list[str]]:
    """A table on screen as header and rows, to compare with what its download writes (`exported`)."""
    return [list(frame.columns), *frame.to_numpy().tolist()]
