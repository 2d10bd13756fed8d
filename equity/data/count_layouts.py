"""Published counts (CRDC, EDFacts, state report cards): recognising their layouts and their suppressed cells.

A count-level file has one row per entity (school or district), group and term, a column of students in the
group (the denominator) and columns of students with an outcome. The CRDC public-use files are *wide*: one
column per measure, race and sex, named by one rule (`SCH_ENR_HI_M`: school, enrollment, Hispanic, male;
`SCH_DISCWDIS_ISS_IDEA_BL_F`: in-school suspensions of Black female students served under IDEA). Such a file is
reshaped here to one row per school and group, so the mapping screen sees the long layout every count file has.

Published files hide small cells with a marker (`*`, `<10`, `n<5`, `‡`, or the CRDC's negative reserve codes
`-9`, `-2`, ...). Any non-blank value that is not a number of zero or more is such a marker: read as unknown,
never as zero, and counted and listed for the person.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from equity.data import headers, normalize
from equity.data.ingest import Upload
from equity.data.profile import ColumnProfile
from equity.data.sql import query
from equity.words.messages import Text

# The CRDC's race/ethnicity codes (the same in every collection since 2011-12) and its sex codes.
CRDC_RACES = {"HI": normalize.HISPANIC, "AM": normalize.AIAN, "AS": normalize.ASIAN, "HP": normalize.NHPI,
              "BL": normalize.BLACK, "WH": normalize.WHITE, "TR": normalize.TWO_OR_MORE}
CRDC_SEXES = {"M": "Male", "F": "Female", "X": "Nonbinary"}
# SCH_<measure>_<race>_<sex>; the measure may carry a disability qualifier (IDEA, NONIDEA, WDIS, WODIS).
_CRDC_GROUP = re.compile(r"^SCH_(?P<measure>[A-Z0-9]+(?:_[A-Z0-9]+)*?)_(?P<race>" + "|".join(CRDC_RACES) +
                         r")_(?P<sex>[MFX])$")
# Columns of a program (EL, IDEA, 504) or a total by sex only: not crossed with race, so not reshaped.
_CRDC_OTHER = re.compile(r"^(SCH_[A-Z0-9_]+_(LEP|EL|IDEA|504|NONIDEA)|TOT_[A-Z0-9_]+)_[MFX]$")
# Disability qualifiers: students with and without disabilities (or under IDEA and not) are summed into all
# students of the group, whose denominator is the group's enrollment.
_QUALIFIER = re.compile(r"(?<=[A-Z])WO?DIS(?=_|$)|_(?:NON)?IDEA(?=_|$)")
RACE_HEADER, SEX_HEADER = "Race/ethnicity", "Sex"
CODE_WIDTH = 5          # digits from which a column of one width is a code, not a count
MAX_COUNT = 1e8         # above any count of students a published file holds
LOOK_AT = 2000          # rows read to find a totals row
MAX_GROUPS = 60         # distinct values a column of student groups has at most (races, programs, totals)
_TOTAL = re.compile(r"^(all|total|all students?( tested)?|(school|district|state|grand) total|totals?)$", re.I)
# An entity that is a total, not a school: a name with a word for a total or a whole area ("District Total",
# "Statewide", "All Schools", "LEA totals"), or nothing but a level's name ("State", "District level", "LEA").
_TOTAL_ENTITY = re.compile(
    r"\b(totals?|(state|district|county|city|region|nation|division)[- ]?wide|all (schools|students|districts))\b"
    r"|^\s*(the\s+)?(state|district|lea|sea|county|region|nation|division|all)(\s+(level|total|overall))?\s*$",
    re.I)
# A column of each row's level (school, district, state ...), told by its header and its values: rows above the
# finest level (a school's) are totals, whatever the entity is called ('Springfield USD', 'Oregon').
_LEVEL_HEADER = re.compile(r"level|aggregat|entity.?type|summary", re.I)
_LEVEL = re.compile(r"^(school|campus|building|site|district|lea|sea|state|county|region|nation(al)?|division)"
                    r"([\s-]*(level|wide))?$", re.I)
_FINEST = re.compile(r"^(school|campus|building|site)", re.I)
TOTALS = "count_totals"     # the table of total rows set aside at load (set_totals_aside)
_COUNT = r"^[0-9]+(\.[0-9]+)?$"   # a count of zero or more, thousands separators removed (as count_value reads)
MIN_GROUPS = 4          # race-by-sex columns of one measure that make a layout the CRDC's rather than a fluke
# The kinds of group a report card lists in one column, in the order a name is tried, each with the header of
# the column its groups move to (one the mapping screen proposes for that role); ALL: a school's all students.
GROUP_KINDS = {"race_ethnicity": RACE_HEADER, "gender": SEX_HEADER, "grade": "Grade",
               "low_income": "Economically disadvantaged", "english_learner": "English learner",
               "special_ed": "Disability", "section_504": "Section 504"}
ALL = "all"
_ALL_GRADES = re.compile(r"^(all|total|all (tested )?grades?( levels?)?|grades? all|all grades? combined)$", re.I)
_NEGATION = re.compile(r"^\W*(not?|non|never)\b|\bwithout\b|\bw/o\b", re.I)


@dataclass(frozen=True)
class Suppressed:
    """The suppression markers of one column and how many cells hold each: those cells are unknown."""

    header: str
    values: tuple[tuple[str, int], ...]

    @property
    def cells(self) -> int:
        return sum(n for _, n in self.values)


def total_entity(name: str | None) -> bool:
    """The entity named is a district's or state's total row rather than a school (see _TOTAL_ENTITY)."""
    return bool(name) and _TOTAL_ENTITY.search(name) is not None


def level_totals(con: duckdb.DuckDBPyConnection, source: str, headers_in: Sequence[str], school: str | None
                 ) -> tuple[str, ...]:
    """The entities of the raw table `source` that a level column places above schools (a 'District' or 'State'
    row); `school` is the entity's header. None without such a column."""
    for header in headers_in:
        if school is None or header == school or not _LEVEL_HEADER.search(header):
            continue
        rows = con.execute(query("counts/levels", source=source, level=header, school=school)).fetchall()
        levels = {level.strip() for level, _ in rows if level and level.strip()}
        if len(levels) >= 2 and all(_LEVEL.match(v) for v in levels) and any(_FINEST.match(v) for v in levels):
            return tuple(name.strip() for level, name in rows
                         if level and level.strip() and not _FINEST.match(level.strip()) and name and name.strip())
    return ()


