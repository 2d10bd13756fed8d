"""Joining a roster or an event file to the main file: the accounting of the join and the roll-up, by hand."""

from pathlib import Path

import pytest

from equity.app.session import Workbench
from equity.data import combine, dataset
from equity.data.ingest import read_upload
from tests.files import csv_bytes, parquet_bytes

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"


def _upload(rows, name):
    return read_upload(csv_bytes(rows), name)


def _rows(upload) -> dict[str, dict]:
    return {r["Student #"]: r for r in upload.table.to_pylist()}


GRADEBOOK = [["Student #", "Final %"], ["001", "81"], ["002", "64"], ["003", "90"], ["004", "72"], ["005", "55"]]
# 1 is written without its leading zeros, 2 appears twice (the first row is used), 4 is missing, 9 is extra.
ROSTER = [["Student ID", "Race", "EL", "Final %"], ["1", "Asian", "N", "x"], ["002", "White", "Y", "x"],
          ["002", "Black", "N", "x"], ["003", "Hispanic", "N", "x"], ["005", "White", "N", "x"],
          ["009", "Asian", "Y", "x"]]


def test_roster_join_counts_matches_misses_and_duplicates():
    con = dataset.connect()
    main, roster = _upload(GRADEBOOK, "gradebook.csv"), _upload(ROSTER, "roster.csv")
    spec = combine.JoinSpec(combine.ROSTER, combine.Keys("Student #"), combine.Keys("Student ID"))
    joined = combine.combine(con, main, roster, spec)
    report = joined.report
    assert (report.main_rows, report.matched, report.unmatched) == (5, 4, 1)
    assert report.unmatched_examples == ("004",)
    assert (report.duplicates, report.duplicate_examples) == (1, ("002",))
    assert (report.other_unmatched, report.other_unmatched_examples) == (1, ("009",))
    assert report.added == ("Race", "EL", "Final % (roster)")         # a clashing name is renamed
    assert joined.upload.table.num_rows == 5                            # no main row doubled or lost
    rows = _rows(joined.upload)
    assert rows["001"]["Race"] == "Asian"                               # 1 = 001
    assert rows["002"]["Race"] == "White"                               # the first of the duplicates
    assert rows["004"]["Race"] is None
    assert rows["003"]["Final %"] == "90" and rows["003"]["Final % (roster)"] == "x"
    assert joined.upload.name == "gradebook.csv + roster.csv"


def test_roster_join_by_id_and_term():
    main = _upload([["Student #", "Year", "Score"], ["001", "2023-24", "50"], ["001", "2024-25", "60"],
                    ["002", "2024-25", "70"]], "scores.csv")
    roster = _upload([["ID", "School Year", "ELL"], ["1", "2023-2024", "Y"], ["1", "2024-2025", "N"],
                      ["2", "2023-2024", "Y"]], "roster.csv")
    spec = combine.JoinSpec(combine.ROSTER, combine.Keys("Student #", "Year"), combine.Keys("ID", "School Year"))
    joined = combine.combine(dataset.connect(), main, roster, spec)
    assert joined.report.by_term and joined.report.matched == 2
    assert joined.report.unmatched_examples == ("002",)                 # 002 has no 2024-25 roster row
    assert joined.report.other_unmatched == 1
    ells = [(r["Year"], r["ELL"]) for r in joined.upload.table.to_pylist() if r["Student #"] == "001"]
    assert ells == [("2023-24", "Y"), ("2024-25", "N")]                 # each term its own status


INCIDENTS = [["Student ID", "School Year", "Action"],
             ["A1", "2023-24", "Referral"], ["A1", "2023-24", "Out-of-School Suspension"],
             ["A1", "2024-25", "In-School Suspension"],
             ["C3", "2024-25", "Out-of-School Suspension"], ["C3", "2024-25", "Out-of-School Suspension"],
             ["C3", "2024-25", "Out-of-School Suspension"],
             ["Z9", "2024-25", "Referral"]]
STUDENTS = [["Student ID", "School Year", "Race"], ["A1", "2023-24", "White"], ["A1", "2024-25", "White"],
            ["B2", "2024-25", "Asian"], ["C3", "2024-25", "Black"], ["C3", "2022-23", "Black"]]


