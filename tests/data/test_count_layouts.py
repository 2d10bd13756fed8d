"""Published count layouts: the CRDC's column naming rule, its wide files reshaped to long, report cards' rows of
overlapping groups set aside, and suppressed cells read as unknown and listed."""

import pytest

from equity.data import count_layouts, dataset, normalize
from equity.data.count_layouts import count_value, crdc_measure, long_form
from equity.data.ingest import read_upload
from equity.data.profile import ColumnProfile
from tests.count_files import REPORT_CARD_GROUPS, crdc_csv
from tests.files import csv_bytes

BLACK, WHITE, HISPANIC = "Black or African American", "White", "Hispanic/Latino"


@pytest.mark.parametrize(("header", "expected"), [
    ("SCH_ENR_HI_M", ("ENR", HISPANIC, "Male")),
    ("SCH_ENR_TR_F", ("ENR", "Two or More Races", "Female")),
    ("sch_enr_am_f", ("ENR", "American Indian or Alaska Native", "Female")),
    ("SCH_DISCWODIS_ISS_BL_M", ("DISC_ISS", BLACK, "Male")),
    ("SCH_DISCWDIS_ISS_IDEA_BL_M", ("DISC_ISS", BLACK, "Male")),       # the same group, under IDEA
    ("SCH_DISCWODIS_MULTOOS_HP_F", ("DISC_MULTOOS", "Native Hawaiian or Other Pacific Islander", "Female")),
    ("SCH_RS_NONIDEA_MECH_AS_M", ("RS_MECH", "Asian", "Male")),
    ("SCH_RS_IDEA_MECH_AS_M", ("RS_MECH", "Asian", "Male")),
    ("SCH_APENR_WH_F", ("APENR", WHITE, "Female")),
])
def test_the_crdc_naming_rule_gives_measure_race_and_sex(header, expected):
    assert crdc_measure(header) == expected


@pytest.mark.parametrize("header", ["TOT_ENR_M", "SCH_ENR_LEP_M", "SCH_ENR_IDEA_F", "SCH_ENR_504_M", "SCH_NAME",
                                    "COMBOKEY", "SCH_ENR_XX_M", "ENR_HI_M"])
def test_columns_outside_the_race_by_sex_rule_are_not_groups(header):
    assert crdc_measure(header) is None


def _long():
    return long_form(read_upload(crdc_csv(), "crdc.csv"))


def test_a_crdc_wide_file_becomes_one_row_per_school_race_and_sex():
    upload = _long()
    table = upload.table.to_pylist()
    assert upload.table.column_names == ["LEA_STATE", "LEAID", "LEA_NAME", "SCHID", "SCH_NAME", "COMBOKEY",
                                         "Race/ethnicity", "Sex", "SCH_ENR", "SCH_DISC_ISS"]
    assert len(table) == 2 * 7 * 2           # two schools, seven races, two sexes
    row = next(r for r in table if r["SCH_NAME"] == "Adams Elementary" and r["Race/ethnicity"] == BLACK
               and r["Sex"] == "Male")
    # 30 enrolled; suspended: 8 without disabilities + 2 under IDEA.
    assert (row["SCH_ENR"], row["SCH_DISC_ISS"], row["COMBOKEY"]) == ("30", "10", "010000500001")
    suppressed = next(r for r in table if r["SCH_NAME"] == "Baker Middle" and r["Race/ethnicity"] == HISPANIC
                      and r["Sex"] == "Female")
    assert suppressed["SCH_DISC_ISS"] == "-2"          # a suppressed part keeps the whole sum unknown
    note = upload.notes[-1]
    assert note.key == "counts.crdc_wide"
    # 14 enrollment and 28 suspension columns by race and sex; 16 totals and program columns set aside
    # (TOT_ENR x2, ENR LEP/504/IDEA x6, TOT_DISCWODIS_ISS x2, ISS LEP/504 x4, TOT_DISCWDIS_ISS_IDEA x2).
    assert (note.params["columns"], note.params["groups"], note.params["aside"]) == (42, 14, 16)


def test_a_file_with_a_few_such_headers_is_left_as_it_is():
    rows = [["SCH_NAME", "SCH_ENR_HI_M", "SCH_ENR_HI_F", "Score"], ["A", "3", "4", "70"]]
    upload = read_upload(csv_bytes(rows), "few.csv")
    assert long_form(upload).table.column_names == upload.table.column_names


