"""The 'Same students over time' page on the sample district: the match first, then each group's change,
checked against figures worked out from the CSV itself."""

import csv
from collections import Counter
from pathlib import Path

from equity.present import matched_tables
from equity.report import render as exports
from equity.words.numbers import count, decimal
from tests.app.conftest import choose, upload
from tests.files import csv_bytes
from tests.matched_files import ROWS, SEASONS

ROOT = Path(__file__).resolve().parents[2]
PAGE = "pages/views/cohort.py"


def _white_scores() -> tuple[int, int, int, float]:
    """From the sample CSV, not the app: White students (as written in 2023-24) in both 2023-24 and 2024-25,
    how many left and arrived, and the mean change in ELA scale score of those with a score in both years."""
    years: dict[str, dict[int, dict]] = {"2023-24": {}, "2024-25": {}}
    with (ROOT / "sample_data" / "district.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["School Year"] in years:
                years[row["School Year"]][int(row["Student ID"])] = row
    first, second = years["2023-24"], years["2024-25"]
    white = {k for k, r in first.items() if r["Race/Ethnicity"].strip().lower() == "white"}
    matched = white & set(second)
    arrived = {k for k, r in second.items() if k not in first and r["Race/Ethnicity"].strip().lower() == "white"}
    changes = [float(second[k]["ELA Scale Score"]) - float(first[k]["ELA Scale Score"]) for k in matched
               if first[k]["ELA Scale Score"] and second[k]["ELA Scale Score"]]
    return len(matched), len(white - matched), len(arrived), sum(changes) / len(changes)


def _row(frame, group: str) -> dict:
    return frame[frame["Group"] == group].iloc[0].to_dict()


def test_matched_change_on_the_sample(app):
    app.switch_page(PAGE).run()
    choose(app, "matched_outcome", "ELA Scale Score (")     # not its distance from standard
    app.radio(key="matched_how_ela_scale_score").set_value("Average").run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.selectbox(key="matched_from").value == "2023-24"
    matched, left, arrived, change = _white_scores()
    info = app.info[0].value      # the match comes before any figure
    assert "in both 2023-24 and 2024-25" in info and "% of the students in 2023-24" in info
    frame = app.dataframe[0].value
    white = _row(frame, "White")          # printed as the exports print figures: 1,234 and one decimal
    assert (white["In both terms"], white["Left"], white["Arrived"]) == (count(matched), count(left), count(arrived))
    assert white["Change"] == decimal(change, 1, signed=True)
    first, second = (float(white[f"Average in {term}"].replace(",", "")) for term in ("2023-24", "2024-25"))
    assert abs(second - first - change) <= 0.1
    # growth: all students' median conditional percentile is near 50 by construction
    growth = app.dataframe[1].value
    assert 40 < float(_row(growth, "All students")["Median conditional percentile"]) < 60
    assert any("not a state growth model" in c.value for c in app.caption)


def test_levels_and_hidden_groups(app):
    app.switch_page(PAGE).run()
    choose(app, "matched_outcome", "ELA Proficiency")
    app.selectbox(key="matched_dimension").set_value("race").run()
    assert not app.exception, [e.value for e in app.exception]
    frame = app.dataframe[0].value
    assert "Moved up a level (%)" in frame.columns
    hidden = frame[frame["Hidden"] != ""]
    assert len(hidden) >= 2          # never a single hidden group
    assert (hidden["In both terms"] == "—").all() and (hidden["Left"] == "—").all()     # the exports' dash
    assert (hidden["Moved up a level (%)"] == "—").all()
    table = app.dataframe[1].value
    assert list(table.columns) == ["Level in 2023-24", "Not Met", "Nearly Met", "Met", "Exceeded"]
    assert "—" in set(table.to_numpy().ravel())        # a hidden cell prints as the exports' dash


def test_the_page_in_spanish(app):
    app.session_state["lang"] = "es"
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    assert "estudiantes están en 2023-24 y en 2024-25" in app.info[0].value
    columns = list(app.dataframe[0].value.columns)      # the first outcome, Final Grade %, as a share at 70
    assert columns[:3] == ["Grupo", "En ambos periodos", "Se fueron"]
    assert "Porcentaje en 2024-25 (%)" in columns and "Cambio (puntos)" in columns


def _scores_of(app, rows, name: str) -> None:
    """`rows` uploaded and confirmed on the mapping screen, then this page on the average of Score."""
    app.switch_page("pages/views/data.py").run()
    upload(app, csv_bytes(rows), name).run()
    next(b for b in app.button if b.label == "Confirm mapping").click().run()
    app.switch_page(PAGE).run()
    choose(app, "matched_outcome", "Score")
    app.radio(key="matched_how_score").set_value("Average").run()
    assert not app.exception, [e.value for e in app.exception]


def test_an_upload_through_the_mapping_screen(app):
    """The two-year file of the unit tests, uploaded and confirmed: IDs written differently are matched, the
    repeated one is named, and at the default n-size of 10 no figure of these 8 students is shown."""
    _scores_of(app, ROWS, "two years.csv")
    assert app.info[0].value.startswith("8 students are in both 2023-24 and 2024-25: 88.9% of the students")
    warnings = " ".join(w.value for w in app.warning)
    assert "e.g. 200" in warnings and "001 = 1" in warnings
    frame = app.dataframe[0].value
    assert (frame["Change"] == "—").all() and (frame["Hidden"] != "").all()
    assert (frame["With a result in both"] == "—").all()


def _moves() -> dict[tuple[str, str], int]:
    """From the sample CSV, not the app: students with an ELA level in both 2023-24 and 2024-25, by the pair."""
    years: dict[str, dict[str, str]] = {"2023-24": {}, "2024-25": {}}
    with (ROOT / "sample_data" / "district.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["School Year"] in years and row["ELA Proficiency"].strip():
                years[row["School Year"]][str(int(row["Student ID"]))] = row["ELA Proficiency"].strip()
    first, second = years["2023-24"], years["2024-25"]
    return Counter((first[k], second[k]) for k in first.keys() & second.keys())


def test_the_level_table_shows_each_move_and_its_download_writes_the_same_cells(app, monkeypatch):
    built = []                    # the table the page shows and hands to its downloads

    def keep(*args):
        built.append(original(*args))
        return built[-1]
    original = matched_tables.transition_table
    monkeypatch.setattr(matched_tables, "transition_table", keep)
    app.switch_page(PAGE).run()
    choose(app, "matched_outcome", "ELA Proficiency")
    assert app.selectbox(key="matched_transitions_group").value == "all"
    screen = app.dataframe[1].value
    moves, levels = _moves(), ["Not Met", "Nearly Met", "Met", "Exceeded"]
    small = 0
    for a, printed in zip(levels, screen.set_index("Level in 2023-24").loc[levels].to_numpy(), strict=True):
        row = sum(moves[a, b] for b in levels)
        for b, shown in zip(levels, printed, strict=True):
            n = moves[a, b]
            if shown != "—":             # shown: its share of the row's students, and how many they are
                assert shown == f"{decimal(100 * n / row, 0)}% ({count(n)})", (a, b)
            assert n >= 10 or shown == "—", (a, b)          # under the n-size of 10: hidden
            small += n < 10
    assert small and (screen.to_numpy() != "—").sum() > 8
    table = built[-1]
    assert table.frame().equals(screen)
    written = list(csv.reader(exports.table_csv(table, "moves").decode("utf-8-sig").splitlines()))
    assert written[1] == list(screen.columns)
    assert [[cell or "—" for cell in row] for row in written[2:6]] == screen.to_numpy().tolist()
    assert "10" in written[-1][0]           # the note on hidden cells, under the table


def test_every_problem_with_the_ids_and_terms_is_named_before_the_figures(app):
    """Terms named without a year, an ID written twice in one term and IDs that lose their zeros or gain a prefix:
    each said with examples, and the match rate above them, all before the first table."""
    _scores_of(app, SEASONS, "seasons.csv")
    assert (app.selectbox(key="matched_from").value, app.selectbox(key="matched_to_Fall").value) == ("Fall", "Spring")
    # the page's elements in the order it draws them
    kinds = [type(node).__name__ for node in app.main if type(node).__name__ in ("Info", "Warning", "Dataframe")]
    assert kinds[:5] == ["Info", "Warning", "Warning", "Warning", "Dataframe"], kinds
    assert app.info[0].value.startswith("8 students are in both Fall and Spring: 88.9% of the students")
    warnings = [w.value for w in app.warning]
    assert "cannot be placed in time: Fall, Spring" in warnings[0]
    assert "e.g. 200" in warnings[1] and "001 = 1" in warnings[2]
