"""Climate and belonging surveys: percent favourable per item and per group, with the same suppression as
every other figure.

Survey tools export in their own layouts: Google Forms puts a Timestamp first and the question text in the
header; SurveyMonkey adds a second header row (the statements of a matrix question, or 'Response');
Qualtrics adds two rows under its short column names (the question text, then '{"ImportId": …}'). Those rows
are read as labels and dropped, so every remaining row is one respondent. An answer is favourable on the
positive side of its scale: Agree and Strongly agree (and Somewhat agree on a 6- or 7-point scale), Often and
Always, Quite and Extremely, Yes, or 4-5 on a 1-5 scale (5-7 on a 1-7 scale); the same scales in Spanish
(De acuerdo, Siempre, Sí …) are read too.

An item worded negatively ('I feel left out at school', 'How often do you feel lonely?') is favourable on
the other side: Disagree, Never or Rarely, 1-2. Such items are spotted by their wording (see `worded_negatively`)
and the user can change the choice. The columns a survey tool adds about the response itself (times, IDs, IP
addresses, e-mails, names) are dropped on reading, so they never reach a result.
"""

import re
from dataclasses import dataclass

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from equity.data import normalize
from equity.data.ingest import Upload
from equity.data.mapping import DEMOGRAPHIC_ROLES, SINGLE_ROLES, Mapping, propose
from equity.data.normalize import NOT_REPORTED
from equity.data.profile import column_values, profile_table
from equity.data.sql import Fragment, query, sql_name
from equity.data.students import CANONICAL, LABEL_TYPES
from equity.model.groups import Grouping, ordered
from equity.stats.grouped import hidden
from equity.stats.privacy import COMPLEMENT, DEFAULT_MIN_N, SMALL
from equity.words.groupings import grouping_group
from equity.words.i18n import t, tn
from equity.words.labels import dimension_phrase
from equity.words.numbers import percent

GOOGLE, SURVEYMONKEY, QUALTRICS, PLAIN = "Google Forms", "SurveyMonkey", "Qualtrics", "plain"
MAX_ANSWERS = 12
_PLACEHOLDER = re.compile(r"^Column \d+$")       # how the reader names a column with a blank header
_MONKEY_MARKS = {"response", "open-ended response", "other (please specify)"}
_IMPORT_ID = re.compile(r'^\{\s*"ImportId"')
_SKIP = re.compile(r"^(n/?a|not applicable|don'?t know|do not know|prefer not to (say|answer)|no opinion|"
                   r"no s[eé]|no aplica|prefiero no (decir|responder|contestar))$", re.I)
_POLARITY = (  # checked in order; the first match decides ('neither agree nor disagree' is neutral). Answers in
    # English or Spanish, as a district may give families the survey in either.
    (re.compile(r"\bneither\b|\bneutral\b|\bundecided\b|\bunsure\b|\bnot sure\b|\bsometimes\b|"
                r"\boccasionally\b|\bsomewhat (true|like)\b|^somewhat$|"
                r"\bni de acuerdo\b|\ba veces\b|\balgunas veces\b|\bno estoy segur[oa]\b|\bindecis[oa]\b", re.I), 0),
    (re.compile(r"\bdisagree|\bnot at all\b|\bnever\b|\brarely\b|\bseldom\b|\bslightly\b|\ba little\b|"
                r"\bnot (very|true)\b|^no$|"
                r"\bdesacuerdo\b|\bnunca\b|\brara vez\b|\bpocas veces\b|\bnada\b|\bun poco\b", re.I), -1),
    (re.compile(r"\bagree\b|\boften\b|\bfrequently\b|\busually\b|\balways\b|\bquite\b|\bvery\b|"
                r"\bextremely\b|\bmostly\b|\bcompletely\b|\ba lot\b|^yes$|"
                r"\bde acuerdo\b|\ba menudo\b|\bcon frecuencia\b|\bmuchas veces\b|\bsiempre\b|\bbastante\b|"
                r"\bmucho\b|\bmuy\b|\bextremadamente\b|^s[ií]$", re.I), 1),
)
_METADATA = re.compile(  # what Google Forms (also in Spanish), SurveyMonkey and Qualtrics add about a response
    r"^(timestamp|marca temporal|start ?date|end ?date|status|response ?type|ip ?address|progress|duration\b.*|"
    r"finished|recorded ?date|response ?id|respondent ?id|collector ?id|recipient.*|location.*|distribution ?channel|"
    r"user ?language|e-?mail( ?address)?|((first|last|full|student|your) ?)?name|what is your (full )?name\??|"
    r"custom ?data.*|direcci[oó]n de correo electr[oó]nico)$", re.I)