@pytest.mark.parametrize("raw", ["*", "<10", "n<5", "N<10", "-9", "-2", "-11", "‡", "†", "N/A", ">95%", "s"])
def test_a_suppression_marker_is_unknown_never_zero(raw):
    assert count_value(raw) is None


@pytest.mark.parametrize(("raw", "value"), [("0", 0), (" 12 ", 12), ("1,234", 1234), ("7.0", 7)])
def test_a_count_is_read_as_a_number(raw, value):
    assert count_value(raw) == value


def _profile(*values):
    return ColumnProfile("c", len(values), len(set(values)), 1.0, tuple((v, 1) for v in values))


def test_counts_are_told_from_identifiers_and_yes_no_columns():
    assert count_layouts.countlike(_profile("0", "15", "30", "*", "-9"))
    assert not count_layouts.countlike(_profile("010000500001", "010000500002"))     # COMBOKEY
    assert not count_layouts.countlike(_profile("0", "1"), top=2)       # yes/no, not a column of students
    assert count_layouts.countlike(_profile("0", "1")) and count_layouts.countlike(_profile("0"))
    assert not count_layouts.countlike(_profile("70.5", "80"))
    assert not count_layouts.countlike(_profile("*", "<10", "5"))                      # mostly markers


def test_suppressed_cells_are_counted_and_listed_per_column():
    con = dataset.connect()
    con.execute("CREATE TABLE t AS SELECT * FROM (VALUES ('12', '*'), ('<10', '*'), ('', '3'), ('-9', '‡')) "
                "AS v(a, b)")
    found = count_layouts.suppressed(con, "t", ("a", "b"))
    assert [(s.header, s.values, s.cells) for s in found] == [
        ("a", (("-9", 1), ("<10", 1)), 2), ("b", (("*", 2), ("‡", 1)), 3)]


# Group names as state report cards and assessment files spell them, with the dimension and value each names
# (ALL: a school's all students; None: no dimension, set aside). From public documentation and public code that
# reads the files and quotes their spellings: California's CAASPP research files, Ohio's and New York's
# assessment files, Kentucky's and Illinois' report cards (as standardised by public state-assessment cleaning
# scripts), the Nevada Report Card API's group filters (IEP/Not IEP, FRL/Not FRL, ELL/Not ELL), Massachusetts
# DESE's SSDR group codes (SPED, ECODIS, F, M) and Tennessee's accountability groups.
GROUP_NAMES = [
    ("All Students", count_layouts.ALL, None), ("ALL", count_layouts.ALL, None),
    ("Economically disadvantaged", "low_income", True), ("Not economically disadvantaged", "low_income", False),
    ("EL (English learner)", "english_learner", True), ("EO (English only)", "english_learner", False),
    ("Ever EL", None, None), ("Two or more races", "race_ethnicity", "Two or More Races"),
    ("Disadvantaged", "low_income", True), ("NonDisadvantaged", "low_income", False),
    ("Econ. Disadvantaged", "low_income", True), ("Non-Econ. Disadvantaged", "low_income", False),
    ("Students w/ disabilities", "special_ed", True), ("Non-Disabled", "special_ed", False),
    ("Multi-race, Non-Hisp./Lat.", "race_ethnicity", "Two or More Races"),
    ("Nat. Haw. or Pacif. Isl.", "race_ethnicity", "Native Hawaiian or Other Pacific Islander"),
    ("Non-English Learner", "english_learner", False), ("Non-Economically Disadvantaged", "low_income", False),
    ("White (non-Hispanic)", "race_ethnicity", WHITE), ("African American", "race_ethnicity", BLACK),
    ("EL", "english_learner", True), ("Not EL", "english_learner", False), ("Low Income", "low_income", True),
    ("Not Low Income", "low_income", False), ("IEP", "special_ed", True), ("Not IEP", "special_ed", False),
    ("FRL", "low_income", True), ("Not FRL", "low_income", False), ("ELL", "english_learner", True),
    ("Not ELL", "english_learner", False), ("SPED", "special_ed", True), ("ECODIS", "low_income", True),
    ("F", "gender", "Female"), ("M", "gender", "Male"), ("Econ Dis", "low_income", True),
    ("Not Econ Dis", "low_income", False), ("Not an English Learner", "english_learner", False),
    ("Black/Hispanic/Native American", None, None), ("Gifted", None, None), ("Migrant", None, None),
    ("Non-Migrant", None, None), ("Homeless", None, None), ("Foster Care", None, None),
    ("Students with Disabilities", "special_ed", True), ("Students without Disabilities", "special_ed", False),
    ("Students without IEP", "special_ed", False), ("SWD", "special_ed", True), ("Non-SWD", "special_ed", False),
    ("English Learners", "english_learner", True), ("Female", "gender", "Female"), ("Male", "gender", "Male"),
    ("Grade 03", "grade", "3"), ("Section 504", "section_504", True), ("Hispanic", "race_ethnicity", HISPANIC),
]


