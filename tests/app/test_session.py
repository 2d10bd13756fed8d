"""A session's workbench and the local workspace: remembered mappings, atomic writes, safe failure."""

import json
from collections import Counter

import pytest

from equity.app.session import CACHED_FIGURES, Entry, Workbench
from equity.data.dataset import DataError
from equity.data.ingest import IngestError
from equity.model.filters import Filters
from equity.model.groups import Grouping
from equity.model.rules import Rule
from equity.plans import scorecard as sc
from equity.plans.scorecard import Indicator
from equity.sources import cube as cubes
from equity.stats import metrics, trends
from equity.stats.disproportionality import Settings as RiskSettings
from equity.stats.settings import PrivacySettings
from equity.stats.trends import group_key, trend
from equity.store import library, workspace
from tests import multiterm
from tests.files import confirmed, csv_bytes

ROWS = [["Student ID", "Status", "Score"], *[[f"{i:03d}", "Free" if i % 2 else "Paid", str(50 + i)]
                                             for i in range(30)]]


def test_a_confirmed_mapping_is_remembered_for_the_same_layout(private_workspace):
    first = Workbench()
    staged = first.upload(csv_bytes(ROWS), "term1.csv")
    assert staged is not None and first.staged is not None and not first.remembered
    edited = staged.proposal.with_role("Status", "ignore")            # the user changes one role
    first.confirm(edited)
    assert list((private_workspace / "mappings").glob("*.json"))
    second = Workbench()
    later = [ROWS[0], *[[f"{i:03d}", "Paid", str(70 + i)] for i in range(30)]]
    second.upload(csv_bytes(later), "term2.csv")
    assert second.remembered and second.staged is None                  # no clicks needed
    assert second.data.mapping == edited and second.data.name == "term2.csv"


def test_a_different_layout_is_not_matched():
    bench = Workbench()
    staged = bench.upload(csv_bytes(ROWS), "a.csv")
    bench.confirm(staged.proposal)
    other = Workbench()
    other.upload(csv_bytes([["Student ID", "Score", "Status"], ["1", "5", "Free"]]), "b.csv")
    assert not other.remembered and other.staged is not None


def test_errors_leave_the_loaded_data_alone():
    bench = Workbench()
    bench.load_sample()
    sample = bench.data
    with pytest.raises(IngestError):
        bench.upload(b"\x00\x01junk" * 100, "junk.xlsx")
    bench.upload(csv_bytes([["Student ID", "Race"], ["1", "White"]]), "roster.csv")
    with pytest.raises(DataError):
        bench.confirm(bench.staged.proposal)
    assert bench.data is sample
    assert bench.con.execute("SELECT count(*) FROM students").fetchone()[0] == sample.report.rows


def test_confirm_without_an_upload_says_what_to_do():
    with pytest.raises(DataError, match="Upload a file first"):
        Workbench().confirm(None)


def test_atomic_write_leaves_no_temporary_files(private_workspace):
    path = private_workspace / "x" / "file.json"
    workspace.write_atomic(path, json.dumps({"a": 1}))
    workspace.write_atomic(path, json.dumps({"a": 2}))
    assert json.loads(path.read_text()) == {"a": 2}
    assert [p.name for p in path.parent.iterdir()] == ["file.json"]