_PERSONAL = r"^\s*([^@\s]+@[^@\s]+\.[^@\s]+|\d{1,3}(\.\d{1,3}){3})\s*$"   # an e-mail or IPv4 address as an answer
_ID_ASKED = re.compile(r"\bstudent (id|number|#)|\bid (number|#)", re.I)    # 'What is your student ID?'
# Wording that makes agreeing unfavourable. A negation flips it back: 'I am not afraid' reads positively.
_NEGATIVE = re.compile(r"\bleft out\b|\blonely\b|\bloneliness\b|\balone\b|\bafraid\b|\bscared\b|\bworried\b|"
                       r"\bnervous\b|\banxious\b|\bbullied\b|\bpicked on\b|\bteased\b|\bmade fun of\b|"
                       r"\bunsafe\b|\bexcluded\b|\bignored\b|\bunfair(ly)?\b|\bsad\b|\bstressed\b|"
                       r"\bexcluid[oa]s?\b|\bsient[eo]s? sol[oa]\b|\bsoledad\b|\bmiedo\b|\bacosad[oa]s?\b|"
                       r"\binsegur[oa]s?\b|\btriste\b|\bpreocupad[oa]s?\b|\bse burlan\b", re.I)
_NEGATION = re.compile(r"\bnot\b|n['’]t\b|\bnever\b|\bno\b|\bnobody\b|\bnadie\b|\bnunca\b", re.I)
_ASKED = (("grade", re.compile(r"\bgrade\b", re.I)), ("gender", re.compile(r"\bgender\b|\bsex\b", re.I)),
          ("race_ethnicity", re.compile(r"\brace\b|\bethnic", re.I)))   # demographic questions by their words


@dataclass(frozen=True)
class Item:
    header: str                       # the column in Survey.table
    label: str                        # the question as respondents read it
    answers: tuple[str, ...]          # answers on the scale (skips such as N/A left out)
    favourable: tuple[str, ...]       # the positive side of the scale
    unfavourable: tuple[str, ...]     # the negative side: favourable when the item is worded negatively
    negative: bool = False            # worded negatively, by `worded_negatively`

    def counted(self, reverse: bool) -> tuple[str, ...]:
        """The answers that count as favourable, with the item read as worded or reversed."""
        return self.unfavourable if reverse else self.favourable


@dataclass(frozen=True)
class Survey:
    name: str
    layout: str                       # GOOGLE, SURVEYMONKEY, QUALTRICS or PLAIN
    table: pa.Table                   # one row per respondent
    items: tuple[Item, ...]
    student_id: str | None            # the column to join students' records on
    demographics: tuple[tuple[str, str], ...]   # (role, header) of the survey's own demographic columns
    header_rows: int = 0              # extra header rows under the column names, dropped
    left_out: int = 0                 # columns about the response (times, IDs, addresses, names), dropped

    def negative_items(self) -> tuple[str, ...]:
        """Headers of the items worded negatively: the ones to reverse unless the user says otherwise."""
        return tuple(i.header for i in self.items if i.negative)


@dataclass(frozen=True)
class Favourable:
    key: object
    label: str
    n: int | None                     # respondents who answered on the scale; None when hidden
    percent: float | None             # None when hidden
    hidden: bool
    note: str = ""