def has_totals(con: duckdb.DuckDBPyConnection) -> bool:
    """Total rows were set aside (a `count_totals` table exists, perhaps empty)."""
    return bool(con.execute(query("counts/has_totals")).fetchall()[0][0])


def total_names(con: duckdb.DuckDBPyConnection) -> tuple[str, ...]:
    """The names of the total rows set aside."""
    return tuple(name for (name,) in con.execute(query("counts/total_names")).fetchall())


def set_totals_aside(con: duckdb.DuckDBPyConnection, also: Sequence[str] = ()) -> tuple[str, ...]:
    """Move the loaded cells of total rows (a district's or state's: told by name, or `also`, by a level column)
    from `students` to `count_totals`, so no sum counts their students twice and no school list offers them, and
    return their names. The totals stay as the wider population the alternate risk ratio compares with
    (equity.sources.counts)."""
    names = sorted({name for (name,) in con.execute(query("counts/entities")).fetchall()
                    if total_entity(name) or name in also})
    con.execute(query("counts/totals_aside"), {"names": names})
    con.execute(query("counts/drop_totals"), {"names": names})
    return tuple(names)


def count_value(raw: object) -> float | None:
    """A published count as a number, None when blank or suppressed (as queries/counts/cell.sql reads it)."""
    try:
        number = float(str(raw).strip().replace(",", ""))
    except ValueError:
        return None
    return number if number >= 0 else None


def countlike(profile: ColumnProfile, top: float = 0) -> bool:
    """The column holds counts of students: whole numbers of zero or more, the largest at least `top` (2 tells a
    column of students from a yes/no column), suppression markers aside. Identifiers (the CRDC's LEAID, SCHID,
    COMBOKEY, NCES codes) are told apart by how codes are written: with a leading zero, all of one width of five
    digits or more, or too large to be a count of students."""
    filled = [str(v).strip() for v in profile.distinct if v is not None and str(v).strip()]
    numbers = [n for n in map(count_value, filled) if n is not None]
    coded = any(len(v) > 1 and v.startswith("0") for v in filled) or (
        len({len(v) for v in filled}) == 1 and len(filled[0]) >= CODE_WIDTH and filled[0].isdigit())
    return 2 * len(numbers) >= len(filled) > 0 and top <= max(numbers) < MAX_COUNT and not coded \
        and all(n == int(n) for n in numbers)


