"""The value map: each distinct raw value of a categorical column placed on the canonical model.

Exports spell the same category many ways. Mapping runs once per distinct value (a few dozen) and yields a
lookup that SQL joins against, so rows are never touched here. A raw value is placed in one of four ways:
- given by the person (the value map on screen, `--value` on the command line), which overrides the rest;
- recognised from its words: known spellings, then the words inside it (Ed-Fi descriptor URIs, CEDS names run
  together, abbreviations such as `Am Ind`, `Af Am`, parentheticals such as `(non-Hispanic)`);
- guessed from a common code convention (A/B/H/W, 1-7, EDFacts codes such as `BL7`, `0` against non-zero
  codes in a yes/no column), pre-filled for the person to confirm and announced, never silent;
- unplaced: counted as Not reported and listed, never dropped.
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
# The yes/no columns of the federal race/ethnicity rule: a Hispanic/Latino flag and one flag per race.
RACE_FLAGS: dict[str, str] = {"hispanic": HISPANIC, "race_aian": AIAN, "race_asian": ASIAN, "race_black": BLACK,
                              "race_nhpi": NHPI, "race_white": WHITE}
FLAG_ROLES: tuple[str, ...] = ("low_income", "english_learner", "special_ed", "section_504", *RACE_FLAGS, "flag")
ROLES: tuple[str, ...] = ("race_ethnicity", "gender", "grade", *FLAG_ROLES)
YES, NO = "true", "false"    # a yes/no role's canonical values as text (the command line's and the JSON's)

GIVEN, RECOGNISED, GUESSED, UNPLACED = "given", "recognised", "guessed", "unplaced"


class ValueMapError(ValueError):
    """A value map that names something that does not exist; `problem` says what (a catalogue key)."""

    def __init__(self, key: str, **params: object):
        super().__init__(key)
        self.key, self.params = key, params


@dataclass(frozen=True)
class ValueMap:
    """How each distinct raw value of one column maps to the canonical model, and how it was placed."""

    values: dict[str | None, object]  # raw value (None for blank) -> label str, bool, or None
    status: dict[str | None, str]     # raw value -> GIVEN, RECOGNISED, GUESSED or UNPLACED

    def _with(self, status: str) -> tuple[str, ...]:
        return tuple(raw for raw, s in self.status.items() if s == status)

    @property
    def unplaced(self) -> tuple[str, ...]:
        """Non-blank raw values nothing could place (they read as Not reported / NULL)."""
        return self._with(UNPLACED)

    @property
    def guessed(self) -> tuple[str, ...]:
        """Raw values placed by a code convention rather than their words: to be confirmed."""
        return self._with(GUESSED)


# ---- Spellings, as data --------------------------------------------------------------------------------------

_MISSING = (
    "Not reported", "Unknown", "Declined", "Declined to State", "Decline to state",
    "Prefer not to say", "N/A", "Not specified",
)
# `NA` is deliberately absent: some exports use it for Native American.
_MISSING_WORDS = re.compile(r"unknown|^unk$|notreported|notspecified|notprovided|notavailable|notselected|"
                            r"notcollected|declin|refus|prefernot|cho(o)?senot|noresponse|^missing$")

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
# Words inside a value, searched in its letters run together (so `BlackOrAfricanAmerican`, `Black - African
# American` and `Af Am` all read). A bare `Indian` or `Native` is left to the person: Asian Indian or Native
# American?
_RACE_WORDS = {
    HISPANIC: r"hispan|latin[aoex]|latine",
    AIAN: r"americanind|amerind|^amind|alask|nativeamer|indigenous|firstnation|^aian|^aman",
    ASIAN: r"(?<!cauc)asian",
    BLACK: r"black|african|^afr?am",
    NHPI: r"hawai|pacif|islander|samoan|chamorro|guamanian|tongan|^nhpi|^nhopi",
    WHITE: r"white|caucasian",
    TWO_OR_MORE: r"two|multi|mixed|biracial|^2\+|^2ormore|morethanone",
}
_NOT_HISPANIC = re.compile(r"no[nt]?hispanic(orlatin[aoex])?|no[nt]?latin[aoex]")

_GENDER = {
    "Female": ("F", "Female", "Girl", "W", "Woman"),
    "Male": ("M", "Male", "Boy", "Man"),
    "Nonbinary": ("X", "N", "NB", "Nonbinary", "Non-binary", "Other"),
}
_GENDER_WORDS = {"Female": r"female|girl|woman|women", "Male": r"male|boy|^man$|^men$",
                 "Nonbinary": r"binary|nonconform|genderqueer|genderfluid|^x$|^genderx$"}

_GRADE = {
    "PK": ("PK", "Pre-K", "PreK", "P", "Pre-Kindergarten"),
    "K": ("K", "KG", "KN", "Kindergarten"),
}
# Numbers, with or without "Grade"/"Gr" before and "th"/"grade" after; 0 is kindergarten.
_GRADE_NUMBER = re.compile(r"(?:grade|gr\.?|g)?\s*([0-9]{1,2})(?:\.0+)?\s*(?:st|nd|rd|th)?(?:\s*grade)?")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
             "eleventh", "twelfth")
_GRADE_WORDS = re.compile(rf"^(?:grade)?({'|'.join(_ORDINALS)})(?:grade)?$")
_PRE_K = re.compile(r"prek|preschool|prekinder")

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
}
NEVER = r"(?!)"
# Words that say yes, and words that say no, in each yes/no role (searched like the race words); a leading
# `no`, `not` or `non` turns yes into no.
_FLAG_WORDS = {
    "low_income": (r"free|reduc|frl|frpl|disadv|lowincome|poverty|directcert|econ?[a-z]*dis|eligib|^[fr]dc$",
                   r"paid|^full|standard|inelig"),
    "english_learner": (r"^el$|^ell|lep|englishlearner|englishlanguagelearner|limited|emergentbilingual|"
                        r"multilinguallearner|^ml$|esl|^currentel",
                        r"former|exit|rfep|ifep|^fep|reclass|monitor|englishonly|^eo$|fluent|^englishproficient"),
    "special_ed": (r"iep|swd|sped|specialed|disab|^idea", r"regular|general|gened"),
    "section_504": (r"504", NEVER),
    "flag": (r"^yes|^true", NEVER),
    **{role: (_RACE_WORDS[label], NEVER) for role, label in RACE_FLAGS.items()},
}
_NEGATED = re.compile(r"^(not|non|never)")
_NO_WORDS = frozenset({"n", "no", "not", "non", "never"})
_WITHOUT = re.compile(r"\bwithout\b|\bw/o\b", re.I)     # 'Students without IEP', 'Students w/o Disabilities'


# Code conventions, pre-filled for a person to confirm: letters, the alphabetical federal order 1-7, and two
# letters of the label with an optional digit (EDFacts `AM7 AS7 BL7 HI7 MU7 PI7 WH7`, `MR`, `AI`, `NH`).
_RACE_LETTERS = {"a": ASIAN, "b": BLACK, "h": HISPANIC, "w": WHITE, "i": AIAN, "p": NHPI,
                 "m": TWO_OR_MORE, "t": TWO_OR_MORE}
_RACE_NUMBERS = dict(enumerate((AIAN, ASIAN, BLACK, HISPANIC, NHPI, WHITE, TWO_OR_MORE), start=1))
_RACE_PAIRS = {**dict.fromkeys(("am", "ai", "in"), AIAN), "as": ASIAN, **dict.fromkeys(("bl", "ba", "aa"), BLACK),
               **dict.fromkeys(("hi", "hl"), HISPANIC), **dict.fromkeys(("pi", "nh", "hp"), NHPI),
               **dict.fromkeys(("wh", "wt"), WHITE), **dict.fromkeys(("mu", "mr", "tm", "tw", "mx"), TWO_OR_MORE)}
_PAIR_CODE = re.compile(r"([a-z]{2})[0-9]?")
_CODE_PARTS = re.compile(r"[,;|+/\s]+")
_DESCRIPTOR = re.compile(r"^\s*uri://[^#]*#(.+)$", re.I)   # Ed-Fi: uri://ed-fi.org/RaceDescriptor#White

_SEPARATORS = re.compile(r"[/\-–&,()_]")
_FILLER = frozenset({"or", "and"})
_UNPLACED = object()


# ---- Reading one value ---------------------------------------------------------------------------------------

def _key(raw: object) -> str:
    """One spelling per meaning: case, spacing and `/ - & , or and` variants all collapse."""
    words = _SEPARATORS.sub(" ", str(raw).casefold()).split()
    return " ".join(word for word in words if word not in _FILLER)


def key_of(raw: object) -> str:
    """The key a value map matches a raw value by: case and spacing aside; every blank is ''."""
    return "" if _is_blank(raw) else _key(raw)


def _letters(raw: str) -> str:
    """The value's letters and digits run together, parentheticals left out where something else remains."""
    text = str(raw).casefold()
    outside = re.sub(r"\([^)]*\)", " ", text)
    text = outside if re.search(r"[0-9a-z]", outside) else text
    return re.sub(r"[^0-9a-z+]", "", text)