@pytest.mark.parametrize(("name", "kind", "value"), GROUP_NAMES)
def test_a_report_card_group_is_read_as_its_dimension(name, kind, value):
    assert count_layouts.group_kind(name) == kind
    if kind not in (None, count_layouts.ALL):
        assert normalize.map_values(kind, [name]).values[name] == (
            normalize.from_text(kind, value) if isinstance(value, str) else value)


def test_a_report_card_gets_one_column_per_kind_of_group():
    upload = long_form(read_upload(csv_bytes(REPORT_CARD_GROUPS), "state.csv"))
    table = upload.table
    assert table.column_names == ["School Name", "Race/ethnicity", "Sex", "Economically disadvantaged",
                                  "English learner", "Disability", "Number Tested", "Number Proficient"]
    assert table.num_rows == len(REPORT_CARD_GROUPS) - 2          # the header, and Lincoln's Migrant row
    rows = table.to_pylist()
    assert rows[0] | {"School Name": None} == dict.fromkeys(table.column_names[:6]) | {
        "Number Tested": "200", "Number Proficient": "100"}                     # All Students: no kind
    poor = next(r for r in rows if r["Economically disadvantaged"] == "Not Econ Disadv")
    assert [poor[c] for c in ("Race/ethnicity", "Sex", "English learner", "Disability")] == [None] * 4
    kinds, aside = upload.notes[-2:]
    assert (kinds.key, aside.key) == ("counts.group_kinds", "counts.other_groups")
    assert kinds.params["columns"] == "Race/ethnicity, Sex, Economically disadvantaged, English learner, Disability"
    assert (aside.params["rows"], aside.params["groups"]) == (1, "Migrant")


def test_two_names_for_one_group_keep_the_plainer():
    rows = [["School", "Student Group", "N Tested", "N Proficient"], ["A", "All Students", "50", "20"],
            ["A", "English Learners", "10", "2"], ["A", "English Learners with Transitional 1-4", "14", "4"],
            ["A", "Former EL", "4", "2"], ["A", "Non-English Learner", "40", "18"]]
    upload = long_form(read_upload(csv_bytes(rows), "tn.csv"))
    assert [r["English learner"] for r in upload.table.to_pylist()] == [None, "English Learners",
                                                                          "Non-English Learner"]
    assert upload.notes[-1].params["groups"] == "English Learners with Transitional 1-4, Former EL"


def test_school_names_holding_a_race_word_are_no_groups():
    rows = [["School", "Students", "Suspended"], ["Black Hawk Elementary", "300", "12"],
            ["White Oak Middle", "500", "20"], ["Lincoln High", "900", "40"], ["All", "1700", "72"]]
    upload = read_upload(csv_bytes(rows), "schools.csv")
    assert long_form(upload).table.column_names == upload.table.column_names


def test_a_student_file_with_a_race_column_is_not_touched():
    rows = [["Student ID", "Race", "Score"], ["1", "Black", "70"], ["2", "White", "80"], ["3", "Martian", "90"]]
    upload = read_upload(csv_bytes(rows), "students.csv")
    assert long_form(upload).table.num_rows == 3


def test_codes_of_one_width_are_identifiers_not_counts():
    assert not count_layouts.countlike(_profile("9900001"))                         # a district's LEAID
    assert not count_layouts.countlike(_profile("990000100001", "990000100002"))    # COMBOKEY
    assert count_layouts.countlike(_profile("1200", "13500", "980"))                 # students of a district


