"""The one export that holds student rows: a list a teacher asks for, for their own class (the sidebar filters
choose whom). Everything else leaves as group totals. The table says in its title and its notes that it
contains student data, and its file name starts with 'student-data'."""

import duckdb

from equity.data.sql import query
from equity.model.dimensions import DIMENSIONS
from equity.model.filters import Filters
from equity.model.rules import Rule
from equity.present.tables import TEXT, VALUE, Column, Table
from equity.words.i18n import t
from equity.words.labels import dimension_label, group_label, rule_text, yes_no

FILE_PREFIX = "student-data"
FLAGS = ("low_income", "english_learner", "special_ed", "section_504")
NUMERIC = ("threshold", "mean")              # rules whose outcome is a number


def student_table(con: duckdb.DuckDBPyConnection, outcome: str, label: str, rule: Rule, filters: Filters) -> Table:
    """One row per student the filters keep: ID, term, school, grade, groups, the outcome and whether it meets
    the rule (for a rate)."""
    rows = con.execute(query("report/student_list", outcome=outcome), {**rule.params(), **filters.params()}).fetchall()
    race = DIMENSIONS["race"]
    columns = [Column(t("student.id")), Column(t("student.term")), Column(t("student.school")),
               Column(t("student.grade")), Column(dimension_label(race)),
               *(Column(dimension_label(DIMENSIONS[f])) for f in FLAGS),
               Column(label, VALUE if rule.kind in NUMERIC else TEXT)]
    if rule.is_rate:
        columns.append(Column(t("student.meets", rule=rule_text(rule))))
    body = []
    for student_id, term, school, grade, race_label, *flags, result, scored in rows:
        row = [student_id, term, school, grade, group_label(race, race_label),
               *(group_label(DIMENSIONS[f], v) for f, v in zip(FLAGS, flags, strict=True)),
               _result(result, rule)]
        if rule.is_rate:
            row.append(yes_no(None if scored is None else scored > 0))
        body.append(tuple(row))
    return Table(tuple(columns), tuple(body), (t("report.student_data"),))


def _result(value: str | None, rule: Rule) -> object:
    """Numbers as numbers (so a spreadsheet can sort them), anything else as recorded."""
    if value is None or rule.kind not in NUMERIC:
        return value
    try:
        return float(value)
    except ValueError:
        return value
