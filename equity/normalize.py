"""Map the distinct raw values of a demographic column onto the canonical model.

Exports spell the same category many ways. Mapping runs once per distinct value (a few dozen) and
yields a lookup that SQL joins against, so rows are never touched here.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

NOT_REPORTED = "Not reported"
HISPANIC = "Hispanic/Latino"
AIAN = "American Indian or Alaska Native"
ASIAN = "Asian"
BLACK = "Black or African American"
NHPI = "Native Hawaiian or Other Pacific Islander"
WHITE = "White"
TWO_OR_MORE = "Two or More Races"
RACE_LABELS: tuple[str, ...] = (HISPANIC, AIAN, ASIAN, BLACK, NHPI, WHITE, TWO_OR_MORE)
GENDER_LABELS: tuple[str, ...] = ("Female", "Male", "Nonbinary")
GRADES: tuple[str, ...] = ("PK", "K", *(str(n) for n in range(1, 13)))
FLAG_ROLES: tuple[str, ...] = ("low_income", "english_learner", "special_ed", "section_504", "flag")
ROLES: tuple[str, ...] = ("race_ethnicity", "gender", "grade", *FLAG_ROLES)


@dataclass(frozen=True)
class ValueMap:
    """How each distinct raw value of one column maps to the canonical model."""

    values: dict[str | None, object]  # raw value (None for blank) -> label str, bool, or None
    unplaced: tuple[str, ...]  # non-blank raw values that could not be placed (mapped to Not reported / None)


_MISSING = (
    "Not reported", "Unknown", "Declined", "Declined to State", "Decline to state",
    "Prefer not to say", "N/A", "Not specified",
)
# `NA` is deliberately absent: some exports use it for Native American.

_RACE = {
    HISPANIC: ("Hispanic/Latino", "Hispanic", "Latino", "Latina", "Latinx", "Latine", "Hispanic/Latinx"),
    AIAN: (AIAN, "American Indian", "Native American", "Alaska Native", "AI/AN"),
    ASIAN: ("Asian", "Asian American", "Asian/Asian American"),
    BLACK: (BLACK, "Black", "African American"),
    NHPI: (NHPI, "Native Hawaiian/Pacific Islander", "Hawaiian/Pacific Islander", "Pacific Islander",
           "Native Hawaiian", "NHPI"),
    WHITE: ("White", "Caucasian", "White (not Hispanic)", "White, non-Hispanic"),
    TWO_OR_MORE: (TWO_OR_MORE, "Two or more", "2 or more races", "Multiracial", "Multi-racial", "Multiple",
                  "Mixed"),
}

_GENDER = {
    "Female": ("F", "Female", "Girl", "W", "Woman"),
    "Male": ("M", "Male", "Boy", "Man"),
    "Nonbinary": ("X", "N", "NB", "Nonbinary", "Non-binary", "Other"),
}

_GRADE = {
    "PK": ("PK", "Pre-K", "PreK", "P", "Pre-Kindergarten"),
    "K": ("K", "KG", "KN", "Kindergarten"),
}
# Numbers, with or without "Grade"/"Gr" before and "th"/"grade" after; 0 is kindergarten.
_GRADE_NUMBER = re.compile(r"(?:grade|gr\.?|g)?\s*([0-9]{1,2})(?:\.0+)?\s*(?:st|nd|rd|th)?(?:\s*grade)?")

_YES = ("Y", "Yes", "1", "1.0", "TRUE", "T", "X", "✓", "✔")
_NO = ("N", "No", "0", "0.0", "FALSE", "F")
_FLAG_SPELLINGS = {  # role -> (extra true spellings, extra false spellings)
    "low_income": (
        ("Free", "Reduced", "F", "R", "Free/Reduced", "FRL", "Eligible", "Economically Disadvantaged", "ED",
         "Low income"),
        ("Paid", "P", "Full", "Full pay", "standard", "Not eligible", "Not economically disadvantaged"),
    ),
    "english_learner": (
        ("EL", "ELL", "LEP", "Current EL", "English learner", "Limited English Proficient"),
        ("EO", "English Only", "IFEP", "RFEP", "Former EL", "Not EL", "Non-ELL"),
    ),
    "special_ed": (
        ("IEP", "SWD", "SPED", "Special Education", "Student with disabilities", "Yes - IEP"),
        ("No IEP", "Regular Ed", "Gen Ed", "General Education", "Not SWD"),
    ),
    "section_504": (("504", "504 plan"), ()),
    "flag": ((), ()),
}

_SEPARATORS = re.compile(r"[/\-–&,()_]")
_FILLER = frozenset({"or", "and"})
_CODE = re.compile(r"[a-z]{1,2}|[0-9]{1,2}")
_RACE_LETTERS = {"a": ASIAN, "b": BLACK, "h": HISPANIC, "w": WHITE, "i": AIAN, "p": NHPI,
                 "m": TWO_OR_MORE, "t": TWO_OR_MORE}
_RACE_NUMBERS = dict(enumerate((AIAN, ASIAN, BLACK, HISPANIC, NHPI, WHITE, TWO_OR_MORE), start=1))
_UNPLACED = object()


def _key(raw: object) -> str:
    """One spelling per meaning: case, spacing and `/ - & , or and` variants all collapse."""
    words = _SEPARATORS.sub(" ", str(raw).casefold()).split()
    return " ".join(word for word in words if word not in _FILLER)


def _is_blank(raw: object) -> bool:
    return raw is None or not str(raw).strip()


def _table(families: Mapping[object, Sequence[str]]) -> dict[str, object]:
    """Spelling key -> canonical value; later families win, so role-specific meanings override."""
    return {_key(spelling): value for value, spellings in families.items() for spelling in spellings}


def _missing_value(role: str) -> object:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
    return NOT_REPORTED if role in ("race_ethnicity", "gender") else None


def _role_table(role: str) -> dict[str, object]:
    if role == "race_ethnicity":
        families: dict[object, Sequence[str]] = dict(_RACE)
    elif role == "gender":
        families = dict(_GENDER)
    elif role == "grade":
        families = dict(_GRADE)
    else:
        yes, no = _FLAG_SPELLINGS[role]
        families = {False: (*_NO, *no), True: (*_YES, *yes)}  # True last: in low_income `F` is Free
    return {**_table({_missing_value(role): _MISSING}), **_table(families)}


_TABLES = {role: _role_table(role) for role in ROLES}


def _lookup(role: str, key: str) -> object:
    """The canonical value for one spelling key, or `_UNPLACED`."""
    if key in _TABLES[role]:
        return _TABLES[role][key]
    if role == "grade" and (match := _GRADE_NUMBER.fullmatch(key)):
        number = int(match[1])
        if number <= 12:
            return "K" if number == 0 else str(number)
    return _UNPLACED


def _confirmed(role: str, label: str) -> object:
    """A code book target, read like any other spelling so `Native American` works as well as the label."""
    value = _lookup(role, _key(label))
    if value is _UNPLACED:
        raise ValueError(f"code book label {label!r} is not a {role} value")
    return value


def map_values(
    role: str, distinct: Sequence[str | None], codebook: Mapping[str, str] | None = None
) -> ValueMap:
    """Map each distinct raw value; codes are only read through a confirmed `codebook` (raw code -> label)."""
    missing = _missing_value(role)
    book = {_key(raw): _confirmed(role, label) for raw, label in (codebook or {}).items()}
    values: dict[str | None, object] = {}
    unplaced: list[str] = []
    for raw in distinct:
        if _is_blank(raw):
            values[raw] = missing
            continue
        key = _key(raw)
        value = book[key] if key in book else _lookup(role, key)
        if value is _UNPLACED:
            value = missing
            if raw not in unplaced:
                unplaced.append(raw)
        values[raw] = value
    if role in FLAG_ROLES and _marks_only(values):
        values.update({raw: False for raw in values if _is_blank(raw)})
    return ValueMap(values, tuple(unplaced))


def _marks_only(values: Mapping[str | None, object]) -> bool:
    """A column that only ever marks the yes case (`X`, `Y`, `✓`) means no by leaving a blank."""
    marks = [value for raw, value in values.items() if not _is_blank(raw)]
    return bool(marks) and all(value is True for value in marks)


def suggested_codebook(role: str, distinct: Sequence[str | None]) -> dict[str, str] | None:
    """Common race code conventions, pre-filled for a person to confirm; None when the values aren't codes.

    Letters: A, B, H, W, I, P, M/T. Numbers: federal (IPEDS/EDFacts) alphabetical order 1..7.
    Codes outside these (e.g. the ambiguous `NA`) are left for the person to fill in.
    """
    unplaced = map_values(role, distinct).unplaced
    if role != "race_ethnicity" or not unplaced or not all(_CODE.fullmatch(_key(raw)) for raw in unplaced):
        return None
    book = {}
    for raw in unplaced:
        key = _key(raw)
        label = _RACE_NUMBERS.get(int(key)) if key.isdigit() else _RACE_LETTERS.get(key)
        if label:
            book[raw] = label
    return book or None


def looks_like(role: str, distinct: Sequence[str | None]) -> float:
    """Share of non-blank distinct values placed for `role` without a code book; proposes column roles."""
    filled = [raw for raw in distinct if not _is_blank(raw)]
    if not filled:
        return 0.0
    unplaced = set(map_values(role, filled).unplaced)
    return sum(raw not in unplaced for raw in filled) / len(filled)
