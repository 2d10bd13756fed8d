"""The exports that hold student rows: a list a teacher asks for, for their own class (the sidebar filters choose
whom), and the early-warning roster (equity.plans.warning). Everything else leaves as group totals. Each table says
in its title and its notes that it contains student data, and its file name starts with 'student-data'."""

import duckdb

from equity.data.mapping import Mapping
from equity.data.sql import query
from equity.model.dimensions import DIMENSIONS
from equity.model.filters import Filters
from equity.model.rules import Rule
from equity.plans import warning
from equity.present.tables import COUNT, TEXT, VALUE, Column, Table
from equity.words.i18n import t
from equity.words.labels import dimension_label, group_label, rule_text, yes_no

FILE_PREFIX = "student-data"
FLAGS = ("low_income", "english_learner", "special_ed", "section_504")
NUMERIC = ("threshold", "mean")              # rules whose outcome is a number


def student_table(con: duckdb.DuckDBPyConnection, outcome: str, label: str, rule: Rule, filters: Filters) -> Table:
    """One row per student the filters keep: ID, term, school, grade, groups, the outcome and whether it meets
    the rule (for a rate)."""
    rows = con.execute(query("report/student_list", outcome=outcome), {**rule.params(), **filters.params()}).fetchall()
    columns = [Column(t("student.id")), Column(t("student.term")), Column(t("student.school")),
               Column(t("student.grade")), *_group_columns(), Column(label, VALUE if rule.kind in NUMERIC else TEXT)]
    if rule.is_rate:
        columns.append(Column(t("student.meets", rule=rule_text(rule))))
    body = []
    for student_id, term, school, grade, race_label, *flags, result, scored in rows:
        row = [student_id, term, school, grade, *_groups(race_label, flags), _result(result, rule)]
        if rule.is_rate:
            row.append(yes_no(None if scored is None else scored > 0))
        body.append(tuple(row))
    return Table(tuple(columns), tuple(body), (t("report.student_data"),))


def roster_table(con: duckdb.DuckDBPyConnection, signs: tuple[warning.WarningSign, ...], mapping: Mapping,
                 term: str | None, filters: Filters) -> Table:
    """The early-warning roster: one row per student the filters keep in `term` (None: every term), the most areas
    flagged first, with a yes/no per area and each indicator's value."""
    areas = warning.areas(signs)
    numeric = [s.test in (warning.BELOW, warning.AT_LEAST) for s in signs]
    columns = [Column(t("student.id")), Column(t("student.school")), Column(t("student.grade")), *_group_columns(),
               Column(t("warning.column_flags"), COUNT), *(Column(t(f"warning.column_{a}")) for a in areas),
               *(Column(s.label, VALUE if n else TEXT) for s, n in zip(signs, numeric, strict=True))]
    body, n = [], len(FLAGS)
    for student_id, school, grade, race_label, *rest in warning.roster(con, signs, mapping, term, filters):
        flags, flagged = rest[:n], rest[n]
        area_flags, values = rest[n + 1:n + 1 + len(areas)], rest[n + 1 + len(areas):]
        body.append((student_id, school, grade, *_groups(race_label, flags), flagged, *map(yes_no, area_flags),
                     *(v if n or not isinstance(v, bool) else yes_no(v) for v, n in zip(values, numeric, strict=True))))
    return Table(tuple(columns), tuple(body), (t("report.student_data"), t("warning.roster_note")))


def _group_columns() -> list[Column]:
    return [Column(dimension_label(DIMENSIONS[d])) for d in ("race", *FLAGS)]


def _groups(race: str | None, flags: list) -> list[str]:
    """A student's race and flagged groups in words."""
    return [group_label(DIMENSIONS["race"], race),
            *(group_label(DIMENSIONS[f], v) for f, v in zip(FLAGS, flags, strict=True))]


def _result(value: str | None, rule: Rule) -> object:
    """Numbers as numbers (so a spreadsheet can sort them), anything else as recorded."""
    if value is None or rule.kind not in NUMERIC:
        return value
    try:
        return float(value)
    except ValueError:
        return value