def test_incident_file_rolled_up_by_hand():
    con = dataset.connect()
    main, events = _upload(STUDENTS, "students.csv"), _upload(INCIDENTS, "discipline incidents.csv")
    spec = combine.suggest(con, main, events)
    assert spec.kind == combine.EVENTS and spec.count_by == "Action" and spec.by_term
    assert spec.label == "Discipline incidents"
    joined = combine.combine(con, main, events, spec)
    rows = {(r["Student ID"], r["School Year"]): r for r in joined.upload.table.to_pylist()}
    total, oss = "Discipline incidents", "Discipline incidents: Out-of-School Suspension"
    iss, referral = "Discipline incidents: In-School Suspension", "Discipline incidents: Referral"
    a1, a1_later, b2, c3 = rows["A1", "2023-24"], rows["A1", "2024-25"], rows["B2", "2024-25"], rows["C3", "2024-25"]
    assert (a1[total], a1[referral], a1[oss], a1[iss], a1["Any suspension"]) == ("2", "1", "1", "0", "Y")
    assert (a1_later[total], a1_later[iss], a1_later[oss], a1_later["Any suspension"]) == ("1", "1", "0", "Y")
    assert (b2[total], b2[oss], b2["Any suspension"]) == ("0", "0", "N")        # no incidents: zero
    assert (c3[total], c3[oss], c3[referral]) == ("3", "3", "0")
    # 2022-23 is not a year the incident file covers: unknown, not zero.
    assert rows["C3", "2022-23"][total] is None and rows["C3", "2022-23"]["Any suspension"] is None
    report = joined.report
    assert (report.other_rows, report.matched, report.main_rows) == (7, 3, 5)
    assert (report.other_unmatched, report.other_unmatched_examples) == (1, ("Z9",))
    assert report.added == (total, "Discipline incidents: In-School Suspension", oss, referral, "Any suspension")


def test_a_roster_is_recognised_and_unknown_headers_are_refused():
    con = dataset.connect()
    main, roster = _upload(GRADEBOOK, "gradebook.csv"), _upload(ROSTER, "roster.csv")
    spec = combine.suggest(con, main, roster)
    assert spec.kind == combine.ROSTER
    assert (spec.main.student_id, spec.other.student_id) == ("Student #", "Student ID")
    with pytest.raises(ValueError, match="not a column"):
        combine.combine(con, main, roster, combine.JoinSpec(combine.ROSTER, combine.Keys("Nope"), spec.other))


def test_sample_event_files_agree_with_the_district_file():
    bench = Workbench()
    bench.load_sample()
    incidents = read_upload((SAMPLE / "discipline_incidents.csv").read_bytes(), "discipline_incidents.csv")
    joined = bench.preview_join(incidents, combine.suggest(bench.con, bench.join_base(), incidents))
    assert joined.report.matched > 0 and joined.report.other_unmatched == 0
    for row in joined.upload.table.to_pylist():
        assert row["Discipline incidents (count)"] == row["Discipline Incidents"]
        assert (int(row["Discipline incidents: Out-of-School Suspension"]) > 0) == (row["Suspended"] == "Y")
    courses = read_upload((SAMPLE / "course_enrollments.csv").read_bytes(), "course_enrollments.csv")
    bench.accept_join(bench.preview_join(courses, combine.suggest(bench.con, bench.join_base(), courses)))
    for row in bench.staged.upload.table.to_pylist():
        if row["AP Courses"] is not None:
            assert row["Course enrollments: AP"] == row["AP Courses"]
    data = bench.confirm(bench.staged.proposal)
    assert data.mapping.outcome("Course enrollments: AP").kind == "numeric"
    assert data.report.rows == 15104


def test_a_typed_upload_joins_as_its_text():
    """The session reads a Parquet file typed: its integer IDs still meet a roster's text IDs."""
    main = read_upload(parquet_bytes({"Student ID": [1001, 1002], "Score": [80.0, 72.5]}), "grades.parquet",
                       typed=True)
    other = read_upload(csv_bytes([["ID", "ELL"], ["1001", "Y"], ["1002", "N"]]), "roster.csv")
    con = dataset.connect()
    combined = combine.combine(con, main, other, combine.suggest(con, main, other))
    assert combined.report.matched == 2
    assert combined.upload.table.to_pylist() == [{"Student ID": "1001", "Score": "80", "ELL": "Y"},
                                                 {"Student ID": "1002", "Score": "72.5", "ELL": "N"}]
