"""Survey exports read as one row per respondent, and percent favourable counted by hand."""

import pytest

from equity.app.session import Workbench
from equity.data import dataset
from equity.data.ingest import read_upload
from equity.model.groups import Grouping
from equity.plans import survey
from equity.present import survey_charts
from equity.words.reader import reading
from tests.files import csv_bytes, xlsx_bytes

AGREE = ["Strongly agree", "Agree", "Neutral", "Disagree", "Strongly disagree"]


def _read(rows, name="survey.csv", con=None):
    con = con or dataset.connect()
    return con, survey.read_survey(con, read_upload(csv_bytes(rows), name))


def _students(n_el: int, n_other: int) -> Workbench:
    """Students 1..n: the first n_el are English learners, in 2024-25 (and an older 2023-24 row each)."""
    rows = [["Student ID", "School Year", "ELL", "Score"]]
    for i in range(1, n_el + n_other + 1):
        rows.append([f"{i:04d}", "2024-25", "Y" if i <= n_el else "N", str(50 + i)])
        rows.append([f"{i:04d}", "2023-24", "N", str(40 + i)])
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
    ("Totalmente de acuerdo", 1), ("De acuerdo", 1), ("Ni de acuerdo ni en desacuerdo", 0), ("En desacuerdo", -1),
    ("Muy en desacuerdo", -1), ("Siempre", 1), ("Casi siempre", 1), ("A veces", 0), ("Casi nunca", -1),
    ("Nunca", -1), ("Sí", 1), ("Blue", None)])
def test_polarity_of_worded_answers(answer, sign):
    assert survey.polarity(answer) == sign


def test_what_is_not_a_likert_item():
    assert survey.favourable_answers(["Blue", "Green", "Agree"]) is None
    assert survey.favourable_answers(["1", "2", "12"]) is None
    assert survey.favourable_answers(["3"]) is None
    assert survey.favourable_answers(["1", "7", "5", "4"]) == (("1", "7", "5", "4"), ("7", "5"), ("1",))
    assert survey.favourable_answers([*AGREE, "Don't know"])[1:] == (("Strongly agree", "Agree"),
                                                                     ("Disagree", "Strongly disagree"))


@pytest.mark.parametrize("question, negative", [
    ("I feel left out at school.", True), ("I often feel lonely.", True), ("I am afraid of being bullied.", True),
    ("I do not feel safe at school.", True), ("I don’t feel safe here.", True),
    ("How often do you feel left out?", True), ("No one at this school cares about me.", True),
    ("I am not afraid at school.", False), ("I never feel left out.", False),
    ("I feel like I belong at this school.", False), ("Adults here stop bullying when they see it.", False),
    ("Me siento excluido en la escuela.", True), ("¿Con qué frecuencia te sientes solo?", True),
    ("No me siento seguro en la escuela.", True), ("Me siento parte de esta escuela.", False)])
def test_negative_wording(question, negative):
    assert survey.worded_negatively(question) is negative


def _reversed_rows():
    """10 respondents, 6 Female then 4 Male, answering four items; worked by hand in the test below."""
    rows = [["Timestamp", "Gender", "I feel left out at school.", "How often do you feel left out?",
             "I do not feel safe at school. (1-5)", "I feel like I belong at this school."]]
    left_out = ["Strongly agree", "Agree", "Neutral", "Disagree", "Strongly disagree", "Disagree",
                "Agree", "Strongly disagree", "N/A", "Disagree"]
    often = ["Never", "Rarely", "Sometimes", "Often", "Always", "Never", "Rarely", "Always", "Never", "Sometimes"]
    unsafe = ["1", "2", "3", "4", "5", "1", "2", "4", "5", "3"]
    belong = ["Agree"] * 4 + ["Disagree"] * 2 + ["Strongly agree", "Agree", "Neutral", "Disagree"]
    for i in range(10):
        rows.append([f"10/14/2024 9:{i:02d}:00", "Female" if i < 6 else "Male", left_out[i], often[i], unsafe[i],
                     belong[i]])
    return rows