@dataclass(frozen=True)
class ItemResult:
    item: Item
    reversed: bool                    # favourable counted on the disagreeing side
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


def favourable_answers(answers: list[str]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] | None:
    """(answers on the scale, positive ones, negative ones) when the answers read as a Likert scale, else None."""
    counted = [a for a in answers if not _SKIP.match(a.strip())]
    if not counted or len(counted) > MAX_ANSWERS:
        return None
    if all(re.fullmatch(r"\d", a.strip()) for a in counted):
        points = [int(a) for a in counted]
        if min(points) < 1 or max(points) > 7 or len(set(points)) < 2:
            return None
        middle = (5 + 1) / 2 if max(points) <= 5 else (7 + 1) / 2
        signs = [(p > middle) - (p < middle) for p in points]
    else:
        signs = [polarity(a) for a in counted]
        if any(s is None for s in signs) or 1 not in signs:
            return None
    return (tuple(counted), tuple(a for a, s in zip(counted, signs, strict=True) if s == 1),
            tuple(a for a, s in zip(counted, signs, strict=True) if s == -1))


def worded_negatively(question: str) -> bool:
    """Whether agreeing with `question` is unfavourable: it names a bad experience (left out, lonely, afraid,
    bullied, unsafe …) or denies a good one ('I do not feel safe', 'No one cares'), but not both ('I am not
    afraid'). A guess from the words, which the user can correct."""
    return bool(_NEGATIVE.search(question)) != bool(_NEGATION.search(question))


def is_metadata(header: str) -> bool:
    """A column a survey tool adds about the response (Timestamp, ResponseId, IP Address, Email Address …)."""
    return bool(_METADATA.match(" ".join(header.replace("_", " ").split())))


def read_survey(con: duckdb.DuckDBPyConnection, upload: Upload) -> Survey:
    """A survey export as one row per respondent, its Likert items, its ID and its demographic columns; the
    survey tool's columns about each response are dropped."""
    table, labels, layout = _layout(upload.table)
    metadata = [h for h in table.column_names if is_metadata(h) or is_metadata(labels.get(h, "")) or
                pc.any(pc.match_substring_regex(table.column(h).cast(pa.string()), _PERSONAL)).as_py()]
    table = table.drop_columns(metadata)
    dropped = upload.table.num_rows - table.num_rows
    if not table.num_columns:                   # nothing but the tool's columns: no answers to read
        return Survey(upload.name, layout, table, (), None, (), dropped, len(metadata))
    con.register("survey_arrow", table)
    try:
        con.execute(query("tables/copy_table", target="survey_raw", source="survey_arrow"))
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
            label = labels.get(header, header)
            items.append(Item(header, label, *scale, negative=worded_negatively(label)))
    free = [h for h in table.column_names if roles.get(h) not in SINGLE_ROLES and h not in {i.header for i in items}]
    student_id = mapping.header_for("student_id") or next((h for h in free if _ID_ASKED.search(labels.get(h, h))),
                                                          None)
    used = {i.header for i in items} | {student_id}
    demographics = _demographics(mapping, [h for h in table.column_names if h not in used], labels)
    return Survey(upload.name, layout, table, tuple(items), student_id, demographics, dropped, len(metadata))


def read_notes(survey: Survey) -> tuple[str, ...]:
    """How the export was read: its layout, and the header rows and response columns dropped."""
    notes = [t("survey.read_plain") if survey.layout == PLAIN else t("survey.read_as", layout=survey.layout)]
    if survey.header_rows:
        notes.append(tn("survey.header_rows", survey.header_rows))
    if survey.left_out:
        notes.append(tn("survey.left_out", survey.left_out))
    return tuple(notes)