@pytest.mark.parametrize("name", ["District Total", "STATE TOTAL", "Statewide", "State", "LEA", "All Schools",
                                  "Springfield USD Totals", "District-wide", "county level", "Grand total", "All"])
def test_a_total_row_is_told_by_its_name(name):
    assert count_layouts.total_entity(name)


@pytest.mark.parametrize("name", ["Lincoln High", "District Academy of the Arts", "State Street Elementary",
                                  "Eastside County High School", "All Saints School", "Totah Middle", "", None])
def test_a_school_is_no_total_row(name):
    assert not count_layouts.total_entity(name)


def test_total_rows_are_set_aside_at_load_and_named():
    rows = [["School", "Race", "Enrollment", "Suspended"], ["Adams", "Black", "40", "4"],
            ["Adams", "White", "60", "3"], ["District total", "Black", "400", "40"],
            ["District total", "White", "600", "30"]]
    con = dataset.connect()
    staged = dataset.stage(con, read_upload(csv_bytes(rows), "counts.csv"))
    report = dataset.activate(con, staged, staged.proposal)
    assert report.report.totals == ("District total",) and report.report.rows == 2
    assert con.execute("SELECT school, sum(denominator) FROM count_totals GROUP BY ALL").fetchall() == \
        [("District total", 1000)]


def test_total_rows_are_told_by_a_level_column():
    rows = [["Aggregation Level", "School", "Race", "Enrollment", "Suspended"],
            ["School", "Adams", "Black", "40", "4"], ["School", "Adams", "White", "60", "3"],
            ["District", "Springfield USD", "Black", "400", "40"],
            ["District", "Springfield USD", "White", "600", "30"],
            ["State", "Oregon", "Black", "4000", "300"], ["State", "Oregon", "White", "6000", "200"]]
    con = dataset.connect()
    staged = dataset.stage(con, read_upload(csv_bytes(rows), "counts.csv"))
    report = dataset.activate(con, staged, staged.proposal).report
    assert report.totals == ("Oregon", "Springfield USD") and report.rows == 2
    assert count_layouts.level_totals(con, "students", ("school",), "school") == ()   # no column of levels


def test_a_column_of_grades_with_all_grades_blanks_that_row_s_grade():
    rows = [["School", "Grade", "Number Tested", "Number Proficient"], ["A", "All Grades", "50", "20"],
            ["A", "3", "20", "8"], ["A", "4", "30", "12"]]
    upload = long_form(read_upload(csv_bytes(rows), "grades.csv"))
    assert [r["Grade"] for r in upload.table.to_pylist()] == [None, "3", "4"]
    assert (upload.notes[-1].key, upload.notes[-1].params["groups"]) == ("counts.all_grades", "All Grades")
    students = [["Student ID", "Grade", "Score"], ["1", "All", "70"], ["2", "3", "80"]]     # no counts: as it is
    assert long_form(read_upload(csv_bytes(students), "s.csv")).table.column("Grade").to_pylist() == ["All", "3"]


def test_a_group_listed_on_its_yes_side_only_is_said():
    rows = [["School", "Student Group", "Number Tested", "Number Proficient"], ["A", "All Students", "50", "20"],
            ["A", "Economically Disadvantaged", "30", "9"], ["A", "Female", "25", "12"], ["A", "Male", "25", "8"]]
    note = long_form(read_upload(csv_bytes(rows), "one_side.csv")).notes[-1]
    assert (note.key, note.params["groups"]) == ("counts.one_side", "Economically Disadvantaged")


def test_groups_whose_kind_has_a_column_already_are_set_aside():
    rows = [["School", "Grade", "Student Group", "Number Tested", "Number Proficient"],
            ["A", "3", "All Students", "50", "20"], ["A", "3", "Female", "25", "12"], ["A", "3", "Male", "25", "8"],
            ["A", "3", "Grade 3", "50", "20"]]
    upload = long_form(read_upload(csv_bytes(rows), "grades.csv"))
    assert upload.table.column_names == ["School", "Grade", "Sex", "Number Tested", "Number Proficient"]
    assert upload.table.num_rows == 3 and upload.notes[-1].params["groups"] == "Grade 3"
