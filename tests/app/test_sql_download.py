"""SQL console downloads under the app's own rule (equity.app.sql_download): refusals for anything that could
carry a student's identifier or value, and files whose group sizes the app counts and whose hidden groups show
nothing, not even their size."""

import io

import pandas as pd
import pytest

from equity.app.session import Workbench
from equity.app.sql_console import Console
from equity.app.sql_download import for_download
from tests.files import csv_bytes

# 40 Hispanic/Latino students (30 low income), 25 White (20), 5 Asian (all low income): made so that the small
# group, its complement and a group one grouping column away from a few students can be checked by hand.
PEOPLE = ([("Hispanic", "Y" if i < 30 else "N", 60 + i % 20) for i in range(40)]
          + [("White", "Y" if i < 20 else "N", 70 + i % 10) for i in range(25)]
          + [("Asian", "Y", 90 + i) for i in range(5)])


@pytest.fixture(scope="module")
def loaded():
    bench = Workbench()
    rows = [["Student ID", "Race", "FRL", "Final %"],
            *[[f"S{i:03d}", race, frl, str(score)] for i, (race, frl, score) in enumerate(PEOPLE)]]
    staged = bench.upload(csv_bytes(rows), "class.csv")
    bench.confirm(staged.proposal, remember=False)
    console = Console(bench.con)
    yield bench, console
    console.close()


def download(loaded, sql: str, min_n: int = 10):
    bench, console = loaded
    return for_download(bench.con, sql, console.run(sql).table, min_n)


def frame(result) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(result.csv), encoding="utf-8-sig", keep_default_na=False, dtype=str)


@pytest.mark.parametrize("sql,word", [
    ("SELECT student_id AS sid, race_ethnicity FROM students", "count, sum, avg"),            # a renamed ID
    ("SELECT race_ethnicity, string_agg(student_id, ';') AS who FROM students GROUP BY ALL", "count, sum, avg"),
    ("SELECT race_ethnicity, count(student_id) AS n FROM students GROUP BY ALL", "student ids"),
    ("SELECT race_ethnicity, final_pct FROM students", "count, sum, avg"),                    # not an aggregate
    ("SELECT race_ethnicity, max(final_pct) AS top FROM students GROUP BY ALL", "count, sum, avg"),
    ("SELECT race_ethnicity, avg(CASE WHEN final_pct > 93 THEN final_pct END) FROM students GROUP BY ALL",
     "count, sum, avg"),
    ("SELECT race_ethnicity, 1000 AS n, avg(final_pct) FROM students GROUP BY ALL", "count, sum, avg"),
    ("SELECT race_ethnicity, avg(final_pct) FROM students WHERE student_id <> 'S000' GROUP BY ALL", "where"),
    ("SELECT race_ethnicity, count(*) FROM students GROUP BY ROLLUP (race_ethnicity)", "count, sum, avg"),
    ("SELECT s.race_ethnicity, count(*) FROM students s JOIN students t USING (student_id) GROUP BY ALL",
     "students table alone"),
])
def test_queries_that_could_carry_a_student_are_refused(loaded, sql, word):
    result = download(loaded, sql)
    assert result.csv is None and word in result.refusal.lower()


def test_a_fake_n_is_not_believed_and_hidden_groups_show_nothing(loaded):
    # The query calls a sum `n`; the app counts the students itself. Asian (5) is small; White (25), the
    # next smallest, is hidden too so that Asian cannot be worked out from the total.
    result = download(loaded, "SELECT race_ethnicity, sum(final_pct) AS n, avg(final_pct) AS mean "
                              "FROM students GROUP BY ALL ORDER BY ALL")
    table = frame(result).set_index("race_ethnicity")
    assert result.hidden == 2
    assert list(table.columns) == ["n_query", "mean", "n", "Hidden"]
    assert table.loc["Hispanic/Latino", "n"] == "40"
    assert float(table.loc["Hispanic/Latino", "mean"]) == pytest.approx(sum(s for r, _, s in PEOPLE
                                                                            if r == "Hispanic") / 40)
    for hidden in ("Asian", "White"):
        assert (table.loc[hidden, "n_query"], table.loc[hidden, "mean"], table.loc[hidden, "n"]) == ("", "", "")
    assert table.loc["Asian", "Hidden"] == "Hidden: fewer than 10 students."
    assert "5" not in table.loc["Asian"].to_string().replace("Asian", "")


def test_two_downloads_cannot_be_subtracted(loaded):
    # White students with low income: 20 of 25, so the 5 others would be White minus White-with-low-income.
    result = download(loaded, "SELECT race_ethnicity, low_income, count(*) AS c, avg(final_pct) AS mean "
                              "FROM students GROUP BY ALL")
    table = frame(result).set_index(["race_ethnicity", "low_income"])
    assert table.loc[("White", "True"), "mean"] == "" and table.loc[("White", "True"), "n"] == ""
    assert table.loc[("White", "True"), "Hidden"] == ("Hidden so that it cannot be worked out by comparing with "
                                                      "the unfiltered view.")
    # Hispanic/Latino with low income: 30 of 40, ten apart: shown.
    assert table.loc[("Hispanic/Latino", "True"), "n"] == "30"


def test_nothing_hidden_when_every_group_is_large(loaded):
    result = download(loaded, "SELECT low_income, count(*) AS c FROM students GROUP BY low_income", min_n=5)
    table = frame(result).set_index("low_income")
    assert result.hidden == 0 and table.loc["True", "n"] == "55" and table.loc["False", "c"] == "15"
