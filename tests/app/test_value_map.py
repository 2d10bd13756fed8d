"""The value map on the mapping screen: every raw value with its rows, unplaced first, never locked; the user's
choices reach the figures and are remembered for the layout."""


from tests.app.conftest import upload
from tests.files import csv_bytes

SIZE = "Students with a result"        # the gaps table's size column

# 40 students: BL7 x10 (6 meet), WH7 x10 (8 meet), HI7 x10 (3 meet), Z9 x10 (5 meet). Lunch 0/1/2/3 in turn.
ROWS = [["Student ID", "Race", "Lunch", "Score"]] + [
    [str(i), code, str(i % 4), "80" if k < meet else "50"]
    for j, (code, meet) in enumerate([("BL7", 6), ("WH7", 8), ("HI7", 3), ("Z9", 5)])
    for k, i in enumerate(range(10 * j, 10 * j + 10))]


def _editor(app, role):
    bench = app.session_state["bench"]
    return f"values_{id(bench.staged)}_{role}"


def _confirm(app):
    next(b for b in app.button if b.label == "Confirm mapping").click().run()
    assert not app.exception, [e.value for e in app.exception]


def _table(app):
    app.switch_page("pages/views/gaps.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app.dataframe[0].value.set_index("Group")


def test_every_value_is_listed_with_its_rows_unplaced_first(app):
    app.switch_page("pages/views/data.py").run()
    upload(app, csv_bytes(ROWS), "codes.csv").run()
    race = app.data_editor(key=_editor(app, "race_ethnicity")).value
    assert list(race["value"]) == ["Z9", "BL7", "HI7", "WH7"]
    assert list(race["rows"]) == [10, 10, 10, 10]
    assert race["how"].iloc[0].startswith("Not placed") and race["means"].isna().iloc[0]
    assert list(race["means"].iloc[1:]) == ["Black or African American", "Hispanic/Latino", "White"]
    assert set(race["how"].iloc[1:]) == {"Guessed from a common code: check it"}
    income = app.data_editor(key=_editor(app, "low_income")).value
    assert dict(zip(income["value"], income["means"], strict=True)) == {"2": "true", "3": "true", "0": "false",
                                                                          "1": "true"}
    assert any(e.label == "Values of 'Race' (Race/ethnicity)" for e in app.expander)


def test_a_value_the_user_places_reaches_the_figures_and_is_remembered(app):
    app.switch_page("pages/views/data.py").run()
    upload(app, csv_bytes(ROWS), "codes.csv").run()
    # Z9 (first row, unplaced) is Asian in this district; 2 (reduced price, guessed yes) is edited to no.
    app.session_state[_editor(app, "race_ethnicity")] = {
        "edited_rows": {0: {"means": "Asian"}}, "added_rows": [], "deleted_rows": []}
    app.run()
    _confirm(app)
    table = _table(app)
    # Cells as the screen prints them, the text its exports write.
    assert table.loc["Asian", SIZE] == "10" and table.loc["Asian", "Share (%)"] == "50.0%"
    assert table.loc["Black or African American", "Share (%)"] == "60.0%" and "Not reported" not in table.index
    # The same export again: the remembered map is applied without a click.
    app.switch_page("pages/views/data.py").run()
    upload(app, csv_bytes(ROWS), "codes again.csv").run()
    assert app.session_state["bench"].staged is None and app.session_state["bench"].remembered
    assert _table(app).loc["Asian", SIZE] == "10"


def test_new_values_in_a_remembered_layout_are_listed_not_dropped(app):
    app.switch_page("pages/views/data.py").run()
    upload(app, csv_bytes(ROWS), "codes.csv").run()
    _confirm(app)
    changed = [*ROWS, ["99", "AS7", "1", "70"]]
    upload(app, csv_bytes(changed), "next year.csv").run()
    bench = app.session_state["bench"]
    assert bench.staged is not None, "a layout whose values changed waits for the person"
    assert any("does not place some of its values: 'Z9' (Race), 'AS7' (Race)" in w.value for w in app.warning)
    race = app.data_editor(key=_editor(app, "race_ethnicity")).value
    assert list(race["value"][:2]) == ["Z9", "AS7"] and race["means"].iloc[:2].isna().all()


def test_race_alone_or_in_combination_on_the_gaps_page(app):
    # Black 12 (6 meet), White 12 (9), Black/White 10 (5): alone, 10 are Two or More Races; in combination
    # Black is 22 (11 meet, 50%) and White 22 (14 meet, 63.6%), 44 in all for 34 students.
    plan = [("Black", 12, 6), ("White", 12, 9), ("Black/White", 10, 5)]
    rows = [["Student ID", "Race", "Score"]]
    for race, n, meet in plan:
        rows += [[str(len(rows)), race, "80" if k < meet else "50"] for k in range(n)]
    app.switch_page("pages/views/data.py").run()
    upload(app, csv_bytes(rows), "multi.csv").run()
    _confirm(app)
    alone = _table(app)
    assert alone.loc["Two or More Races", SIZE] == "10"                   # cells printed as the exports print them
    assert sum(int(n) for n in alone[SIZE].drop("All students")) == 34 and alone.loc["All students", SIZE] == "34"
    app.checkbox(key="gaps_combined").check().run()
    assert not app.exception, [e.value for e in app.exception]
    combined = app.dataframe[0].value.set_index("Group")
    assert set(combined.index) == {"All students", "Black or African American", "White"}
    assert combined.loc["Black or African American", SIZE] == "22" and combined.loc["White", SIZE] == "22"
    assert combined.loc["White", "Share (%)"] == "63.6%"     # 1400 / 22 = 63.64
    assert combined.loc["All students", SIZE] == "34"         # each student once
    assert any(c.value.startswith("Alone or in combination: each student is counted") for c in app.caption)
