"""Climate and belonging surveys: percent favourable per item and per group, with the same suppression as
every other figure.

Survey tools export in their own layouts: Google Forms puts a Timestamp first and the question text in the
header; SurveyMonkey adds a second header row (the statements of a matrix question, or 'Response');
Qualtrics adds two rows under its short column names (the question text, then '{"ImportId": …}'). Those rows
are read as labels and dropped, so every remaining row is one respondent. An answer is favourable on the
positive side of its scale: Agree and Strongly agree (and Somewhat agree on a 6- or 7-point scale), Often and
Always, Quite and Extremely, Yes, or 4-5 on a 1-5 scale (5-7 on a 1-7 scale).
"""

import re
from dataclasses import dataclass

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from equity import normalize
from equity.groups import Grouping, hidden, ordered
from equity.ingest import Upload
from equity.mapping import DEMOGRAPHIC_ROLES, SINGLE_ROLES, Mapping, propose
from equity.normalize import NOT_REPORTED
from equity.privacy import DEFAULT_MIN_N, why_hidden
from equity.profile import profile_table
from equity.sql import Fragment, query, quote_ident
from equity.students import CANONICAL, LABEL_TYPES

GOOGLE, SURVEYMONKEY, QUALTRICS, PLAIN = "Google Forms", "SurveyMonkey", "Qualtrics", "a plain table"
MAX_ANSWERS = 12
_PLACEHOLDER = re.compile(r"^Column \d+$")       # how the reader names a column with a blank header
_MONKEY_MARKS = {"response", "open-ended response", "other (please specify)"}
_IMPORT_ID = re.compile(r'^\{\s*"ImportId"')
_SKIP = re.compile(r"^(n/?a|not applicable|don'?t know|do not know|prefer not to (say|answer)|no opinion)$", re.I)
_POLARITY = (  # checked in order; the first match decides ('neither agree nor disagree' is neutral)
    (re.compile(r"\bneither\b|\bneutral\b|\bundecided\b|\bunsure\b|\bnot sure\b|\bsometimes\b|"
                r"\boccasionally\b|\bsomewhat (true|like)\b|^somewhat$", re.I), 0),
    (re.compile(r"\bdisagree|\bnot at all\b|\bnever\b|\brarely\b|\bseldom\b|\bslightly\b|\ba little\b|"
                r"\bnot (very|true)\b|^no$", re.I), -1),
    (re.compile(r"\bagree\b|\boften\b|\bfrequently\b|\busually\b|\balways\b|\bquite\b|\bvery\b|"
                r"\bextremely\b|\bmostly\b|\bcompletely\b|\ba lot\b|^yes$", re.I), 1),
)
_ASKED = (("grade", re.compile(r"\bgrade\b", re.I)), ("gender", re.compile(r"\bgender\b|\bsex\b", re.I)),
          ("race_ethnicity", re.compile(r"\brace\b|\bethnic", re.I)))   # demographic questions by their words
_ITEM = ("SELECT _rid, {i} AS item, CASE WHEN list_contains($favourable_{i}, trim({column})) THEN 1.0 "
         "WHEN list_contains($answered_{i}, trim({column})) THEN 0.0 END AS y FROM survey_responses")
_OWN = "CAST(map_extract_value(MAP($keys_{i}::VARCHAR[], $values_{i}::VARCHAR[]), coalesce(r.{source}, '')) AS {type})"


@dataclass(frozen=True)
class Item:
    header: str                       # the column in Survey.table
    label: str                        # the question as respondents read it
    answers: tuple[str, ...]          # answers on the scale (skips such as N/A left out)
    favourable: tuple[str, ...]


@dataclass(frozen=True)
class Survey:
    name: str
    layout: str                       # GOOGLE, SURVEYMONKEY, QUALTRICS or PLAIN
    table: pa.Table                   # one row per respondent
    items: tuple[Item, ...]
    student_id: str | None            # the column to join students' records on
    demographics: tuple[tuple[str, str], ...]   # (role, header) of the survey's own demographic columns
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Favourable:
    key: object
    label: str
    n: int                            # respondents who answered on the scale
    percent: float | None             # None when hidden
    hidden: bool
    note: str = ""


@dataclass(frozen=True)
class ItemResult:
    item: Item
    overall: Favourable
    groups: tuple[Favourable, ...]


@dataclass(frozen=True)
class SurveyResults:
    survey: Survey
    grouping: Grouping
    min_n: int
    respondents: int
    matched: int                      # respondents joined to a student's record
    items: tuple[ItemResult, ...]


def polarity(answer: str) -> int | None:
    """-1, 0 or 1 for an answer on a worded scale, None for one the app cannot place."""
    text = " ".join(answer.split())
    for pattern, value in _POLARITY:
        if pattern.search(text):
            return value
    return None


