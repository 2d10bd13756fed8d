"""Value maps end to end: codes of every shape, yes/no codes, the federal race/ethnicity rule and Section 504,
with figures worked out by hand; the command line as a user types it (`python -m equity ...`)."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from equity.app.session import Workbench
from equity.data import dataset
from equity.data.ingest import read_upload
from equity.data.normalize import RACE_LABELS
from equity.model.rules import Rule
from equity.report.sections import GapView
from equity.stats.metrics import breakdown
from tests.command import typed as cli
from tests.files import csv_bytes


def _students(spec) -> list[list[str]]:
    """Rows from (race value, students, how many meet) triples: Score 80 meets >= 70, 50 does not."""
    rows, i = [], 0
    for value, n, meet in spec:
        for k in range(n):
            rows.append([f"{i:03d}", value, "80" if k < meet else "50"])
            i += 1
    return rows


# Codes of every shape in one column. Guessed: AM7 (EDFacts), A (letter), 3 (federal order: Black), MR.
# Recognised from words: an Ed-Fi descriptor URI, Caucasian, Multi-Ethnicity, Hispanic.
EVERY_SHAPE = [("AM7", 10, 4), ("A", 10, 7), ("3", 10, 5),
               ("uri://ed-fi.org/RaceDescriptor#Native Hawaiian - Pacific Islander", 10, 6), ("Caucasian", 10, 9),
               ("MR", 5, 1), ("Multi-Ethnicity", 5, 1), ("Hispanic", 10, 3)]


@pytest.fixture
def every_shape(tmp_path) -> Path:
    path = tmp_path / "codes.csv"
    path.write_bytes(csv_bytes([["Student ID", "Ethnicity", "Score"], *_students(EVERY_SHAPE)]))
    return path


def _groups(out: str) -> dict:
    return {g["key"]: (g["n"], g["value"]) for g in json.loads(out)["groups"]}


def test_codes_of_every_shape_reach_their_groups_and_guesses_are_announced(every_shape):
    done = cli("gaps", every_shape, "--outcome", "Score", "--threshold", "70", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["all_students"] == {"n": 70, "value": 51.43}   # 36 of 70 meet
    assert _groups(done.stdout) == {
        "American Indian or Alaska Native": (10, 40.0), "Asian": (10, 70.0), "Black or African American": (10, 50.0),
        "Native Hawaiian or Other Pacific Islander": (10, 60.0), "White": (10, 90.0),
        "Two or More Races": (10, 20.0), "Hispanic/Latino": (10, 30.0)}
    (line,) = done.stderr.splitlines()        # one line for the one column, before the figures
    assert line == ("note: values of 'Ethnicity' (race): guessed from common codes: 3 = Black or African American, "
                    "A = Asian, AM7 = American Indian or Alaska Native, MR = Two or More Races. "
                    "Set them with --value race RAW CANONICAL.")


def test_value_overrides_a_guess_and_is_not_announced(every_shape):
    done = cli("gaps", every_shape, "--outcome", "Score", "--threshold", "70", "--format", "json", "--min-n", "5",
               "--value", "race", "3", "Asian", "--value", "race", "MR", "White")
    assert done.returncode == 0, done.stderr
    groups = _groups(done.stdout)
    assert groups["Asian"] == (20, 60.0)                      # 7 + 5 of 20
    assert groups["White"] == (15, 66.67)                     # 9 + 1 of 15
    assert groups["Two or More Races"] == (5, 20.0) and "Black or African American" not in groups
    assert "3 = " not in done.stderr and "MR = " not in done.stderr and "A = Asian" in done.stderr


@pytest.mark.parametrize(("value", "words"), [
    (("race", "QQ", "White"), "'QQ' is not a value of the column 'Ethnicity'"),
    (("race", "A", "Martian"), "'Martian' is not a value of Race/ethnicity. Choose one of: Hispanic/Latino"),
    (("section_504", "Y", "true"), "no column of the file is mapped to Section 504"),
    (("shoe_size", "9", "true"), "--value needs ROLE RAW CANONICAL"),
])
def test_a_bad_value_map_is_one_message_and_a_non_zero_exit(every_shape, value, words):
    done = cli("gaps", every_shape, "--outcome", "Score", "--value", *value)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("error: ") and words in done.stderr and done.stderr.count("\n") == 1


def test_income_coded_0_to_3_and_section_504_as_a_dimension(tmp_path):
    """Lunch 0 paid, 1 free, 2 reduced, 3 directly certified; 504 Y for 12 (9 meet), N for 20 (10), blank 3 (1)."""
    rows = [["ID", "Lunch", "504", "Score"]]
    for i in range(35):
        plan, meet = ("Y", i < 9) if i < 12 else ("N", i < 22) if i < 32 else ("", i == 32)
        rows.append([str(i), str(i % 4), plan, "80" if meet else "50"])
    path = tmp_path / "plans.csv"
    path.write_bytes(csv_bytes(rows))
    done = cli("gaps", path, "--outcome", "Score", "--threshold", "70", "--by", "section_504", "--min-n", "3",
               "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["by"] == "section_504"
    assert _groups(done.stdout) == {True: (12, 75.0), False: (20, 50.0), None: (3, 33.33)}
    assert done.stderr == ("note: values of 'Lunch' (low_income): guessed from common codes: 2 = true, 3 = true. "
                           "Set them with --value low_income RAW CANONICAL.\n")
    # 0 is i % 4 == 0: 9 students (0, 4, … 32), of whom 0, 4, 8 (504, < 9), 12, 16, 20 (< 22) and 32 meet: 7.
    done = cli("gaps", path, "--outcome", "Score", "--threshold", "70", "--by", "low_income", "--min-n", "3",
               "--format", "json", "--value", "low_income", "2", "true", "--value", "low_income", "3", "true")
    assert done.returncode == 0 and done.stderr == ""
    assert _groups(done.stdout)[False] == (9, 77.78)


def _load(rows) -> tuple:
    con = dataset.connect()
    staged = dataset.stage(con, read_upload(csv_bytes(rows), "file.csv"))
    return con, staged, dataset.activate(con, staged, staged.proposal)


def _by_race(con) -> dict:
    return {g.key: (g.n, g.value) for g in breakdown(con, "score", Rule("threshold", 70), "race", min_n=1).groups}


def test_a_hispanic_flag_and_a_race_column_follow_the_federal_rule():
    # Hispanic Y: 4 White (3 meet), 2 Black (1); N: 5 White (2), 3 Black (3); blank flag: 2 Asian (1).
    plan = [("Y", "White", 4, 3), ("Y", "Black", 2, 1), ("N", "White", 5, 2), ("N", "Black", 3, 3),
            ("", "Asian", 2, 1)]
    rows = [["Student ID", "Hispanic", "Race", "Score"]]
    for flag, race, n, meet in plan:
        rows += [[str(len(rows)), flag, race, "80" if k < meet else "50"] for k in range(n)]
    con, staged, _ = _load(rows)
    roles = {c.header: c.role for c in staged.proposal.columns}
    assert roles == {"Student ID": "student_id", "Hispanic": "hispanic", "Race": "race_ethnicity", "Score": "outcome"}
    assert _by_race(con) == {"Hispanic/Latino": (6, pytest.approx(400 / 6)), "White": (5, 40.0),
                             "Black or African American": (3, 100.0), "Asian": (2, 50.0)}


def test_flag_columns_coded_1_0_or_marked_with_x_are_read_by_the_federal_rule():
    """PowerSchool's FedEthnicity is 1/0; race columns that only mark the race with an X."""
    rows = [["ID", "FedEthnicity", "Black", "White", "Score"], ["1", "1", "X", "", "80"], ["2", "0", "X", "X", "80"],
            ["3", "0", "", "X", "50"], ["4", "0", "X", "", "50"]]
    con, staged, _ = _load(rows)
    assert [c.role for c in staged.proposal.columns] == ["student_id", "hispanic", "race_black", "race_white",
                                                         "outcome"]
    assert _by_race(con) == {"Hispanic/Latino": (1, 100.0), "Two or More Races": (1, 100.0), "White": (1, 0.0),
                             "Black or African American": (1, 0.0)}


