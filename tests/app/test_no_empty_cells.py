"""No table shows an empty value as None, nan or NaN: a hidden figure prints as the exports print it (a dash or a
band such as '<10', the note saying why), a missing one says why. Walked over every page on the sample and on an
uploaded file with hidden groups (tests/district.py: six American Indian or Alaska Native and eight Asian
students, under the minimum of ten), in English and in Spanish, where figures print the Spanish way."""

import math

from equity.app.session import LOWER, Entry, Goal
from equity.model.rules import Rule
from tests.app.conftest import upload
from tests.district import district_csv

CLEAN = ["overview", "data", "gaps", "intersections", "scorecard", "disproportionality", "survey", "trends", "cohort",
         "goals", "log", "report", "workspace", "sql"]
EMPTY = {"none", "nan", "<na>", "nat"}


def _empty(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip().lower() in EMPTY


def _empty_cells(at) -> list[tuple[str, str]]:
    """(column, row) of every cell of every table on the page that would read None/nan/NaN."""
    found = []
    for table in at.dataframe:
        frame = table.value
        for column in frame.columns:
            found += [(str(column), str(row)) for row, value in frame[column].items() if _empty(value)]
    return found


def _walk(at, pages=CLEAN) -> dict[str, list]:
    """The columns holding empty cells, by page, on every page of `pages`; every page must run."""
    empty = {}
    for page in pages:
        at.switch_page(f"pages/views/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        if cells := _empty_cells(at):
            empty[page] = sorted({column for column, _ in cells})
    return empty


def test_no_table_on_a_clean_page_shows_none_on_the_sample(app):
    assert _walk(app) == {}


def test_no_table_shows_none_in_spanish_and_figures_print_the_spanish_way(app):
    app.session_state["lang"] = "es"
    assert _walk(app, ["gaps", "trends", "disproportionality"]) == {}
    figures = app.dataframe[0].value["Riesgo %"]          # the disproportionality page, the last one walked
    assert figures.str.fullmatch(r"\d+,\d|—").all() and figures.str.contains(",").any()


def test_the_check_sees_every_spelling_of_nothing():
    assert [_empty(v) for v in (None, math.nan, "None", " nan", "NaN", "<NA>", "hidden", 0, 0.0, "—")] == [
        True, True, True, True, True, True, False, False, False, False]


def test_no_table_on_any_page_shows_none_on_an_upload_with_hidden_groups(app):
    app.switch_page("pages/views/data.py").run()
    upload(app, district_csv(), "district.csv").run()
    next(b for b in app.button if b.label == "Confirm mapping").click().run()
    assert _walk(app) == {}


def test_the_goals_log_and_saved_data_tables_print_a_dash_for_a_goal_with_no_figure(app):
    """A goal on a group hidden in every term (eight Asian students) has no current figure, interim or progress:
    the goals table prints '—' there in both languages; the log and the saved datasets fill every cell."""
    app.switch_page("pages/views/data.py").run()
    upload(app, district_csv(), "district.csv").run()
    next(b for b in app.button if b.label == "Confirm mapping").click().run()
    bench = app.session_state["bench"]
    hidden = bench.goal_book.save(bench.goal_book.draft(Goal("Asian attendance", "chronic_absent", "Chronic Absent",
                                                   Rule("boolean"), "2023-24", 10.0, "2026-27", 5.0,
                                                   dimension="race", group="Asian", direction=LOWER)))
    bench.log_book.save(Entry("2024-09-01", "design", "Mentoring", goal_id=hidden.id))
    bench.save("District")
    assert _walk(app, ["goals", "log", "workspace"]) == {}
    app.session_state["lang"] = "es"
    assert _walk(app, ["goals", "log", "workspace"]) == {}
    app.switch_page("pages/views/goals.py").run()
    row = app.dataframe[0].value.iloc[0]
    assert (row["Actual"], row["Avance"]) == ("—", "—")