def test_a_failed_write_keeps_the_old_file(private_workspace, monkeypatch):
    path = private_workspace / "file.json"
    workspace.write_atomic(path, "old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(workspace.os, "replace", broken_replace)
    with pytest.raises(OSError):
        workspace.write_atomic(path, "new")
    assert path.read_text() == "old" and [p.name for p in private_workspace.iterdir()] == ["file.json"]


def test_a_corrupt_mapping_file_is_ignored(private_workspace):
    (private_workspace / "mappings").mkdir(parents=True)
    (private_workspace / "mappings" / "abc.json").write_text("{not json")
    assert workspace.load_mapping("abc") is None


# What pages ask of the workbench: the session's filters and minimum group size apply without the page passing them.
# Two terms of 20 Black and 20 White students each; suspended: 6 and 2 of 20 in 2022-23, 8 and 2 in 2023-24.
SUSPENSIONS = {("2022-23", "Black or African American"): 6, ("2022-23", "White"): 2,
               ("2023-24", "Black or African American"): 8, ("2023-24", "White"): 2}


def two_terms() -> Workbench:
    rows = [["Student ID", "School Year", "Race/Ethnicity", "Suspended"]]
    for (term, race), suspended in SUSPENSIONS.items():
        rows += [[f"{term[:4]}{race[0]}{i:02d}", term, race, "Y" if i < suspended else "N"] for i in range(20)]
    bench = Workbench()
    bench.confirm(bench.upload(csv_bytes(rows), "suspensions.csv").proposal, remember=False)
    return bench


def suspension(bench: Workbench):
    return next(c for c in bench.data.mapping.outcomes() if c.header == "Suspended")


def test_terms_are_in_time_order_and_only_the_filtered_ones_when_asked(private_workspace):
    bench = two_terms()
    assert bench.terms() == ("2022-23", "2023-24")
    bench.filters = Filters(term=("2023-24",))
    assert bench.terms(filtered=True) == ("2023-24",) and bench.terms() == ("2022-23", "2023-24")


def test_a_sidebar_change_reads_no_terms_again(private_workspace, monkeypatch):
    """The terms are read from the students once per data: a click on another filter (the early-warning and trend
    pages ask for the terms on every rerun) scans no rows for them."""
    bench, read = two_terms(), Counter()
    original = trends.query
    monkeypatch.setattr(trends, "query", lambda name, **params: read.update([name]) or original(name, **params))
    for filters in (Filters(), Filters(race=("White",)), Filters(race=("Black or African American",),
                                                                 term=("2022-23", "2023-24"))):
        bench.filters = filters
        assert bench.terms(filtered=True) == ("2022-23", "2023-24")
    assert read["students/distinct_values"] == 1


def test_risk_in_one_term_and_its_streak_under_the_sessions_minimum(private_workspace):
    bench = two_terms()
    bench.privacy = PrivacySettings(risk=RiskSettings(cell_size=1, n_size=5, threshold=2.0))
    column, rule = suspension(bench), Rule("boolean")
    black = "Black or African American"
    ratios = {t: {g.key: g.ratio for g in bench.risk(column.name, rule, Grouping("race"), term=t).groups}
              for t in ("2022-23", "2023-24", None)}
    assert ratios["2022-23"][black] == pytest.approx(30 / 10)           # 6/20 against 2/20
    assert ratios["2023-24"][black] == pytest.approx(40 / 10)           # 8/20 against 2/20
    assert ratios[None][black] == pytest.approx(35 / 10)                # both terms: 14/40 against 4/40
    streaks = bench.risk_streaks(column.name, rule, Grouping("race"), bench.terms())
    assert streaks[black] == 2 and not streaks.get("White")            # above 2.0 in both terms
    bench.min_n = 25                                                   # 20 per group: every group hidden
    assert bench.privacy.min_n == 25 and bench.privacy.risk.threshold == 2.0     # one object, changed in one place
    hidden = bench.risk(column.name, rule, Grouping("race"), term="2022-23").groups
    assert hidden and all(g.hidden and g.n is None for g in hidden)


def test_trend_reads_the_sessions_filters_and_minimum(private_workspace):
    bench = two_terms()
    column, rule = suspension(bench), Rule("boolean")
    shown = bench.trend(column.name, rule, "race")
    assert shown.terms == ("2022-23", "2023-24")
    values = {p.term: p.value for p in shown.series("White")}
    assert values == {"2022-23": pytest.approx(10.0), "2023-24": pytest.approx(10.0)}
    bench.filters, bench.min_n = Filters(term=("2023-24",)), 25
    hidden = bench.trend(column.name, rule, "race")
    assert hidden.terms == ("2023-24",) and all(p.value is None for p in hidden.series("White"))


def test_a_trend_sums_the_sessions_cube_and_scans_no_students(monkeypatch):
    """The overview asks for dozens of trends: each sums the session's cube of its outcome, term by term, with the
    same figures as a trend counted on its own (its own cube, then each term's groups from the students)."""
    bench, rule = Workbench(), Rule("boolean")
    bench.load_sample()
    own = {d: trend(bench.con, "suspended", rule, d, min_n=bench.min_n) for d in ("race", "low_income")}
    asked = Counter()
    for module in (metrics, cubes, trends):
        original = module.query
        monkeypatch.setattr(module, "query", lambda name, _q=original, **params: asked.update([name]) or _q(
            name, **params))
    summing = cubes.cells
    monkeypatch.setattr(cubes, "cells", lambda *args: asked.update(["sums"]) or summing(*args))
    summed = {d: bench.trend("suspended", rule, d) for d in ("race", "low_income")}
    assert summed == own and len(own["race"].terms) == 3
    assert asked["cells/cube_build"] == 1                        # the session's cube, once for both
    assert asked["cells/group_stats"] == 0                       # no term's groups counted from the students
    assert asked["students/distinct_values"] == 1                # the terms, read once for the session
    sums = asked["sums"]
    assert sums and bench.trend("suspended", rule, "race") is summed["race"] and asked["sums"] == sums   # kept
    bench.min_n = 40                                             # another n-size: counted again
    stricter = bench.trend("suspended", rule, "race")
    assert asked["sums"] > sums
    assert stricter == trend(bench.con, "suspended", rule, "race", min_n=40) != summed["race"]


def test_the_memo_keeps_the_figures_used_most_recently():
    bench, made = Workbench(), []

    def figure(key):
        return bench._recent(key, lambda: made.append(key) or key)
    for key in range(CACHED_FIGURES):
        figure(key)
    figure(0)                                   # read again: now the most recently used
    figure("new")                               # one over the limit: the least recently used (1) goes
    assert made == [*range(CACHED_FIGURES), "new"]
    figure(0)
    figure(1)
    assert made == [*range(CACHED_FIGURES), "new", 1]   # 0 was kept, 1 is made again


def test_filter_options_are_read_once_per_data_however_many_figures_a_click_makes(monkeypatch):
    from equity.app import session

    bench, reads = Workbench(), []
    bench.load_sample()
    monkeypatch.setattr(session, "options", lambda con: reads.append(1) or {"race": ["White"]})
    bench.filter_options()
    for key in range(2 * CACHED_FIGURES):       # a click over many schools: more figures than are kept
        bench._recent(key, lambda: None)
    assert bench.filter_options() == {"race": ["White"]} and len(reads) == 1
    bench.load_sample()                         # new data: read again
    bench.filter_options()
    assert len(reads) == 2


def test_the_risk_pages_first_outcome_and_a_category_outcomes_levels(private_workspace):
    assert two_terms().usual_risk_outcome() == ("suspended", Rule("boolean"))    # the yes/no suspension column
    levels = ["Met", "Not Met", "Exceeded"] * 4
    rows = [["Student ID", "Level"], *[[f"{i:02d}", level] for i, level in enumerate(levels)]]
    bench = Workbench()
    bench.confirm(bench.upload(csv_bytes(rows), "levels.csv").proposal, remember=False)
    assert bench.levels("Level") == ("Not Met", "Met", "Exceeded") and bench.levels("No such column") is None


def test_a_deleted_dataset_no_longer_opens_at_start():
    bench = confirmed(multiterm.one_file(), "district.csv")
    first, second = bench.save("first"), bench.save("second")
    bench.shelf.open_at_start((first.id, second.id))
    bench.shelf.delete(first)
    assert [e.id for e in bench.shelf.catalogue()[0]] == [second.id]
    assert library.startup() == (second.id,)
    bench.shelf.delete(second)
    assert library.startup() == () and bench.shelf.catalogue() == ((), ())


def test_what_the_goal_form_offers_from_the_loaded_terms():
    bench = confirmed(multiterm.one_file(), "district.csv")
    assert bench.baseline_terms() == multiterm.TERMS
    assert bench.baseline_terms("2019-20") == ("2019-20", *multiterm.TERMS)       # a goal's own older baseline
    assert bench.target_term("2022-23") == "2027-28"                             # three years after 2024-25
    assert bench.goal_book.split_group_key(group_key((True, False))) == ("true", "false")
    assert bench.goal_book.split_group_key(group_key(True)) == ("true", "")


def test_log_entries_about_all_students_only():
    everyone = Entry("2024-01-10", "design", "Schedule", goal_id="g1")
    english_learners = Entry("2024-02-10", "implement", "Tutoring", "English learners", "g1")
    entries = (english_learners, everyone)
    assert Workbench.log_book.select(entries, goal_id="g1") == entries
    assert Workbench.log_book.select(entries, whole_school=True) == (everyone,)
    assert Workbench.log_book.select(entries, group="English learners") == (english_learners,)


def test_the_report_uses_the_scorecard_page_choice_only_for_its_own_data():
    bench = confirmed(multiterm.one_file(), "district.csv")
    defaults = sc.default_indicators(bench.data.mapping, bench.data.profiles)
    own = (Indicator("Mine", "proficient", "Proficient", Rule("boolean"), Grouping("english_learner"), sc.LAGGING),)
    elsewhere = (Indicator("Other", "absent", "Absent", Rule("boolean"), Grouping("race"), sc.LAGGING),)
    assert bench.report_scorecard(("district.csv", own), {"Mine": "cuts"}) == (own, {"Mine": "cuts"})
    assert bench.report_scorecard(("other.csv", elsewhere), {"Other": "cuts"}) == (tuple(defaults), {})
    assert bench.report_scorecard(("district.csv", own + elsewhere), {}) == (own, {})   # an outcome it lacks


def test_early_warning_is_counted_once_and_a_filter_click_sums_its_cells():
    bench = Workbench()
    bench.load_sample()
    signs = bench.warning_signs()
    first = bench.warning_summary(signs, "race", "2024-25")
    tables = {k: c.table for k, c in bench._cubes.items() if "warning" in k}
    bench.filters = Filters(low_income=("true",))
    narrower = bench.warning_summary(signs, "race", "2024-25")
    assert {k: c.table for k, c in bench._cubes.items() if "warning" in k} == tables and len(tables) == 1
    assert narrower.overall.n < first.overall.n
    stricter = tuple(s.adjusted(s.threshold + 5) if s.threshold is not None else s for s in signs)
    bench.warning_summary(stricter, "race", "2024-25")          # other thresholds: a cube of their own
    assert len([k for k in bench._cubes if "warning" in k]) == 2