def test_negatively_worded_items_are_reversed_by_hand():
    con, read = _read(_reversed_rows(), "Climate (Responses).csv")
    assert [i.negative for i in read.items] == [True, True, True, False]
    assert set(read.items[1].unfavourable) == {"Never", "Rarely"}
    assert set(read.items[2].unfavourable) == {"1", "2"}
    result = survey.results(con, read, Grouping("gender"), min_n=1, records=False)
    left_out, often, unsafe, belong = result.items
    assert [r.reversed for r in result.items] == [True, True, True, False]
    # I feel left out: Disagree/Strongly disagree is favourable. Female D, SD, D of 6; Male SD, D of 3 (N/A out).
    assert (left_out.overall.n, left_out.overall.percent) == (9, pytest.approx(500 / 9))
    assert {g.label: g.percent for g in left_out.groups} == {"Female": 50.0, "Male": pytest.approx(200 / 3)}
    # How often …: Never/Rarely favourable. Female Never, Rarely, Never of 6; Male Rarely, Never of 4.
    assert {g.label: g.percent for g in often.groups} == {"Female": 50.0, "Male": 50.0}
    # I do not feel safe (1-5): 1-2 favourable. Female 1, 2, 1 of 6; Male 2 of 4.
    assert unsafe.overall.percent == 40.0
    assert {g.label: g.percent for g in unsafe.groups} == {"Female": 50.0, "Male": 25.0}
    assert belong.overall.percent == 60.0                               # Agree x4 of 6, SA and A of 4
    # Read as worded: Agree/Strongly agree and Often/Always count instead.
    plain = survey.results(con, read, Grouping("gender"), min_n=1, records=False, reverse=())
    assert not any(r.reversed for r in plain.items)
    assert plain.items[0].overall.percent == pytest.approx(300 / 9)     # SA, A of 6; A of 3
    assert plain.items[1].overall.percent == 30.0                       # Often, Always of 6; Always of 4
    assert plain.items[3].overall.percent == 60.0
    chosen = survey.results(con, read, Grouping("gender"), min_n=1, records=False,
                            reverse=("I feel like I belong at this school.",))
    assert [r.reversed for r in chosen.items] == [False, False, False, True]
    assert chosen.items[3].overall.percent == 30.0                      # Disagree x2 of 6, Disagree of 4


def test_reversed_items_in_words_tables_and_chart():
    con, read = _read(_reversed_rows(), "Climate (Responses).csv")
    result = survey.results(con, read, Grouping("gender"), min_n=1, records=False)
    assert survey.summary(result) == (
        "Least favourable: Q3 (reversed), 'I do not feel safe at school. (1-5)', at 40.0% favourable.",
        "Most favourable: Q4, 'I feel like I belong at this school.', at 60.0% favourable.",
        "Widest difference by gender: Q3 (reversed), 'I do not feel safe at school. (1-5)', from 25.0% (Male) "
        "to 50.0% (Female).",
        "Worded negatively, so disagreeing (or Never, Rarely) counts as favourable: Q1, Q2, Q3.")
    codes = survey_charts.codes_table(result).frame()
    assert list(codes["Item"]) == ["Q1 (reversed)", "Q2 (reversed)", "Q3 (reversed)", "Q4"]
    table = survey_charts.survey_table(result).frame()        # as the screen and its downloads print it
    assert list(table.columns) == ["Item", "Group", "n", "% favourable", "Hidden"]
    assert table.iloc[0].tolist()[:3] == ["I feel left out at school. (reversed)", "All respondents", "9"]
    chart = survey_charts.survey_heat(result).to_dict()
    assert chart["title"] == "Percent favourable by gender"
    assert chart["layer"][0]["encoding"]["x"]["sort"] == ["Q1 (reversed)", "Q2 (reversed)", "Q3 (reversed)", "Q4"]