def crdc_measure(header: str) -> tuple[str, str, str] | None:
    """(measure, race label, sex label) of a CRDC race-by-sex column, the disability qualifiers dropped
    (`SCH_DISCWDIS_ISS_IDEA_BL_F` -> ('DISC_ISS', 'Black or African American', 'Female')); None otherwise."""
    found = _CRDC_GROUP.match(header.strip().upper())
    if found is None:
        return None
    measure = _QUALIFIER.sub("", found["measure"])
    return measure, CRDC_RACES[found["race"]], CRDC_SEXES[found["sex"]]


def long_form(upload: Upload) -> Upload:
    """The upload in the long layout, with a note saying what was done: a CRDC wide file reshaped to one row per
    school, race and sex; a report card's column of groups of several kinds split into one column per kind
    (`group_columns`); any other file as it is."""
    return group_columns(all_grades(_crdc_long(upload)))


def all_grades(upload: Upload) -> Upload:
    """A report card's column of grades that also lists every grade together ('All Grades'): those rows overlap
    the grades' rows, so their grade is left blank and they become a kind of row of their own (all grades),
    never added to the grades' (equity.sources.counts). Only in a file of counts (a header naming the students
    in each group)."""
    table = upload.table
    if not any(headers.role_score(h, "denominator") for h in table.column_names):
        return upload
    for at, header in enumerate(table.column_names):
        if not pa.types.is_string(table.schema.field(header).type) or headers.role_score(header, "grade") < 1:
            continue
        values = [v for v in pc.unique(table[header]).to_pylist() if v and v.strip()]
        every = [v for v in values if _ALL_GRADES.match(v.strip())]
        if every and len(values) > len(every):
            together = pc.is_in(table[header], value_set=pa.array(every, pa.string()))
            column = pc.if_else(together, pa.scalar(None, pa.string()), table[header])
            note = Text("counts.all_grades", header=header, groups=", ".join(every))
            return replace(upload, table=table.set_column(at, header, column), notes=(*upload.notes, note))
    return upload


def group_kind(name: str) -> str | None:
    """The dimension a report card's group name describes ('race_ethnicity', 'low_income', ...), ALL for a
    school's all students, None for a group the dashboard does not read (Migrant, Homeless, Gifted) or one that
    joins several races ('Black/Hispanic/Native American': it overlaps each of them). Read by the value rules
    of uploads, so every spelling a column of that role is read in is read here ('Not Econ Disadv', 'SWD',
    'Students without IEP', 'Non-English Learner')."""
    if _TOTAL.match(name.strip()):
        return ALL
    for role in GROUP_KINDS:
        placed = normalize.map_values(role, [name])
        if placed.status[name] != normalize.RECOGNISED or (role == "race_ethnicity" and normalize.race_parts(name)):
            continue
        if role == "race_ethnicity" or placed.values[name] != normalize.missing_value(role):
            return role
    return None


def group_columns(upload: Upload) -> Upload:
    """A state report card in the common long shape (school, student group, number tested, number proficient)
    lists in one column each school's races, and also its students by income, English learning, disability, sex
    or grade, and all of them ('All Students'). Those kinds overlap: the column is split into one column per
    kind, each row's group in its kind's column, so the mapping reads each as its dimension and a figure adds
    up the rows of one kind only (equity.sources.counts). Groups no dimension reads are set aside and named.
    Counts are told by a header naming the students in each group, or by a totals row ('All Students'): a
    student's race is never that. A column of one kind only (a file of races) is left as it is."""
    table = upload.table
    named = any(headers.role_score(h, "denominator") for h in table.column_names)
    head = table.slice(0, LOOK_AT)     # a report card lists every group of its first schools: no full scan
    for header in table.column_names:
        # Group names are text (typed files aside), in a column that is not of schools ('Black Hawk Elementary',
        # 'White Oak Middle' hold a race's word).
        if not pa.types.is_string(table.schema.field(header).type) or headers.role_score(header, "school"):
            continue
        if not named and not any(_TOTAL.match(v.strip()) for v in pc.unique(head[header]).to_pylist() if v):
            continue
        distinct = [v for v in pc.unique(table[header]).to_pylist() if v is not None and v.strip()]
        if len(distinct) > MAX_GROUPS or 2 * sum(count_value(v) is not None for v in distinct) > len(distinct):
            continue        # a column of counts (a grade is a number too), not of groups
        kinds = _one_name_per_group({v: group_kind(v) for v in distinct})
        read = [kind for kind in kinds.values() if kind]
        # Groups of several kinds; or of one kind beside all students or groups of no kind, in a file of counts or
        # of races (a student's race is never 'All Students'); most names read as groups.
        one = [kind for kind in read if kind != ALL]
        several = len(set(one)) > 1 or bool(one) and (named or one[0] == "race_ethnicity" and len(one) >= 2) \
            and len(kinds) > len(one)
        if several and 2 * len(read) > len(kinds):
            return _split(upload, header, kinds)
    return upload


