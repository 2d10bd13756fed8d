"""Charts carry only aggregates, stay small, and hide what suppression hides."""

import json

import pytest

from equity.charts import breakdown_frame, crosstab_frame, gap_chart, heat_table
from equity.crosstab import crosstab
from equity.metrics import Rule, breakdown
from equity.session import Workbench


@pytest.fixture(scope="module")
def bench():
    bench = Workbench()
    bench.load_sample()
    return bench


def test_gap_chart_spec_is_small_and_has_no_student_rows(bench):
    result = breakdown(bench.con, "final_grade_pct", Rule("threshold", 70), "race", label="Final Grade %")
    spec = json.dumps(gap_chart(result).to_dict())
    assert len(spec) < 50_000
    ids = [r[0] for r in bench.con.execute("SELECT student_id FROM students LIMIT 50").fetchall()]
    assert not any(i in spec for i in ids)
    assert "compared with all students" in spec and "95% intervals" in spec


def test_hidden_groups_are_absent_from_the_chart_and_marked_in_the_table(bench):
    result = breakdown(bench.con, "final_grade_pct", Rule("threshold", 70), "race", min_n=200)
    hidden = [g.label for g in result.groups if g.suppressed]
    assert hidden
    data = gap_chart(result).to_dict()["datasets"]
    plotted = {row["group"] for rows in data.values() for row in rows if "group" in row}
    assert not plotted & set(hidden)
    frame = breakdown_frame(result)
    rows = frame[frame["Group"].isin(hidden)]
    assert rows["Value"].isna().all() and rows["Hidden"].str.startswith("yes").all()


def test_heat_table_hides_small_cells(bench):
    table = crosstab(bench.con, "final_grade_pct", Rule("mean"), "race", "low_income", min_n=100)
    frame = crosstab_frame(table)
    assert (frame.loc[frame["n"] < 100, "Hidden"] != "").all()
    spec = json.dumps(heat_table(table).to_dict())
    assert len(spec) < 50_000
    for cell in table.cells:
        if cell.suppressed and cell.n >= 100:
            assert cell.value is None