def _is_blank(raw: object) -> bool:
    return raw is None or not str(raw).strip()


def _table(families: Mapping[object, Sequence[str]]) -> dict[str, object]:
    """Spelling key -> canonical value; later families win, so role-specific meanings override."""
    return {_key(spelling): value for value, spellings in families.items() for spelling in spellings}


def missing_value(role: str) -> object:
    """What a blank or unplaced value of `role` reads as: Not reported for labels, NULL for the rest."""
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
        yes, no = _FLAG_SPELLINGS.get(role, ((), ()))
        families = {False: (*_NO, *no), True: (*_YES, *yes)}  # True last: in low_income `F` is Free
    return {**_table({missing_value(role): _MISSING}), **_table(families)}


_TABLES = {role: _role_table(role) for role in ROLES}


def _races(letters: str) -> set[str]:
    letters = _NOT_HISPANIC.sub("", letters)
    return {label for label, words in _RACE_WORDS.items() if re.search(words, letters)}


def _federal(races: set[str]) -> object:
    """One label for the races a value names: Hispanic of any race is Hispanic/Latino, otherwise more than one
    race is Two or More Races. `Asian/Pacific Islander`, the old combined category, is left to the person."""
    if HISPANIC in races:
        return HISPANIC
    if races == {ASIAN, NHPI}:
        return _UNPLACED
    if len(races) > 1:
        return TWO_OR_MORE
    return next(iter(races)) if races else _UNPLACED