def _one_name_per_group(kinds: dict[str, str | None]) -> dict[str, str | None]:
    """`kinds` with one name kept for each group a kind's names read as: where several names read as the same
    group ('English Learners' and 'English Learners with Transitional 1-4'; 'Non-English Learner' and 'Former
    EL'), their rows overlap, so the plainest (a group's own words or their negation before words that only
    mean no, then the shortest) is kept and the others are set aside."""
    seen: dict[tuple[str, object], str] = {}
    for name, kind in sorted(kinds.items(), key=lambda item: (not _plain(*item), len(item[0]), item[0])):
        if kind in (None, ALL):
            continue
        group = (kind, normalize.map_values(kind, [name]).values[name])
        if group in seen:
            kinds = {**kinds, name: None}
        else:
            seen[group] = name
    return kinds


def _plain(name: str, kind: str | None) -> bool:
    """A yes/no group named by its own words or their negation ('EL', 'Not EL'), not by a word that only means
    no ('Former EL', 'English only'); every other kind of name is plain."""
    return kind not in normalize.FLAG_ROLES or normalize.map_values(kind, [name]).values[name] is True \
        or _NEGATION.search(name) is not None


def _split(upload: Upload, header: str, kinds: dict[str, str | None]) -> Upload:
    """The upload with the column `header` of groups replaced by one column per kind of group (rows of groups
    set aside dropped), and notes saying so. A kind whose column's header the file already has (a 'Grade'
    column beside grades listed as groups) is set aside too: its rows would otherwise read as all students."""
    table = upload.table
    taken = set(table.column_names) - {header}
    kinds = {v: None if k in GROUP_KINDS and GROUP_KINDS[k] in taken else k for v, k in kinds.items()}
    kept = pc.is_in(table[header], value_set=pa.array([v for v, k in kinds.items() if k], pa.string()))
    aside = len(table) - pc.sum(kept).as_py()
    table = table.filter(kept)
    groups = table[header]
    at = table.column_names.index(header)
    table = table.remove_column(at)
    columns = []
    for kind, title in GROUP_KINDS.items():
        names = [v for v, k in kinds.items() if k == kind]
        if names:
            inside = pc.is_in(groups, value_set=pa.array(names, pa.string()))
            table = table.add_column(at + len(columns), title,
                                     pc.if_else(inside, groups, pa.scalar(None, pa.string())))
            columns.append(title)
    notes = [Text("counts.group_kinds", header=header, columns=", ".join(columns))]
    one_side = [v for v, k in kinds.items() if k in normalize.FLAG_ROLES and ALL in kinds.values()
                and all(normalize.map_values(k, [w]).values[w] is True for w, j in kinds.items() if j == k)]
    if one_side:        # the other side is made at load (equity.data.students): all students less this one
        notes.append(Text("counts.one_side", header=header, groups=", ".join(sorted(one_side))))
    others = sorted(v for v, k in kinds.items() if k is None)
    if others:
        notes.append(Text("counts.other_groups", header=header, rows=aside,
                          groups=", ".join(others[:12]) + (" …" if len(others) > 12 else "")))
    return replace(upload, table=table, notes=(*upload.notes, *notes))


def _crdc_long(upload: Upload) -> Upload:
    """A CRDC wide file reshaped to one row per school, race and sex; any other file as it is."""
    names = upload.table.column_names
    groups = {h: m for h in names if (m := crdc_measure(h))}
    per_measure: dict[str, int] = {}
    for measure, _, _ in groups.values():
        per_measure[measure] = per_measure.get(measure, 0) + 1
    if not per_measure or max(per_measure.values()) < MIN_GROUPS:
        return upload
    aside = [h for h in names if h not in groups and _CRDC_OTHER.match(h.strip().upper())]
    kept = [h for h in names if h not in groups and h not in aside]
    table = upload.table
    cells = sorted({(race, sex) for _, race, sex in groups.values()},
                   key=lambda c: (normalize.RACE_LABELS.index(c[0]), c[1]))
    measures = list(per_measure)
    rows, parts = table.num_rows, []
    for race, sex in cells:
        columns = {h: pc.cast(table[h], pa.string()) for h in kept}
        columns[RACE_HEADER] = pa.array([race] * rows, pa.string())
        columns[SEX_HEADER] = pa.array([sex] * rows, pa.string())
        for measure in measures:
            found = [table[h] for h, m in groups.items() if m == (measure, race, sex)]
            columns[f"SCH_{measure}"] = _summed(found) if found else pa.nulls(rows, pa.string())
        parts.append(pa.table(columns))
    note = Text("counts.crdc_wide", columns=len(groups), measures=", ".join(f"SCH_{m}" for m in measures),
                groups=len(cells), aside=len(aside))
    return replace(upload, table=pa.concat_tables(parts), notes=(*upload.notes, note))