def test_one_yes_no_column_per_race_follows_the_federal_rule():
    header = ["ID", "HispanicLatinoEthnicity", "Race_AmericanIndian", "Race_Asian", "Race_Black",
              "Race_PacificIslander", "Race_White", "TwoOrMoreRaces", "Score"]
    #          hisp  aian  asian black nhpi white  count meet
    plan = [(("N", "N", "N", "Y", "N", "Y"), 3, 1),    # two races, not Hispanic -> Two or More Races
            (("Y", "N", "N", "Y", "N", "N"), 4, 4),    # Hispanic of any race -> Hispanic/Latino
            (("Y", "N", "N", "N", "N", "N"), 2, 0),
            (("N", "N", "Y", "N", "N", "N"), 5, 2),    # Asian alone
            (("N", "Y", "N", "N", "N", "N"), 1, 1),    # American Indian alone
            (("N", "N", "N", "N", "N", "N"), 2, 1)]    # nothing flagged -> Not reported
    rows = [header]
    for flags, n, meet in plan:
        two = "Y" if flags[1:].count("Y") > 1 else "N"
        rows += [[str(len(rows)), *flags, two, "80" if k < meet else "50"] for k in range(n)]
    con, staged, _ = _load(rows)
    roles = [c.role for c in staged.proposal.columns]
    assert roles == ["student_id", "hispanic", "race_aian", "race_asian", "race_black", "race_nhpi", "race_white",
                     "ignore", "outcome"]     # no yes/no column about race is proposed as an outcome
    assert _by_race(con) == {"Two or More Races": (3, pytest.approx(100 / 3)), "Hispanic/Latino": (6, pytest.approx(
        400 / 6)), "Asian": (5, 40.0), "American Indian or Alaska Native": (1, 100.0), "Not reported": (2, 50.0)}