def _words(role: str, raw: str, letters: str) -> object:
    """The value read from the words inside it, or `_UNPLACED`."""
    if not letters:
        return _UNPLACED
    if role == "race_ethnicity":
        return _federal(_races(letters))
    if role == "gender":
        return next((label for label, words in _GENDER_WORDS.items() if re.search(words, letters)), _UNPLACED)
    if role == "grade":
        if _PRE_K.search(letters):
            return "PK"
        if "kinder" in letters:    # transitional kindergarten is K in some states, pre-K in others: the person says
            return _UNPLACED if "transitional" in letters else "K"
        ordinal = _GRADE_WORDS.fullmatch(letters)
        return str(_ORDINALS.index(ordinal[1]) + 1) if ordinal else _UNPLACED
    yes, no = _FLAG_WORDS[role]
    if re.search(no, letters):
        return False
    if re.search(yes, letters) or re.search(yes, _NEGATED.sub("", letters)):    # 'Not ELL' as 'ELL', then no
        words = _key(raw).split()
        return not (_NEGATED.match(letters) or (words and words[0] in _NO_WORDS) or _WITHOUT.search(raw))
    return _UNPLACED


def _recognise(role: str, raw: str) -> object:
    """The value read from its spelling or its words, or `_UNPLACED`."""
    descriptor = _DESCRIPTOR.match(raw)
    if descriptor:
        raw = descriptor[1]
    key = _key(raw)
    if key in _TABLES[role]:
        return _TABLES[role][key]
    if role == "grade" and (match := _GRADE_NUMBER.fullmatch(key)):
        number = int(match[1])
        return (_UNPLACED if number > 12 else "K" if number == 0 else str(number))
    letters = _letters(raw)
    if _MISSING_WORDS.search(letters):
        return missing_value(role)
    return _words(role, raw, letters)