def _summed(parts: list) -> pa.Array:
    """The sum of the parts of one group's count (students with and without disabilities), as text. A part
    that is suppressed makes the sum unknown: its marker is kept, so it is counted and listed; a row of blanks
    stays blank. Whole columns at a time (Arrow), so a national file of 100,000 schools reshapes in seconds."""
    total = marker = None
    blank = True
    for part in parts:
        text = pc.utf8_trim_whitespace(pc.cast(part, pa.string()))
        plain = pc.replace_substring(text, ",", "")
        number = pc.match_substring_regex(plain, _COUNT)
        empty = pc.fill_null(pc.equal(text, ""), True)
        value = pc.cast(pc.if_else(number, plain, pa.scalar(None, pa.string())), pa.float64())
        total = value if total is None else pc.add(pc.fill_null(total, 0), pc.fill_null(value, 0))
        blank = pc.and_(blank, empty) if blank is not True else empty
        flagged = pc.if_else(pc.or_(number, empty), pa.scalar(None, pa.string()), text)
        marker = flagged if marker is None else pc.coalesce(marker, flagged)
    known = pc.if_else(blank, pa.scalar(None, pa.float64()), total)
    return pc.coalesce(marker, pc.cast(known, pa.string()))


def suppressed(con: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...]) -> tuple[Suppressed, ...]:
    """The suppression markers in each of `columns` of `table`, most frequent first (columns without any left
    out)."""
    con.execute(query("counts/cell"))
    found = []
    for header in columns:
        rows = con.execute(query("counts/markers", table=table, column=header)).fetchall()
        if rows:
            found.append(Suppressed(header, tuple((str(v), int(n)) for v, n in rows)))
    return tuple(found)


@dataclass(frozen=True)
class CountProblem:
    """Cells of a count file that cannot be right: `kind` is 'over' (more counted than in the group), 'empty'
    (students counted in a group of none), 'repeated' (a group listed twice for a school and term, whose
    counts are added) or 'short_total' (the total row compared with has fewer students in a group than the
    schools together); `header` the count column ('' for repeats, the total's name for a short total); a few of
    the cells, as school and group."""

    kind: str
    header: str
    cells: int
    examples: tuple[str, ...]


def count_problems(con: duckdb.DuckDBPyConnection, outcomes: dict[str, str]) -> tuple[CountProblem, ...]:
    """What is wrong with the loaded cells of published counts; `outcomes` maps each count column's name in
    `students` to its header."""
    found = list(_short_total(con))
    repeated, cells = con.execute(query("counts/repeats")).fetchall()[0]
    if repeated:
        found.append(CountProblem("repeated", "", int(repeated), tuple(cells)))
    for name, header in outcomes.items():
        over, over_cells, empty, empty_cells = con.execute(query("counts/problems", outcome=name)).fetchall()[0]
        found += [CountProblem(kind, header, int(n), tuple(examples))
                  for kind, n, examples in (("over", over, over_cells), ("empty", empty, empty_cells)) if n]
    return tuple(found)


def widest_total(con: duckdb.DuckDBPyConnection) -> str | None:
    """The name of the total row set aside of the widest population (a state's before a district's), if any."""
    found = con.execute(query("counts/widest_total")).fetchall() if has_totals(con) else []
    return found[0][0] if found else None


def _short_total(con: duckdb.DuckDBPyConnection) -> tuple[CountProblem, ...]:
    """The widest total row (the alternate ratio's comparison) when some group of it has fewer students than the
    schools in the file together: it cannot cover them, so it is suspect."""
    name = widest_total(con)
    if name is None:
        return ()
    short, cells = con.execute(query("counts/short_total"), {"total": name}).fetchall()[0]
    return (CountProblem("short_total", name, int(short), tuple(cells)),) if short else ()
