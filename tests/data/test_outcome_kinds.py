"""Outcomes are proposed as a person would: results first and labelled with their kind; identifiers, names,
birth dates, ages, constant and empty columns never."""

import duckdb
import pyarrow as pa
import pytest

from equity.app.session import Workbench
from equity.data import dataset
from equity.data.ingest import read_upload
from equity.data.mapping import outcome_kind, propose
from equity.data.outcome_kinds import LIKELY, NEVER, POSSIBLE, all_missing, evidence, kind_from_values
from equity.data.profile import profile_table
from tests.files import csv_bytes


def _profiles(columns: dict[str, list]):
    con = duckdb.connect()
    con.register("t_arrow", pa.table({k: pa.array(v, pa.string()) for k, v in columns.items()}))
    con.execute("CREATE TABLE t AS SELECT * FROM t_arrow")
    return {p.header: p for p in profile_table(con, "t")}


N = 30


def _file() -> dict[str, list]:
    return {
        "Student ID": [f"S{i:05d}" for i in range(N)],
        "Code": [f"{i:07d}" for i in range(N)],                   # a header saying nothing, values an id
        "Last Name": [f"Name{i}" for i in range(N)],
        "DOB": [f"2010-0{1 + i % 9}-1{i % 10}" for i in range(N)],
        "Age": [str(12 + i % 3) for i in range(N)],
        "School": ["North"] * N,                                   # a role, whatever its values
        "Cohort": ["2024"] * N,                                    # constant
        "Notes": ["NA", "N/A", "", None, "-", "n/a"] * 5,          # every cell a missing-value mark
        "Famsize": ["GT3", "LE3"] * 15,                            # background, not a result
        "Medu": [str(i % 5) for i in range(N)],                    # a 0-4 code
        "Internet": ["yes", "no", "no"] * 10,
        "Q1": [str(i % 20) for i in range(N)],                     # a 0-19 scale: a score by its values
        "Scale Score": [str(300 + i) for i in range(N)],
        "Perf Level": ["Not Met", "Nearly Met", "Met", "Exceeded", "Met", "Met"] * 5,
        "Letter": ["A", "B+", "C", "D-", "F", "B"] * 5,
        "Final": [f"{60 + i}%" for i in range(N)],
        "Suspended": ["Y", "N", "N"] * 10,
    }


def test_what_each_column_is_judged_to_be():
    profiles = _profiles(_file())
    got = {h: (e.strength, e.kind) for h, p in profiles.items() for e in [evidence(p, outcome_kind(p))]}
    assert got == {
        "Student ID": (NEVER, ""), "Code": (NEVER, ""), "Last Name": (NEVER, ""), "DOB": (NEVER, ""),
        "Age": (NEVER, ""), "School": (NEVER, ""), "Cohort": (NEVER, ""), "Notes": (NEVER, ""),
        "Famsize": (POSSIBLE, ""), "Medu": (POSSIBLE, ""), "Internet": (POSSIBLE, ""),
        "Q1": (LIKELY, "score"), "Scale Score": (LIKELY, "score"), "Perf Level": (LIKELY, "level"),
        "Letter": (LIKELY, "mark"), "Final": (LIKELY, "percent"), "Suspended": (LIKELY, "discipline"),
    }


def test_the_proposal_marks_results_only_and_ranks_them():
    mapping = propose(tuple(_profiles(_file()).values()))
    outcomes = [(c.header, c.kind, c.measure) for c in mapping.outcomes()]
    # Ranked: percentages, marks, levels, scores, then counts; file order within a kind.
    assert outcomes == [("Final", "numeric", "percent"), ("Letter", "category", "mark"),
                        ("Perf Level", "category", "level"), ("Q1", "numeric", "score"),
                        ("Scale Score", "numeric", "score"), ("Suspended", "boolean", "discipline")]
    roles = {c.header: c.role for c in mapping.columns}
    assert [h for h, r in roles.items() if r == "ignore"] == [
        "Code", "DOB", "Age", "Cohort", "Notes", "Famsize", "Medu", "Internet"]