def test_several_codes_in_one_cell():
    rows = [["ID", "Race", "Score"], ["1", "B,W", "80"], ["2", "A;H", "80"], ["3", "W", "50"], ["4", "B", "80"]]
    con, _, data = _load(rows)
    assert _by_race(con) == {"Two or More Races": (1, 100.0), "Hispanic/Latino": (1, 100.0), "White": (1, 0.0),
                             "Black or African American": (1, 100.0)}
    (guessed,) = data.report.guessed
    assert {raw for raw, _, _ in guessed.values} == {"B,W", "A;H", "W", "B"}


def test_a_bad_value_map_changes_nothing_in_the_session():
    bench = Workbench()
    bench.upload(csv_bytes([["ID", "Race", "Score"], *[[str(i), "AB"[i % 2], str(50 + i)] for i in range(20)]]),
                 "a.csv")
    before = bench.data
    for bad in ({"Q": "White"}, {"A": "Martian"}):
        with pytest.raises(dataset.DataError):
            bench.confirm(bench.staged.proposal.with_values("race_ethnicity", bad))
        assert bench.data is before and bench.staged is not None


CODES = ["A", "B", "H", "W", "AM7", "BL7", "Z", "group A", "Other", "1", "7", "Black", "NA"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raws=st.lists(st.sampled_from(CODES), min_size=1, max_size=30),
       meaning=st.fixed_dictionaries({code: st.sampled_from([*RACE_LABELS, "Not reported"]) for code in CODES}),
       income=st.lists(st.sampled_from(["0", "1", "2", "3", "", "Free"]), min_size=30, max_size=30),
       yes=st.fixed_dictionaries({c: st.sampled_from(["true", "false", "Not reported"])
                                  for c in ["0", "1", "2", "3", "", "Free"]}))
def test_a_value_map_is_applied_exactly(raws, meaning, income, yes):
    """Every row's canonical value is the map of its raw value, whatever the map says."""
    rows = [["ID", "Race", "Lunch", "Score"], *[[str(i), raw, income[i], str(i)] for i, raw in enumerate(raws)]]
    con = dataset.connect()
    staged = dataset.stage(con, read_upload(csv_bytes(rows), "p.csv"))
    mapping = staged.proposal.with_role("Lunch", "low_income").with_role("Race", "race_ethnicity")
    mapping = mapping.with_role("Score", "outcome", "numeric")
    present = set(raws)
    mapping = mapping.with_values("race_ethnicity", {c: meaning[c] for c in present}, complete=True)
    mapping = mapping.with_values("low_income", {c: yes[c] for c in set(income[:len(raws)])}, complete=True)
    dataset.activate(con, staged, mapping)
    got = con.execute("SELECT CAST(race_ethnicity AS VARCHAR), low_income FROM students "
                      "ORDER BY CAST(student_id AS INTEGER)").fetchall()
    flags = {"true": True, "false": False, "Not reported": None}
    assert got == [(meaning[raw], flags[yes[income[i]]]) for i, raw in enumerate(raws)]


