"""Survey exports read as one row per respondent, and percent favourable counted by hand."""

import pytest

from equity import dataset, survey
from equity.groups import Grouping
from equity.ingest import read_upload
from equity.session import Workbench
from tests.files import csv_bytes

AGREE = ["Strongly agree", "Agree", "Neutral", "Disagree", "Strongly disagree"]


def _read(rows, name="survey.csv", con=None):
    con = con or dataset.connect()
    return con, survey.read_survey(con, read_upload(csv_bytes(rows), name))


def _students(n_el: int, n_other: int) -> Workbench:
    """Students 1..n: the first n_el are English learners, in 2024-25 (and an older 2023-24 row each)."""
    rows = [["Student ID", "School Year", "ELL", "Score"]]
    for i in range(1, n_el + n_other + 1):
        rows.append([f"{i:04d}", "2024-25", "Y" if i <= n_el else "N", "1"])
        rows.append([f"{i:04d}", "2023-24", "N", "1"])
    bench = Workbench()
    bench.confirm(bench.upload(csv_bytes(rows), "students.csv").proposal)
    return bench


def test_google_forms_layout_joined_to_student_records_by_hand():
    # 24 respondents: 12 English learners (ids 1-12), 12 others. Item 1: learners answer Agree 6, Strongly
    # agree 2, Neutral 2, Disagree 1, skipped 1 -> 8 of 11 favourable; others: Strongly agree 9, Disagree 3
    # -> 9 of 12. Item 2 is a 1-5 scale: 4 and 5 are favourable.
    learners = ["Agree"] * 6 + ["Strongly agree"] * 2 + ["Neutral"] * 2 + ["Disagree", None]
    others = ["Strongly agree"] * 9 + ["Disagree"] * 3
    scale = ["5", "4", "3", "2", "1", "4"] * 4
    rows = [["Timestamp", "Student ID", "I feel like I belong at this school.", "How safe do you feel? (1-5)",
             "Anything else?"]]
    for i, answer in enumerate(learners + others):
        rows.append([f"10/14/2024 9:{i:02d}:00", str(i + 1), answer, scale[i], "free text" if i % 3 else None])
    bench = _students(12, 12)
    read = survey.read_survey(bench.con, read_upload(csv_bytes(rows), "Climate survey (Responses).csv"))
    assert read.layout == survey.GOOGLE and read.student_id == "Student ID"
    assert [i.label for i in read.items] == ["I feel like I belong at this school.", "How safe do you feel? (1-5)"]
    assert set(read.items[1].favourable) == {"4", "5"}
    result = survey.results(bench.con, read, Grouping("english_learner"), min_n=10, term="2024-25")
    assert (result.respondents, result.matched) == (24, 24)
    belong, safe = result.items
    assert (belong.overall.n, belong.overall.percent) == (23, pytest.approx(17 / 23 * 100))
    groups = {g.label: g for g in belong.groups}
    assert (groups["English learners"].n, groups["English learners"].percent) == (11, pytest.approx(800 / 11))
    assert groups["Not English learners"].percent == pytest.approx(75.0)
    assert safe.overall.percent == pytest.approx(12 / 24 * 100)          # 5, 4, 4 in every 6
    # With records of 2023-24 nobody is a learner; with a higher minimum both groups are hidden.
    older = survey.results(bench.con, read, Grouping("english_learner"), min_n=10, term="2023-24")
    assert [g.label for g in older.items[0].groups] == ["Not English learners"]
    hidden = survey.results(bench.con, read, Grouping("english_learner"), min_n=12, term="2024-25")
    assert all(g.hidden and g.percent is None for g in hidden.items[0].groups)


def _monkey_rows():
    """SurveyMonkey: the matrix question's statements sit in a second header row; 'Response' marks the rest."""
    header = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
              "How much do you agree with each statement?", "", "", "What grade are you in?", "Gender"]
    second = ["", "", "", "", "", "I belong here.", "Teachers respect me.", "I feel safe.", "Response", "Response"]
    rows = [header, second]
    answers = [("Agree", "Strongly agree", "Disagree", "9", "Female"),
               ("Neither agree nor disagree", "Agree", "Agree", "9", "Male"),
               ("Strongly agree", "Disagree", "Strongly disagree", "10", "Female"),
               ("Disagree", "Agree", None, "10", "Male"),
               ("Agree", "Agree", "Agree", "9", "Female"),
               ("Strongly disagree", "Strongly agree", "Neither agree nor disagree", "10", "Female")]
    for i, (a, b, c, grade, gender) in enumerate(answers):
        rows.append([str(1000 + i), "42", "10/14/2024", "10/14/2024", "10.0.0.1", a, b, c, grade, gender])
    return rows