def test_survey_words_in_spanish():
    con, read = _read(_reversed_rows(), "Climate (Responses).csv")
    with reading("es"):
        assert survey.read_notes(read) == (
            "Leído como exportación de Google Forms.",
            "Se omitió 1 columna que la herramienta de encuestas agrega sobre cada respuesta (horas, identificadores, "
            "direcciones IP, correos electrónicos, nombres).")
        result = survey.results(con, read, Grouping("gender"), min_n=5, records=False)
        lines = survey.summary(result)
        assert lines[0] == ("Menos favorable: P3 (invertida), «I do not feel safe at school. (1-5)», con 40,0\u00a0% "
                            "favorable.")
        assert lines[-1] == ("Redactadas en negativo, así que estar en desacuerdo (o Nunca, Rara vez) cuenta como "
                             "favorable: P1, P2, P3.")
        table = survey_charts.survey_table(result).frame()
        assert list(table.columns) == ["Pregunta", "Grupo", "n", "% favorable", "Oculto"]
        first = table.iloc[:3]
        assert list(first["Grupo"]) == ["Todos los encuestados", "Femenino", "Masculino"]
        # 4 Male respondents < 5: hidden, and Female with them so it cannot be worked out from the total.
        assert list(first["Oculto"]) == ["", "sí — Oculto para que un grupo oculto más pequeño no pueda deducirse del "
                                         "total.", "sí — Oculto: menos de 5 encuestados."]
        assert first["Pregunta"].iloc[0] == "I feel left out at school. (invertida)"
        assert list(survey_charts.codes_table(result).frame().columns) == ["Código", "Pregunta"]
        chart = survey_charts.survey_heat(result).to_dict()
        assert chart["title"] == "Porcentaje favorable por género"
        assert {"oculto", "56\u00a0%"} <= {row["text"] for rows in chart["datasets"].values() for row in rows}
        with pytest.raises(ValueError, match="Ninguna columna de empty.csv"):
            survey.results(con, _read([["Timestamp", "Colour"], ["1/1/2024", "Blue"]], "empty.csv", con)[1],
                           Grouping("gender"))


# Survey-tool exports as the tools write them, six respondents each; the answers repeat every three rows, so
# each percent below is worked out from one block of three.
PERSONAL = ("@school.org", "192.168.", "10.1.2.", "Lopez", "Ana")


def _google_export():
    rows = [["Timestamp", "Email Address", "What is your student ID?", "How true is each statement? [I belong here]",
             "How true is each statement? [I feel left out]", "What grade are you in?"]]
    belong = ["Very true", "Not at all true", "Somewhat true"]
    left_out = ["Very true", "A little true", "Not at all true"]
    for i in range(6):
        rows.append([f"2024/10/14 9:0{i}:00 AM MDT", f"kid{i}@school.org", f"000{i}", belong[i % 3], left_out[i % 3],
                     "9" if i < 3 else "10"])
    return rows


def _monkey_export():
    rows = [["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
             "Last Name", "Custom Data 1", "How much do you agree with each statement?", "", "",
             "How often do you feel lonely at school?", "What grade are you in?"],
            ["", "", "", "", "", "", "", "", "", "I belong here.", "I do not feel safe.", "Teachers respect me.",
             "Response", "Response"]]
    answers = [("Agree", "Agree", "Agree", "Never"), ("Disagree", "Agree", "Neither agree nor disagree", "Often"),
               ("Strongly agree", "Strongly disagree", "Agree", "Rarely")]
    for i in range(6):
        rows.append([f"1141{i}", "4242", "10/14/2024 09:00:00 AM", "10/14/2024 09:05:00 AM", f"192.168.1.{i}",
                     f"kid{i}@school.org", "Ana", "Lopez", "", *answers[i % 3], "9" if i < 3 else "10"])
    return rows