def _race_code(part: str) -> object:
    key = _key(part).replace(" ", "")
    if key.isdecimal():
        return _RACE_NUMBERS.get(int(key), _UNPLACED)
    if len(key) == 1:
        return _RACE_LETTERS.get(key, _UNPLACED)
    pair = _PAIR_CODE.fullmatch(key)
    return _RACE_PAIRS.get(pair[1], _UNPLACED) if pair else _UNPLACED


def _guess(role: str, raw: str, zero_coded: bool) -> object:
    """A common code convention's reading of a value its words did not place, or `_UNPLACED`."""
    if role == "race_ethnicity":
        parts = [p for p in _CODE_PARTS.split(raw.strip()) if p]
        races = [_race_code(p) for p in parts]
        if not races or _UNPLACED in races:
            return _UNPLACED
        return _federal(set(races)) if len(races) > 1 else races[0]
    if role in FLAG_ROLES and zero_coded and _key(raw).isdecimal():
        return int(_key(raw)) != 0        # 0 no; 1 free, 2 reduced, 3 directly certified: yes
    return _UNPLACED


def _zero_coded(distinct: Sequence[str | None]) -> bool:
    """A yes/no column of whole-number codes with 0 for no (income 0-3, a disability code 0/300/601)."""
    keys = [_key(raw) for raw in distinct if not _is_blank(raw)]
    return bool(keys) and "0" in keys and all(k.isdecimal() for k in keys)


# ---- The value map -------------------------------------------------------------------------------------------

def map_values(role: str, distinct: Sequence[str | None], given: Mapping[str, object] | None = None,
               complete: bool = False) -> ValueMap:
    """Map each distinct raw value: `given` (raw -> canonical value) first, then its words, then code
    conventions. With `complete` (a value map confirmed whole for this layout) a value `given` does not name is
    new: it stays unplaced for the person to place, never guessed behind their back."""
    missing = missing_value(role)
    chosen = {key_of(raw): value for raw, value in (given or {}).items()}
    zero_coded = role in FLAG_ROLES and _zero_coded(distinct)
    values: dict[str | None, object] = {}
    status: dict[str | None, str] = {}
    for raw in distinct:
        key = key_of(raw)
        if key in chosen:
            values[raw], status[raw] = chosen[key], GIVEN
            continue
        if _is_blank(raw):
            values[raw], status[raw] = missing, RECOGNISED
            continue
        value, how = (_UNPLACED, UNPLACED) if complete else (_recognise(role, raw), RECOGNISED)
        if value is _UNPLACED and not complete:
            value, how = _guess(role, raw, zero_coded), GUESSED
        if value is _UNPLACED:
            value, how = missing, UNPLACED
        values[raw], status[raw] = value, how
    if role in FLAG_ROLES and "" not in chosen and _marks_only(values):
        values.update({raw: False for raw in values if _is_blank(raw)})
    return ValueMap(values, status)