def _demographics(mapping: Mapping, headers: list[str], labels: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """(role, header) of the survey's own demographic columns: those the mapping recognises, then questions
    such as 'What grade are you in?' (by the question's text, where a Qualtrics header is only 'Q3')."""
    found = {c.role: c.header for c in mapping.columns if c.role in (*DEMOGRAPHIC_ROLES, "grade", "school")}
    for role, words in _ASKED:
        taken = set(found.values())
        header = next((h for h in headers if words.search(labels.get(h, h)) and h not in taken), None)
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
    layout = GOOGLE if headers and headers[0].strip().lower() in ("timestamp", "marca temporal") else PLAIN
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
            term: str | None = None, records: bool = True, reverse: tuple[str, ...] | None = None) -> SurveyResults:
    """Percent favourable per item, for everyone and per group; `records` joins students' records (of
    `term`, or each student's latest) by the survey's student ID. Items whose headers are in `reverse` (by
    default those worded negatively) count the disagreeing side as favourable."""
    if not survey.items:
        raise ValueError(t("survey.no_items", name=survey.name))
    reverse = set(survey.negative_items() if reverse is None else reverse)
    con.execute(query("joins/macros"))
    for name, labels in LABEL_TYPES.items():
        con.execute(query("students/label_type", type_name=name), {"labels": list(labels)})
    con.register("survey_arrow", survey.table)
    try:
        con.execute(query("survey/responses", source="survey_arrow"))
    finally:
        con.unregister("survey_arrow")
    _people(con, survey, records and survey.student_id is not None, term)
    selects, params = [], {}
    for i, item in enumerate(survey.items):
        selects.append(query("survey/item_answer", i=i, column=item.header))
        params[f"favourable_{i}"] = list(item.counted(item.header in reverse))
        params[f"answered_{i}"] = list(item.answers)
    con.execute(query("survey/answers", items=selects), params)
    rows = con.execute(query("survey/favourable", groups=grouping.columns)).fetchall()
    respondents, matched = con.execute(query("survey/counts")).fetchall()[0]
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
    items = tuple(_item_result(item, item.header in reverse, grouping, overall.get(i, (0, 0.0)),
                               per_group.get(i, {}), min_n) for i, item in enumerate(survey.items))
    return SurveyResults(survey, grouping, min_n, int(respondents), int(matched or 0), items)


def _item_result(item: Item, reverse: bool, grouping: Grouping, total: tuple[int, float],
                 groups: dict[object, tuple[int, float]], min_n: int) -> ItemResult:
    reasons = hidden(grouping, {k: n for k, (n, _) in groups.items()}, min_n)
    shown = []
    for key in ordered(grouping, groups):
        shown.append(_figure(key, grouping_group(grouping, key), *groups[key], reasons[key], min_n))
    everyone = _figure(None, t("survey.all"), *total, SMALL if total[0] < min_n else None, min_n)
    return ItemResult(item, reverse, everyone, tuple(shown))


def _figure(key, label: str, n: int, favourable: float, reason: str | None, min_n: int) -> Favourable:
    if reason:
        note = t("hidden.complement" if reason == COMPLEMENT else "survey.hidden_small", min_n=min_n)
        return Favourable(key, label, None, None, True, note)
    return Favourable(key, label, n, favourable / n * 100 if n else None, False)


def grouping_phrase(grouping: Grouping) -> str:
    """What the groups are drawn by, inside a sentence: 'race/ethnicity × income'."""
    return " × ".join(dimension_phrase(d) for d in grouping.dimensions)


def item_name(result: ItemResult) -> str:
    """The question as shown in tables and charts, marked when it is scored reversed."""
    return t("survey.reversed_item", item=result.item.label) if result.reversed else result.item.label


def item_code(results: SurveyResults, index: int, marked: bool = True) -> str:
    """Q1, Q2 … (P1, P2 … in Spanish), `marked` when the item is scored reversed: headings that fit however
    long the questions are."""
    code = t("survey.code", n=index + 1)
    return t("survey.reversed_code", code=code) if marked and results.items[index].reversed else code