def _qualtrics_export():
    meta = [("StartDate", "Start Date", "startDate"), ("EndDate", "End Date", "endDate"),
            ("Status", "Response Type", "status"), ("IPAddress", "IP Address", "ipAddress"),
            ("Progress", "Progress", "progress"), ("Duration (in seconds)", "Duration (in seconds)", "duration"),
            ("Finished", "Finished", "finished"), ("RecordedDate", "Recorded Date", "recordedDate"),
            ("ResponseId", "Response ID", "_recordId"),
            ("RecipientLastName", "Recipient Last Name", "recipientLastName"),
            ("RecipientFirstName", "Recipient First Name", "recipientFirstName"),
            ("RecipientEmail", "Recipient Email", "recipientEmail"),
            ("LocationLatitude", "Location Latitude", "locationLatitude"),
            ("LocationLongitude", "Location Longitude", "locationLongitude"),
            ("DistributionChannel", "Distribution Channel", "distributionChannel"),
            ("UserLanguage", "User Language", "userLanguage")]
    questions = [("Q1_1", "Belonging - I feel like I belong at this school", "QID1_1"),
                 ("Q1_2", "Belonging - I feel left out at school", "QID1_2"),
                 ("Q2", "How often do you feel lonely?", "QID2"), ("Q3", "What grade are you in?", "QID3")]
    columns = meta + questions
    rows = [[c[0] for c in columns], [c[1] for c in columns], [f'{{"ImportId":"{c[2]}"}}' for c in columns]]
    answers = [("Strongly agree", "Agree", "Never"), ("Agree", "Agree", "Often"),
               ("Disagree", "Strongly disagree", "Rarely")]
    for i in range(6):
        rows.append(["2024-10-14 09:00:00", "2024-10-14 09:05:00", "0", f"10.1.2.{i}", "100", "300", "1",
                     "2024-10-14 09:05:01", f"R_abc{i}", "Lopez", "Ana", f"kid{i}@school.org", "39.7", "-104.9",
                     "anonymous", "EN", *answers[i % 3], "9" if i < 3 else "10"])
    return rows


def _shown(con, read) -> str:
    """Everything the app keeps or shows of a survey, as text."""
    result = survey.results(con, read, Grouping("grade"), min_n=1, records=False)
    kept = con.execute("SELECT * FROM survey_responses").df().to_csv()
    return "\n".join([*survey.read_notes(read), *survey.summary(result),
                      survey_charts.survey_table(result).frame().to_csv(),
                      survey_charts.codes_table(result).frame().to_csv(),
                      survey_charts.survey_heat(result).to_json(),
                      read.table.to_pandas().to_csv(), kept, repr(read.items), repr(read.demographics)])


def test_google_forms_export():
    con, read = _read(_google_export(), "Climate survey (Responses).csv")
    assert (read.layout, read.header_rows, read.left_out) == (survey.GOOGLE, 0, 2)   # Timestamp, Email Address
    assert [i.label for i in read.items] == ["How true is each statement? [I belong here]",
                                             "How true is each statement? [I feel left out]"]
    assert read.student_id == "What is your student ID?"
    assert dict(read.demographics) == {"grade": "What grade are you in?"}
    result = survey.results(con, read, Grouping("grade"), min_n=1, records=False)
    belong, left_out = result.items
    assert belong.overall.percent == pytest.approx(100 / 3)             # Very true, 1 of 3
    assert left_out.reversed and left_out.overall.percent == pytest.approx(200 / 3)   # A little, Not at all true
    assert not any(p in _shown(con, read) for p in PERSONAL)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_surveymonkey_export(kind):
    rows = _monkey_export()
    data = csv_bytes(rows) if kind == "csv" else xlsx_bytes({"Sheet1": rows})
    con = dataset.connect()
    read = survey.read_survey(con, read_upload(data, f"Belonging.{kind}"))
    assert (read.layout, read.header_rows, read.left_out) == (survey.SURVEYMONKEY, 1, 9)
    assert [i.label for i in read.items] == ["I belong here.", "I do not feel safe.", "Teachers respect me.",
                                             "How often do you feel lonely at school?"]
    assert read.student_id is None                                      # Respondent ID is the tool's, not a student's
    assert dict(read.demographics) == {"grade": "What grade are you in?"}
    result = survey.results(con, read, Grouping("grade"), min_n=1, records=False)
    assert [r.reversed for r in result.items] == [False, True, False, True]
    assert [r.overall.percent for r in result.items] == [pytest.approx(200 / 3), pytest.approx(100 / 3),
                                                         pytest.approx(200 / 3), pytest.approx(200 / 3)]
    assert {g.label: g.n for g in result.items[0].groups} == {"9": 3, "10": 3}
    assert not any(p in _shown(con, read) for p in PERSONAL)