def _marks_only(values: Mapping[str | None, object]) -> bool:
    """A column that only ever marks the yes case (`X`, `Y`, `✓`) means no by leaving a blank."""
    marks = [value for raw, value in values.items() if not _is_blank(raw)]
    return bool(marks) and all(value is True for value in marks)


def looks_like(role: str, distinct: Sequence[str | None]) -> float:
    """Share of non-blank distinct values recognised for `role` from their words (codes, which are only
    guessed, do not count); proposes column roles."""
    filled = [raw for raw in distinct if not _is_blank(raw)]
    if not filled:
        return 0.0
    status = map_values(role, filled).status
    return sum(status[raw] == RECOGNISED for raw in filled) / len(filled)


def coded(role: str, distinct: Sequence[str | None]) -> bool:
    """Every non-blank value that is not recognised is read by a code convention (A/B/H/W, 1-7, BL7 …)."""
    status = map_values(role, [raw for raw in distinct if not _is_blank(raw)]).status
    return GUESSED in status.values() and UNPLACED not in status.values()


def race_parts(raw: str) -> tuple[str, ...]:
    """The groups a race value names when it names more than one (`Black/White`, `B,W`, `Hispanic White`), in
    canonical order, for counts alone or in combination; () for a value naming one group or none."""
    descriptor = _DESCRIPTOR.match(raw)
    races = _races(_letters(descriptor[1] if descriptor else raw))
    if not races:
        codes = {_race_code(part) for part in _CODE_PARTS.split(raw.strip()) if part}
        races = codes if _UNPLACED not in codes else set()
    races.discard(TWO_OR_MORE)
    return tuple(label for label in RACE_LABELS if label in races) if len(races) > 1 and races != {ASIAN, NHPI} \
        else ()


def race_flag_role(header: str) -> str | None:
    """The role of a yes/no column by its header: `hispanic` for `Hispanic`, `HispanicLatinoEthnicity` or
    `FedEthnicity` (an ethnicity that is not a race), `race_black` for `Race_Black` or `Af Am`, `ignore` for one
    the federal rule does not read (`Two or More Races`, `Asian/Pacific Islander`): never an outcome. None when
    the header names no race."""
    letters = _letters(header)
    races = _races(letters)
    if races == {HISPANIC} or (not races and "ethnic" in letters and "race" not in letters):
        return "hispanic"
    if len(races) == 1 and TWO_OR_MORE not in races:
        return next(role for role, label in RACE_FLAGS.items() if label in races)
    return "ignore" if races else None


# ---- Canonical values as text (the value map's second column) ------------------------------------------------

def options(role: str) -> tuple[str, ...]:
    """The canonical values a raw value of `role` can be mapped to, as text; the last is Not reported."""
    if role == "race_ethnicity":
        return (*RACE_LABELS, NOT_REPORTED)
    if role == "gender":
        return (*GENDER_LABELS, NOT_REPORTED)
    if role == "grade":
        return (*GRADES, NOT_REPORTED)
    missing_value(role)
    return (YES, NO, NOT_REPORTED)


def as_text(role: str, value: object) -> str:
    """A canonical value as its text in `options(role)`."""
    if value is None or value == NOT_REPORTED:
        return NOT_REPORTED
    if isinstance(value, bool):
        return YES if value else NO
    return str(value)


def from_text(role: str, text: str) -> object:
    """A canonical value from its text: an option (any case), or a spelling the role recognises (`yes`,
    `Native American`); raises ValueMapError for anything else."""
    folded = {option.casefold(): option for option in options(role)}
    option = folded.get(str(text).strip().casefold())
    if option is not None:
        return None if option == NOT_REPORTED and role not in ("race_ethnicity", "gender") else (
            option == YES if option in (YES, NO) else option)
    value = _UNPLACED if _is_blank(text) else _recognise(role, str(text))
    if value is _UNPLACED:
        raise ValueMapError("values.no_such_canonical", value=text, options=", ".join(options(role)))
    return value