def test_surveymonkey_two_row_header_by_hand():
    con, read = _read(_monkey_rows(), "Belonging survey.csv")
    assert read.layout == survey.SURVEYMONKEY and read.table.num_rows == 6
    assert [i.label for i in read.items] == ["I belong here.", "Teachers respect me.", "I feel safe."]
    assert dict(read.demographics) == {"grade": "What grade are you in?", "gender": "Gender"}
    assert survey.read_notes(read)[:2] == ("Read as a SurveyMonkey export.",
                                           "Dropped 1 extra header row under the column names.")
    assert "IP Address" not in read.table.column_names and read.left_out == 5
    result = survey.results(con, read, Grouping("gender"), min_n=1, records=False)
    belong, respect, safe = result.items
    assert belong.overall.percent == pytest.approx(3 / 6 * 100)          # Agree, Strongly agree, Agree
    assert respect.overall.percent == pytest.approx(5 / 6 * 100)
    assert (safe.overall.n, safe.overall.percent) == (5, pytest.approx(2 / 5 * 100))   # one skipped
    groups = {g.label: g for g in belong.groups}
    assert groups["Female"].percent == pytest.approx(3 / 4 * 100) and groups["Male"].percent == 0
    by_grade = survey.results(con, read, Grouping("grade"), min_n=1, records=False)
    assert {g.label: g.percent for g in by_grade.items[0].groups} == {"9": pytest.approx(200 / 3), "10":
                                                                        pytest.approx(100 / 3)}


def test_qualtrics_extra_header_rows_are_dropped():
    rows = [["StartDate", "ResponseId", "Q1_1", "Q1_2", "Q2"],
            ["Start Date", "Response ID", "Belonging - I feel like I belong", "Belonging - I feel safe",
             "How often do you feel lonely?"],
            ['{"ImportId":"startDate"}', '{"ImportId":"_recordId"}', '{"ImportId":"QID1_1"}',
             '{"ImportId":"QID1_2"}', '{"ImportId":"QID2"}'],
            ["2024-10-14", "R_1", "Agree", "Agree", "Never"],
            ["2024-10-14", "R_2", "Disagree", "Strongly agree", "Often"],
            ["2024-10-14", "R_3", "Strongly agree", "N/A", "Sometimes"]]
    con, read = _read(rows, "qualtrics.csv")
    assert read.layout == survey.QUALTRICS and read.table.num_rows == 3
    assert [i.label for i in read.items] == ["Belonging - I feel like I belong", "Belonging - I feel safe",
                                             "How often do you feel lonely?"]
    result = survey.results(con, read, Grouping("race"), min_n=1, records=False)
    belong, safe, lonely = result.items
    assert belong.overall.percent == pytest.approx(200 / 3)
    assert (safe.overall.n, safe.overall.percent) == (2, 100.0)          # N/A is left out
    assert lonely.item.negative and lonely.reversed                     # lonely: Never is the positive side
    assert lonely.overall.percent == pytest.approx(100 / 3)              # Never, of Never, Often, Sometimes
    assert [g.label for g in belong.groups] == ["Not reported"]


@pytest.mark.parametrize("answer, sign", [
    ("Strongly agree", 1), ("Somewhat agree", 1), ("Agree", 1), ("Neutral", 0),
    ("Neither agree nor disagree", 0), ("Somewhat disagree", -1), ("STRONGLY DISAGREE", -1),
    ("Always", 1), ("Often", 1), ("Sometimes", 0), ("Rarely", -1), ("Never", -1), ("Almost never", -1),
    ("Extremely", 1), ("Quite", 1), ("Slightly", -1), ("Not at all", -1), ("Yes", 1), ("No", -1),
    ("Blue", None)])
def test_polarity_of_worded_answers(answer, sign):
    assert survey.polarity(answer) == sign


def test_what_is_not_a_likert_item():
    assert survey.favourable_answers(["Blue", "Green", "Agree"]) is None
    assert survey.favourable_answers(["1", "2", "12"]) is None
    assert survey.favourable_answers(["3"]) is None
    assert survey.favourable_answers(["1", "7", "5", "4"]) == (("1", "7", "5", "4"), ("7", "5"), ("1",))
    assert survey.favourable_answers([*AGREE, "Don't know"])[1:] == (("Strongly agree", "Agree"),
                                                                     ("Disagree", "Strongly disagree"))