def favourable_answers(answers: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(answers on the scale, favourable ones) when the answers read as a Likert scale, else None."""
    counted = [a for a in answers if not _SKIP.match(a.strip())]
    if not counted or len(counted) > MAX_ANSWERS:
        return None
    if all(re.fullmatch(r"\d", a.strip()) for a in counted):
        points = [int(a) for a in counted]
        if min(points) < 1 or max(points) > 7 or len(set(points)) < 2:
            return None
        size = 5 if max(points) <= 5 else 7
        return tuple(counted), tuple(a for a, p in zip(counted, points, strict=True) if p > (size + 1) / 2)
    signs = [polarity(a) for a in counted]
    if any(s is None for s in signs) or 1 not in signs:
        return None
    return tuple(counted), tuple(a for a, s in zip(counted, signs, strict=True) if s == 1)


def read_survey(con: duckdb.DuckDBPyConnection, upload: Upload) -> Survey:
    """A survey export as one row per respondent, its Likert items, its ID and its demographic columns."""
    table, labels, layout = _layout(upload.table)
    con.register("survey_arrow", table)
    try:
        con.execute(query("copy_table", target="survey_raw", source="survey_arrow"))
    finally:
        con.unregister("survey_arrow")
    mapping = propose(profile_table(con, "survey_raw"))
    roles = {c.header: c.role for c in mapping.columns}
    items = []
    for header in table.column_names:
        if roles.get(header) in SINGLE_ROLES:
            continue
        answers = [v for v in pc.unique(table.column(header)).to_pylist() if v is not None]
        scale = favourable_answers(answers)
        if scale:
            items.append(Item(header, labels.get(header, header), *scale))
    used = {i.header for i in items} | {mapping.header_for("student_id")}
    demographics = _demographics(mapping, [h for h in table.column_names if h not in used])
    dropped = upload.table.num_rows - table.num_rows
    notes = [f"Read as a {layout} export." if layout != PLAIN else "Read as a table of answers."]
    if dropped:
        notes.append(f"Dropped {dropped} extra header row{'s' if dropped > 1 else ''} under the column names.")
    return Survey(upload.name, layout, table, tuple(items), mapping.header_for("student_id"), demographics,
                  tuple(notes))


def _demographics(mapping: Mapping, headers: list[str]) -> tuple[tuple[str, str], ...]:
    """(role, header) of the survey's own demographic columns: those the mapping recognises, then questions
    such as 'What grade are you in?'."""
    found = {c.role: c.header for c in mapping.columns if c.role in (*DEMOGRAPHIC_ROLES, "grade", "school")}
    for role, words in _ASKED:
        taken = set(found.values())
        header = next((h for h in headers if words.search(h) and h not in taken), None)
        if role not in found and header:
            found[role] = header
    return tuple(found.items())


def _layout(table: pa.Table) -> tuple[pa.Table, dict[str, str], str]:
    """The respondents' rows, each column's question text, and the tool the layout comes from."""
    headers = table.column_names
    first = [_cell(table, h, 0) for h in headers] if table.num_rows else []
    second = [_cell(table, h, 1) for h in headers] if table.num_rows > 1 else []
    if second and _mostly(second, lambda v: bool(_IMPORT_ID.match(v))):
        labels = {h: v for h, v in zip(headers, first, strict=True) if v}
        return table.slice(2), labels, QUALTRICS
    if first and _mostly(first, lambda v: bool(_IMPORT_ID.match(v))):
        return table.slice(1), {}, QUALTRICS
    if first and _monkey(headers, first):
        return table.slice(1), _monkey_labels(headers, first), SURVEYMONKEY
    layout = GOOGLE if headers and headers[0].strip().lower() == "timestamp" else PLAIN
    return table, {}, layout


def _cell(table: pa.Table, header: str, row: int) -> str:
    value = table.column(header)[row].as_py()
    return "" if value is None else str(value).strip()


def _mostly(cells: list[str], test) -> bool:
    filled = [c for c in cells if c]
    return bool(filled) and sum(map(test, filled)) * 2 > len(filled)


def _monkey(headers: list[str], first: list[str]) -> bool:
    """SurveyMonkey's second header row: 'Response' cells, or statements under blank headers, and no answers
    in its respondent columns."""
    marks = any(c.lower() in _MONKEY_MARKS for c in first)
    statements = any(_PLACEHOLDER.match(h) and c for h, c in zip(headers, first, strict=True))
    respondent = next((c for h, c in zip(headers, first, strict=True) if h.lower() == "respondent id"), "")
    return (marks or statements) and not respondent


def _monkey_labels(headers: list[str], first: list[str]) -> dict[str, str]:
    """A statement of a matrix question under its question's text, or the question itself."""
    labels, question = {}, ""
    for header, cell in zip(headers, first, strict=True):
        if not _PLACEHOLDER.match(header):
            question = header
        labels[header] = cell if cell and cell.lower() not in _MONKEY_MARKS else question
    return labels


def results(con: duckdb.DuckDBPyConnection, survey: Survey, grouping: Grouping, min_n: int = DEFAULT_MIN_N,
            term: str | None = None, records: bool = True) -> SurveyResults:
    """Percent favourable per item, for everyone and per group; `records` joins students' records (of
    `term`, or each student's latest) by the survey's student ID."""
    if not survey.items:
        raise ValueError("No column of this survey holds Likert answers (Agree … Disagree, 1-5, Never … "
                         "Always), so there is nothing to count.")
    con.execute(query("join_macros"))
    for name, labels in LABEL_TYPES.items():
        con.execute(query("label_type", type_name=name), {"labels": list(labels)})
    con.register("survey_arrow", survey.table)
    try:
        con.execute(query("survey_responses", source="survey_arrow"))
    finally:
        con.unregister("survey_arrow")
    _people(con, survey, records and survey.student_id is not None, term)
    selects, params = [], {}
    for i, item in enumerate(survey.items):
        selects.append(_ITEM.format(i=i, column=quote_ident(item.header)))
        params[f"favourable_{i}"], params[f"answered_{i}"] = list(item.favourable), list(item.answers)
    con.execute(query("survey_answers", items=Fragment("\nUNION ALL\n".join(selects))), params)
    rows = con.execute(query("survey_favourable", groups=Fragment(", ".join(grouping.columns)))).fetchall()
    respondents, matched = con.execute(query("survey_counts")).fetchall()[0]
    width = len(grouping.columns)
    overall: dict[int, tuple[int, float]] = {}
    per_group: dict[int, dict[object, tuple[int, float]]] = {}
    for row in rows:
        item, parts, is_total, n, favourable = row[0], row[1:1 + width], row[1 + width], row[-2], row[-1]
        if is_total:
            overall[item] = (int(n), float(favourable))
        elif n:
            key = tuple(parts) if grouping.crossed else parts[0]
            per_group.setdefault(item, {})[key] = (int(n), float(favourable))
    items = tuple(_item_result(item, grouping, overall.get(i, (0, 0.0)), per_group.get(i, {}), min_n)
                  for i, item in enumerate(survey.items))
    return SurveyResults(survey, grouping, min_n, int(respondents), int(matched or 0), items)


def _item_result(item: Item, grouping: Grouping, total: tuple[int, float], groups: dict[object, tuple[int, float]],
                 min_n: int) -> ItemResult:
    reasons = hidden(grouping, {k: n for k, (n, _) in groups.items()}, min_n)
    shown = []
    for key in ordered(grouping, groups):
        shown.append(_figure(key, grouping.group_label(key), *groups[key], reasons[key], min_n))
    small = "small" if total[0] < min_n else None
    return ItemResult(item, _figure(None, "All respondents", *total, small, min_n), tuple(shown))


def _figure(key, label: str, n: int, favourable: float, reason: str | None, min_n: int) -> Favourable:
    if reason:
        return Favourable(key, label, n, None, True, why_hidden(reason, min_n).replace("students", "respondents"))
    return Favourable(key, label, n, favourable / n * 100 if n else None, False)


def _people(con: duckdb.DuckDBPyConnection, survey: Survey, join: bool, term: str | None) -> None:
    """survey_people: each respondent's canonical groups, from records where joined, else self-reported."""
    own = dict(survey.demographics)
    columns, params = [], {}
    for i, (column, sql_type) in enumerate(CANONICAL.items()):
        if column in ("student_id", "term"):
            continue
        expression = _own(con, column, own.get(column), sql_type, i, params)
        if join:
            expression = f"CASE WHEN s._key IS NOT NULL THEN s.{quote_ident(column)} ELSE {expression} END"
        columns.append(f"{expression} AS {quote_ident(column)}")
    records = Fragment(query("survey_records") if join else query("survey_no_records"))
    if join:
        params["term"] = term
    identifier = Fragment(f"r.{quote_ident(survey.student_id)}" if join else "NULL")
    con.execute(query("survey_people", records=records, id=identifier, columns=Fragment(", ".join(columns))),
                params)


def _own(con: duckdb.DuckDBPyConnection, role: str, header: str | None, sql_type: str, i: int,
         params: dict) -> str:
    """A canonical column from the survey's own answers, normalised as in `students`, or its missing value."""
    missing = f"CAST({'NULL' if role not in ('race_ethnicity', 'gender') else repr(NOT_REPORTED)} AS {sql_type})"
    if header is None:
        return missing
    if role == "school":
        return f"nullif(trim(r.{quote_ident(header)}), '')"
    raw = [v for v, _ in con.execute(query("column_values", table="survey_responses", column=header),
                                     {"limit": 10_000}).fetchall()]
    mapped = normalize.map_values(role, raw).values
    params[f"keys_{i}"] = ["" if v is None else v for v in raw]
    params[f"values_{i}"] = [_text(mapped.get(v)) for v in raw]
    return f"coalesce({_OWN.format(i=i, source=quote_ident(header), type=sql_type)}, {missing})"


def _text(value: object) -> str | None:
    if value is None:
        return None
    return str(value).lower() if isinstance(value, bool) else str(value)