def test_with_nothing_that_looks_like_a_result_what_could_be_one_is_offered():
    mapping = propose(tuple(_profiles({"ID": [str(i) for i in range(N)], "Cohort": ["A"] * N,
                                       "Famsize": ["GT3", "LE3"] * 15, "Medu": [str(i % 5) for i in range(N)]
                                       }).values()))
    assert [(c.header, c.kind) for c in mapping.outcomes()] == [("Famsize", "category"), ("Medu", "numeric")]


@pytest.mark.parametrize(("values", "missing"), [
    (["NA", "N/A", None, "", " na ", "#N/A", "null", "-"], True),
    ([None, None], True),
    (["NA", "N/A", "72"], False),
    (["NA", "Met"], False),
])
def test_all_missing(values, missing):
    (profile,) = _profiles({"x": values}).values()
    assert all_missing(profile) is missing


def test_a_column_with_no_values_is_never_an_outcome_and_is_refused_when_marked():
    rows = [["Student ID", "Race", "Score", "Retest"]]
    rows += [[str(i), ["White", "Asian"][i % 2], str(50 + i), ["NA", "N/A", ""][i % 3]] for i in range(12)]
    bench = Workbench()
    staged = bench.upload(csv_bytes(rows), "class.csv")
    assert {c.header: c.role for c in staged.proposal.columns}["Retest"] == "ignore"
    marked = staged.proposal.with_role("Retest", "outcome", "category")
    with pytest.raises(dataset.DataError, match="'Retest' has no values"):
        bench.confirm(marked)
    assert bench.staged is staged             # nothing lost: the upload still waits for its mapping


@pytest.mark.parametrize(("values", "data_kind", "kind"), [
    (["85%", "90%", "NA"], "numeric", "percent"),
    ([str(i) for i in range(12)], "numeric", "score"),
    (["1", "2", "3", "4"], "numeric", ""),
    (["A", "B", "C+", None], "category", "mark"),
    (["Level 1", "Level 2", "Level 3"], "category", "level"),
    (["Red", "Blue"], "category", ""),
])
def test_kind_from_values(values, data_kind, kind):
    assert kind_from_values(values, data_kind, len({v for v in values if v})) == kind


def test_uci_student_mat_proposes_what_a_person_would(shared_data):
    """The public UCI file: 33 columns, of which G1, G2, G3 (grades 0-20), failures and absences are results;
    age, family size, parents' jobs and the yes/no background columns are not (28 were proposed before)."""
    path = shared_data / "uci_student_mat_messy" / "student-mat.csv"
    con = dataset.connect()
    staged = dataset.stage(con, read_upload(path.read_bytes(), path.name))
    outcomes = [(c.header, c.measure or c.role) for c in staged.proposal.outcomes()]
    assert outcomes == [("G1", "score"), ("G2", "score"), ("G3", "score"), ("absences", "days_absent"),
                        ("failures", "course")]
    roles = {c.header: c.role for c in staged.proposal.columns}
    assert (roles["school"], roles["sex"], roles["age"], roles["famsize"], roles["Mjob"]) == (
        "school", "gender", "ignore", "ignore", "ignore")


def test_a_header_naming_a_role_its_values_are_not_is_judged_by_its_values():
    profiles = _profiles({"Student ID": [f"S{i:03d}" for i in range(N)],
                          "Grade": [str(9 + i % 4) for i in range(N)],             # grade levels 9-12
                          "Math Grade": [str(55 + i) for i in range(N)],           # marks out of 100
                          "Course Grade": ["A", "B", "C", "B+"] * 7 + ["A", "F"],  # letter marks
                          "Ethnicity": ["Hispanic", "White"] * 15})
    mapping = propose(tuple(profiles.values()))
    assert mapping.header_for("grade") == "Grade"
    assert [(c.header, c.kind, c.measure) for c in mapping.outcomes()] == [
        ("Course Grade", "category", "mark"), ("Math Grade", "numeric", "score")]
