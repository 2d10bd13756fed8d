"""Proposing a role for every column from headers and values, and the mapping as the user edits it."""

import duckdb
import pyarrow as pa
import pytest

from equity.app.session import SAMPLE
from equity.data.ingest import read_upload
from equity.data.mapping import (
    ColumnRole,
    Mapping,
    ValueRow,
    edited_kind,
    header_key,
    header_signature,
    propose,
    snake_case,
    unplaced_rows,
    value_maps,
    value_rows,
)
from equity.data.profile import profile_table


def _profiles(columns: dict[str, list]):
    con = duckdb.connect()
    con.register("t_arrow", pa.table({k: pa.array(v, pa.string()) for k, v in columns.items()}))
    con.execute("CREATE TABLE t AS SELECT * FROM t_arrow")
    return profile_table(con, "t")


def _roles(mapping: Mapping) -> dict[str, tuple[str, str]]:
    return {c.header: (c.role, c.kind) for c in mapping.columns}


def test_sample_district_is_mapped_without_help():
    upload = read_upload(SAMPLE.read_bytes(), SAMPLE.name)
    con = duckdb.connect()
    con.register("u", upload.table)
    con.execute("CREATE TABLE raw AS SELECT * FROM u")
    roles = _roles(propose(profile_table(con, "raw")))
    assert roles["Student ID"] == ("student_id", "")
    assert roles["School Year"] == ("term", "")
    assert roles["School"] == ("school", "")
    assert roles["Grade"] == ("grade", "")
    assert roles["Gender"] == ("gender", "")
    assert roles["Race/Ethnicity"] == ("race_ethnicity", "")
    assert roles["FRL"] == ("low_income", "")
    assert roles["ELL"] == ("english_learner", "")
    assert roles["IEP"] == ("special_ed", "")
    assert roles["504"] == ("section_504", "")
    assert roles["Final Grade %"] == ("outcome", "numeric")
    assert roles["ELA Proficiency"] == ("outcome", "category")
    assert roles["Suspended"] == ("outcome", "boolean")


def test_values_place_a_column_whose_header_says_nothing():
    roles = _roles(propose(_profiles({
        "Status": ["Free", "Paid", "Reduced", "Paid"] * 5,
        "Group": ["White", "Asian", "Black or African American", "Hispanic or Latino"] * 5,
        "Flag": ["Y", "N", "N", "Y"] * 5,
        "Score": [str(i) for i in range(20)],
    })))
    assert roles["Status"] == ("low_income", "")
    assert roles["Group"] == ("race_ethnicity", "")
    # A bare Y/N column is not guessed as a demographic, nor, with a score beside it, as an outcome.
    assert roles["Flag"] == ("ignore", "")
    assert roles["Score"] == ("outcome", "numeric")


def test_labels_beat_codes_and_codes_are_proposed_as_race():
    roles = _roles(propose(_profiles({"race": ["2", "5", "6"] * 4, "race_descr": ["Black", "White", "Asian"] * 4,
                                      "score": ["1", "2", "3"] * 4})))
    assert roles["race_descr"] == ("race_ethnicity", "") and roles["race"] == ("ignore", "")
    coded = propose(_profiles({"Ethnicity": ["H", "W", "B", "A"] * 3, "Score": ["1", "2", "3", "4"] * 3}))
    assert coded.header_for("race_ethnicity") == "Ethnicity" and coded.values == ()


def test_free_text_is_not_an_outcome_and_names_are_named():
    roles = _roles(propose(_profiles({"Student Name": [f"Doe, Jo {i}" for i in range(12)],
                                      "Comment": [f"note {i}" for i in range(12)],
                                      "Score": [str(60 + i) for i in range(12)]})))
    assert roles["Student Name"] == ("student_name", "")
    assert roles["Comment"] == ("ignore", "")


def test_with_role_moves_a_single_role_and_keeps_names_unique():
    mapping = propose(_profiles({"ID": [str(i) for i in range(12)], "Alt ID": [str(i) for i in range(12)],
                                 "Score": [str(i) for i in range(12)], "Score!": [str(i) for i in range(12)]}))
    assert mapping.header_for("student_id") == "ID"
    moved = mapping.with_role("Alt ID", "student_id")
    assert moved.header_for("student_id") == "Alt ID" and _roles(moved)["ID"] == ("ignore", "")
    names = [c.name for c in moved.outcomes()]
    assert names == ["score", "score_2"]