def test_delaware_numeric_race_codes_reach_the_published_counts_with_value(shared_data):
    """The roster has numeric race codes (5 White 47, 2 Black 17, 6 Asian 10 rows, SOURCE.txt) and a description
    column, which the proposal reads; mapping the code column instead, --value gives the same groups."""
    path = shared_data / "delaware_training_data" / "deid_dems_single_row_per_year.csv"
    common = ("gaps", path, "--outcome", "sped_code", "--threshold", "1", "--min-n", "1", "--format", "json")
    by_description = cli(*common)
    assert by_description.returncode == 0, by_description.stderr
    expected = {"White": 47, "Black or African American": 17, "Asian": 10}
    assert {k: n for k, (n, _) in _groups(by_description.stdout).items()} == expected
    guessed = cli(*common, "--map", "race_ethnicity=race")
    assert "guessed from common codes: 5 = Native Hawaiian" in guessed.stderr   # the federal order is not Delaware's
    by_code = cli(*common, "--map", "race_ethnicity=race", "--value", "race", "5", "White",
                  "--value", "race", "2", "Black", "--value", "race", "6", "Asian")
    assert by_code.returncode == 0 and by_code.stderr == ""
    assert _groups(by_code.stdout) == _groups(by_description.stdout)


def test_alone_or_in_combination_counts_each_race_a_student_reports():
    header = ["ID", "Hispanic", "Race_Asian", "Race_Black", "Race_White", "Score"]
    #        hisp  asian black white   count meet
    plan = [(("N", "N", "Y", "Y"), 12, 6), (("N", "N", "Y", "N"), 15, 5), (("N", "N", "N", "Y"), 20, 10),
            (("N", "Y", "N", "Y"), 3, 3), (("Y", "N", "Y", "N"), 11, 4), (("N", "Y", "N", "N"), 10, 2)]
    rows = [header]
    for flags, n, meet in plan:
        rows += [[str(len(rows)), *flags, "80" if k < meet else "50"] for k in range(n)]
    con, _, _ = _load(rows)
    rule = Rule("threshold", 70)
    alone = {g.key: (g.n, g.value) for g in breakdown(con, "score", rule, "race", min_n=10).groups}
    assert alone == {"Hispanic/Latino": (11, pytest.approx(400 / 11)), "Asian": (10, 20.0),
                     "Black or African American": (15, pytest.approx(100 / 3)), "White": (20, 50.0),
                     "Two or More Races": (15, 60.0)}
    combined = breakdown(con, "score", rule, "race_combined", min_n=10)
    assert combined.overall.n == 71 and combined.overall_value == pytest.approx(3000 / 71)
    groups = {g.key: g for g in combined.groups}
    # Black 12 + 15 + 11 = 38 (15 meet), White 12 + 20 + 3 = 35 (19), Hispanic 11 (4); their sizes add up to more
    # than the 71 students.
    assert {k: (g.n, g.value) for k, g in groups.items() if not g.suppressed} == {
        "Black or African American": (38, pytest.approx(1500 / 38)), "White": (35, pytest.approx(1900 / 35)),
        "Hispanic/Latino": (11, pytest.approx(400 / 11))}
    # Asian in combination (13) is 3 more than Asian alone (10): shown, it would give away those 3 students.
    asian = groups["Asian"]
    assert asian.suppressed and asian.value is None and asian.reason == "difference"
    why = GapView(combined).section().table.frame().set_index("Group").loc["Asian", "Note"]
    assert why == ("Hidden: it differs from the same race counted alone by fewer than 10 students, whose "
                   "figure could be worked out by subtracting.")


def test_risk_by_section_504_with_a_value_map(tmp_path):
    """504: 20 students, the 10 with even numbers suspended (50%); no 504: 40, suspended when i % 8 == 0 (24, 32,
    40, 48, 56: 12.5%). Risk ratio 50 / 12.5 = 4.0, above 3: flagged."""
    rows = [["ID", "Lunch", "504", "Suspended"]]
    for i in range(60):
        suspended = i % 2 == 0 if i < 20 else i % 8 == 0
        rows.append([str(i), str(i % 4), "Y" if i < 20 else "N", "Y" if suspended else "N"])
    path = tmp_path / "discipline.csv"
    path.write_bytes(csv_bytes(rows))
    done = cli("risk", path, "--outcome", "Suspended", "--by", "section_504", "--n-size", "10", "--cell-size", "1",
               "--format", "json", "--value", "low_income", "2", "true")
    assert done.returncode == 0, done.stderr
    groups = {g["key"]: g for g in json.loads(done.stdout)["groups"]}
    assert (groups[True]["n"], groups[True]["count"], groups[True]["risk"]) == (20, 10, 50.0)
    assert groups[True]["risk_ratio"] == 4.0 and groups[True]["flagged"]
    assert (groups[False]["n"], groups[False]["risk"], groups[False]["risk_ratio"]) == (40, 12.5, 0.25)
    assert done.stderr == ("note: values of 'Lunch' (low_income): guessed from common codes: 3 = true. "
                           "Set them with --value low_income RAW CANONICAL.\n")