def test_qualtrics_export():
    con, read = _read(_qualtrics_export(), "Belonging_October.csv")
    assert (read.layout, read.header_rows, read.left_out) == (survey.QUALTRICS, 2, 16)
    assert [i.label for i in read.items] == ["Belonging - I feel like I belong at this school",
                                             "Belonging - I feel left out at school", "How often do you feel lonely?"]
    assert read.table.column_names == ["Q1_1", "Q1_2", "Q2", "Q3"]
    assert dict(read.demographics) == {"grade": "Q3"}                   # found by its question, 'What grade …'
    result = survey.results(con, read, Grouping("grade"), min_n=1, records=False)
    belong, left_out, lonely = result.items
    assert belong.overall.percent == pytest.approx(200 / 3)             # Strongly agree, Agree of 3
    assert left_out.reversed and left_out.overall.percent == pytest.approx(100 / 3)   # Strongly disagree of 3
    assert lonely.reversed and lonely.overall.percent == pytest.approx(200 / 3)       # Never, Rarely of 3
    assert not any(p in _shown(con, read) for p in PERSONAL)


@pytest.mark.parametrize("header, metadata", [
    ("Timestamp", True), ("Email Address", True), ("Email address", True), ("IPAddress", True),
    ("Recipient_Email", True), ("Duration (in seconds)", True), ("Custom Data 1", True), ("LocationLatitude", True),
    ("First Name", True), ("What is your name?", True), ("I feel safe at this school.", False), ("Gender", False),
    ("What is your student ID?", False), ("Marca temporal", True), ("Dirección de correo electrónico", True)])
def test_survey_tool_columns(header, metadata):
    assert survey.is_metadata(header) is metadata


def test_a_column_of_email_answers_is_left_out():
    rows = [["Your school e-mail", "Where do you sit?", "I belong here."],
            ["a.b@school.org", "10.0.0.1", "Agree"], ["", "front", "Disagree"]]
    con, read = _read(rows)
    assert read.left_out == 2 and read.table.column_names == ["I belong here."]


def test_an_export_of_only_the_tools_columns_has_no_items():
    con, read = _read([["Timestamp", "Email Address"], ["10/14/2024 9:00:00", "kid@school.org"]], "empty.csv")
    assert (read.items, read.left_out, read.table.num_columns) == ((), 2, 0)


def test_answers_in_spanish_by_hand():
    rows = [["Marca temporal", "Me siento parte de esta escuela.", "¿Con qué frecuencia te sientes solo?"],
            ["14/10/2024", "Totalmente de acuerdo", "Nunca"], ["14/10/2024", "De acuerdo", "Casi nunca"],
            ["14/10/2024", "En desacuerdo", "A veces"], ["14/10/2024", "No sé", "Siempre"]]
    con, read = _read(rows, "Encuesta (respuestas).csv")
    assert (read.layout, read.left_out) == (survey.GOOGLE, 1)          # Google Forms in Spanish
    result = survey.results(con, read, Grouping("gender"), min_n=1, records=False)
    belong, lonely = result.items
    assert (belong.overall.n, belong.overall.percent) == (3, pytest.approx(200 / 3))   # No sé is left out
    assert lonely.reversed and lonely.overall.percent == 50.0                          # Nunca, Casi nunca of 4