def test_mapping_json_round_trip():
    mapping = propose(_profiles({"Ethnicity": ["H", "W"] * 6, "Score": ["1", "2"] * 6}))
    mapping = Mapping(mapping.columns, "2024-25").with_values("race_ethnicity", {"H": "Hispanic/Latino", "W": "White"},
                                                              complete=True)
    assert Mapping.from_json(mapping.to_json()) == mapping
    assert mapping.complete == ("race_ethnicity",) and mapping.choices("race_ethnicity") == {
        "H": "Hispanic/Latino", "W": "White"}


def test_header_helpers():
    assert header_key("  Student_ID# ") == "student id"
    assert header_key("StudentID") == "student id"
    assert snake_case("Final Grade %") == "final_grade_pct"
    assert snake_case("2024 Score") == "c_2024_score"
    assert header_signature(["A", "B"]) == header_signature([" a", "b "])
    assert header_signature(["A", "B"]) != header_signature(["B", "A"])


def test_unplaced_values_are_counted_not_dropped_and_listed_first():
    (profile,) = _profiles({"Race": ["White"] * 5 + ["Martian"] * 2 + [None] * 3 + ["B"]})
    mapping = Mapping((ColumnRole("Race", "race_ethnicity"),))
    assert value_rows(profile, "race_ethnicity", mapping) == (
        ValueRow("Martian", 2, "Not reported", "unplaced"), ValueRow("B", 1, "Black or African American", "guessed"),
        ValueRow("White", 5, "White", "recognised"), ValueRow(None, 3, "Not reported", "recognised"))
    assert unplaced_rows(profile, "race_ethnicity", mapping) == 2


def test_the_value_map_screen_lists_each_value_column_once_with_its_rows():
    race, gender, score = _profiles({"Race": ["White", "Martian", "White"], "Sex": ["F", "M", "F"],
                                     "Score": ["1", "2", "3"]})
    chosen = Mapping((ColumnRole("Race", "race_ethnicity"), ColumnRole("Sex", "gender"),
                      ColumnRole("Score", "outcome", "numeric")))
    chosen = chosen.with_values("race_ethnicity", {"Martian": "White", "Venusian": "Asian"}, complete=True)
    fitted, maps = value_maps(chosen, (race, gender, score))
    # Race before gender (VALUE_ROLES order); the score has no values to place; 'Venusian' is not in the file.
    assert [(role, header) for role, header, _ in maps] == [("race_ethnicity", "Race"), ("gender", "Sex")]
    assert {c.raw for c in fitted.values} == {"Martian"}
    assert maps[0][2] == value_rows(race, "race_ethnicity", fitted)
    assert [(r.raw, r.rows) for r in maps[1][2]] == [("F", 2), ("M", 1)]


def test_an_outcome_chosen_on_screen_takes_the_kind_its_values_allow():
    numbers, words, yes_no = _profiles({"Score": ["71", "80", "95"], "Notes": ["kind", "late", "ok"],
                                        "Passed": ["Y", "N", "Y"]})
    assert edited_kind(numbers, "outcome") == "numeric" and edited_kind(yes_no, "outcome") == "boolean"
    assert edited_kind(numbers, "outcome", "category") == "category"           # the person's choice stands
    assert edited_kind(words, "outcome") == "category"                           # free text: counted as categories
    assert edited_kind(numbers, "school") == ""                                  # only outcomes have a kind


@pytest.fixture
def delaware(shared_data):
    return shared_data / "delaware_training_data"


def test_delaware_roster_roles(delaware):
    path = delaware / "deid_dems_single_row_per_year.csv"
    upload = read_upload(path.read_bytes(), path.name)
    con = duckdb.connect()
    con.register("u", upload.table)
    con.execute("CREATE TABLE raw AS SELECT * FROM u")
    roles = _roles(propose(profile_table(con, "raw")))
    assert roles["fake_student_id"][0] == "student_id"
    assert roles["school_year"][0] == "term"
    assert roles["race_descr"][0] == "race_ethnicity"
    assert roles["sped_ind"][0] == "special_ed"
    assert roles["low_income_ind"][0] == "low_income"
    assert roles["ell_status"][0] == "english_learner"
    assert roles["gender"][0] == "gender"
