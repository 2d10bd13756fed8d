"""Section 504 is a dimension wherever one is chosen, and 504 and gender are sidebar filters; figures checked
against the sample district's file counted with pandas."""

import pandas as pd
import pytest

from equity.app.session import SAMPLE
from tests.app.conftest import counts as printed_counts

SIZE = "Students with a result"        # the gaps table's size column


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    frame = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    return frame[frame["Final Grade %"].str.match(r"^[0-9.]+$")]   # the default outcome counts grades, not EX


def test_gaps_by_section_504(app, sample):
    app.switch_page("pages/views/gaps.py").run()
    app.selectbox(key="gaps_dimension").select("section_504").run()
    assert not app.exception, [e.value for e in app.exception]
    table = app.dataframe[0].value.set_index("Group")
    # The 504 column only marks the plan (X); a blank is no plan.
    assert table.loc["504 plan", SIZE] == f"{(sample['504'] == 'X').sum():,}"     # as printed: 1,234
    assert table.loc["No 504 plan", SIZE] == f"{(sample['504'] == '').sum():,}"


@pytest.mark.parametrize("page", ["pages/views/intersections.py", "pages/views/trends.py",
                                  "pages/views/report.py", "pages/views/disproportionality.py"])
def test_section_504_is_offered_on_every_page_that_chooses_a_dimension(app, page):
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    offered = [o for s in (*app.selectbox, *app.multiselect) for o in s.options]
    assert "Section 504" in offered


def test_504_and_gender_filter_the_sidebar(app, sample):
    app.switch_page("pages/views/gaps.py").run()
    version = app.session_state["bench"].data.version
    assert {"Section 504", "Gender"} <= {m.label for m in app.sidebar.multiselect}
    app.multiselect(key=f"filter_gender_{version}").select("Female").run()
    app.multiselect(key=f"filter_section_504_{version}").select("true").run()
    assert not app.exception, [e.value for e in app.exception]
    chosen = sample[(sample["Gender"] == "F") & (sample["504"] == "X")]
    table = app.dataframe[0].value.iloc[1:].set_index("Group")          # the groups, after all students' row
    shown = printed_counts(table[SIZE]).dropna()          # a hidden group's size prints as a dash or a band
    # Each group shown counts only the chosen students of that race who have a result (the file's spellings as
    # the students table normalised them: more than pandas' exact 'F' and 'X'); a hidden group's size is not
    # printed. Unfiltered, each of these groups has hundreds of students or more.
    counts = dict(app.session_state["bench"].con.execute(
        "SELECT CAST(race_ethnicity AS VARCHAR), count(*) FROM students WHERE gender = 'Female' AND section_504 "
        "GROUP BY ALL").fetchall())
    assert len(chosen) <= sum(counts.values()) < 2 * len(chosen)
    assert len(shown) >= 2
    assert all(0 < n <= counts[race] for race, n in shown.items())
    assert table[SIZE].isin(["—", "<10"]).sum() == len(table) - len(shown)
    assert any("Gender: Female" in i.value and "Section 504: 504 plan" in i.value for i in app.info)