def summary(results: SurveyResults) -> tuple[str, ...]:
    """The results in words: the least and most favourable items, the widest gap between groups on one item,
    and which items were read reversed."""
    shown = [(i, r) for i, r in enumerate(results.items) if not r.overall.hidden]
    lines = []
    if not shown:
        lines.append(t("survey.summary.none", min_n=results.min_n))
    else:
        low = min(shown, key=lambda p: p[1].overall.percent)
        high = max(shown, key=lambda p: p[1].overall.percent)
        lines.append(t("survey.summary.lowest", **_about(results, *low)))
        if high[0] != low[0]:
            lines.append(t("survey.summary.highest", **_about(results, *high)))
    spread = _widest(results)
    if spread:
        lines.append(spread)
    reversed_codes = [item_code(results, i, marked=False) for i, r in enumerate(results.items) if r.reversed]
    if reversed_codes:
        lines.append(t("survey.summary.reversed", codes=", ".join(reversed_codes)))
    return tuple(lines)


def _about(results: SurveyResults, index: int, result: ItemResult) -> dict[str, str]:
    return {"code": item_code(results, index), "item": result.item.label,
            "value": percent(result.overall.percent, 1)}


def _widest(results: SurveyResults) -> str | None:
    """The item whose shown groups differ most, in words, or None with fewer than two groups shown ('Not
    reported' is shown but is not a finding, so it takes no part)."""
    best = None
    for index, result in enumerate(results.items):
        groups = sorted((g for g in result.groups if not g.hidden and results.grouping.reported(g.key)),
                        key=lambda g: g.percent)
        if len(groups) > 1 and (best is None or groups[-1].percent - groups[0].percent > best[0]):
            best = (groups[-1].percent - groups[0].percent, index, result, groups[0], groups[-1])
    if best is None:
        return None
    _, index, result, low, high = best
    return t("survey.summary.widest", by=grouping_phrase(results.grouping),
             low=percent(low.percent, 1), low_group=low.label,
             high=percent(high.percent, 1), high_group=high.label,
             **{k: v for k, v in _about(results, index, result).items() if k != "value"})


def _people(con: duckdb.DuckDBPyConnection, survey: Survey, join: bool, term: str | None) -> None:
    """survey_people: each respondent's canonical groups, from records where joined, else self-reported."""
    own = dict(survey.demographics)
    columns, params = [], {}
    for i, (column, type_name) in enumerate(CANONICAL.items()):
        if column in ("student_id", "term", "race_list"):
            continue
        expression = _own(con, column, own.get(column), type_name, i, params)
        if join:
            expression = query("survey/from_record", column=column, own=expression)
        columns.append(query("columns/as", value=expression, target=column))
    records = query("survey/records") if join else query("survey/no_records")
    if join:
        params["term"] = term
    identifier = query("survey/respondent_column", column=survey.student_id) if join else query("columns/nothing")
    con.execute(query("survey/people", records=records, id=identifier, columns=columns), params)


def _own(con: duckdb.DuckDBPyConnection, role: str, header: str | None, type_name: str, i: int,
         params: dict) -> Fragment:
    """A canonical column from the survey's own answers, normalised as in `students`, or its missing value."""
    if role in ("race_ethnicity", "gender"):
        missing = query("columns/not_reported", type=sql_name(type_name))
        params["not_reported"] = NOT_REPORTED
    else:
        missing = query("values/null_of", type=sql_name(type_name))
    if header is None:
        return missing
    if role == "school":
        return query("survey/own_text", column=header)
    raw = [v for v, _ in column_values(con, "survey_responses", header, 10_000)]
    mapped = normalize.map_values(role, raw).values
    params[f"keys_{i}"] = ["" if v is None else v for v in raw]
    params[f"values_{i}"] = [_text(mapped.get(v)) for v in raw]
    answer = query("survey/respondent_column", column=header)
    own = query("columns/mapped", i=i, source=answer, type=sql_name(type_name))
    return query("values/either", value=own, otherwise=missing)


def _text(value: object) -> str | None:
    if value is None:
        return None
    return str(value).lower() if isinstance(value, bool) else str(value)
