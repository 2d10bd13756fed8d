"""What a column header says the column is, read the way a person reads it.

Exports spell one idea many ways: `ELL Status`, `LEP_FLG`, `LimitedEnglishProficiencyDescriptor`,
`lep.programStatus`. A header is cut into words (case changes, separators, digits, run-together capitals such
as `SWDIND`), abbreviations are written out, plurals made singular, parentheticals such as `(Federal)` dropped,
and words that only say how a value is coded (`IND`, `FLG`, `CD`, `DESC`, `STATUS`) left aside. Each role,
each kind of outcome and the columns that are never outcomes (birth dates, ages, addresses...) has phrases
(data in `header_words.json`); a phrase fits when all its words are in the header, and scores by the share of
the header's words it explains, so `Student Gender Code` is gender and `Grade Level When Assessed` is a grade.
"""

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

WORDS = json.loads((Path(__file__).resolve().parent / "header_words.json").read_text(encoding="utf-8"))
EXCLUDE = "exclude"          # a column that is never an outcome (birth date, age, address, another id)
MEASURE = "outcome:"         # a label naming a kind of outcome: "outcome:score"
PERCENT = "percent"
ENOUGH = 0.6                 # the share of a header a phrase must explain to name the column
_WEIGHT_WEAK, _WEIGHT_UNKNOWN = 0.3, 0.5

_PARENTHETICAL = re.compile(r"\(([^)]*)\)|\[[^\]]*\]")
_CAMEL = (re.compile(r"([a-z])([A-Z])"), re.compile(r"([A-Z]+)([A-Z][a-z])"),
          re.compile(r"([A-Za-z])([0-9])"), re.compile(r"([0-9])([A-Za-z])"))
_SPLIT = re.compile(r"[^0-9a-z]+")
_PATH = re.compile(r"(?:\[\w+\]|[A-Za-z_]\w*\.)(\w+)")   # [Students]Grade_Level, student.grade


@dataclass(frozen=True)
class Reading:
    """What a header names (a role, `exclude`, or `outcome:KIND`) and how sure the reading is (0 to 1)."""

    label: str
    score: float


def words(header: str) -> tuple[str, ...]:
    """The header's meaningful words, normalised: 'ETHNIC_DESC' -> ('ethnicity',). In a field path such as
    `student.raceEthnicityFed` the table's name is left aside, unless the field alone says nothing
    (`lep.programStatus`)."""
    path = _PATH.fullmatch(header.strip())
    if path:
        return _words(path[1]) or _words(header)
    return _words(header)


def _words(header: str) -> tuple[str, ...]:
    text = _PARENTHETICAL.sub(lambda m: f" {PERCENT} " if m[1] and "%" in m[1] else " ", header)
    text = text.replace("%", f" {PERCENT} ").replace("#", " number ")
    for pattern in _CAMEL:
        text = pattern.sub(r"\1 \2", text)
    found: list[str] = []
    for token in _SPLIT.split(text.lower()):
        for piece in _pieces(token):
            for word in _normal(piece):
                if word not in _vocabulary()["qualifiers"] and word not in found:
                    found.append(word)
    return tuple(found)


def _normal(token: str) -> tuple[str, ...]:
    """One token written out: an abbreviation expanded, a plural made singular."""
    vocabulary = _vocabulary()
    if not token or token in vocabulary["stopwords"]:
        return ()
    abbreviations = WORDS["abbreviations"]
    token = abbreviations.get(token) or abbreviations.get(_singular(token)) or token
    if " " in token:
        return tuple(token.split())
    return (_singular(token),)


def _singular(token: str) -> str:
    if token in _vocabulary()["known"] or len(token) <= 3 or token.endswith(("ss", "us", "is")):
        return token
    if token.endswith("ies"):
        return token[:-3] + "y"
    return token[:-1] if token.endswith("s") else token


def _pieces(token: str) -> list[str]:
    """A run-together token cut into known words ('swdind' -> swd, ind), or left whole when it cannot be.
    Two-letter pieces are only codings and ids ('stuid', 'lepcd'), so that 'tested' stays one word."""
    known = _vocabulary()["spellings"]
    short = _vocabulary()["qualifiers"] | {"id"}
    if len(token) < 5 or token in known or token.isdigit():
        return [token]
    best: list[list[str] | None] = [[]] + [None] * len(token)
    for end in range(2, len(token) + 1):
        for start in range(0, end - 1):
            piece = token[start:end]
            if best[start] is not None and piece in known and (len(piece) > 2 or piece in short):
                candidate = [*best[start], piece]
                if best[end] is None or len(candidate) < len(best[end]):
                    best[end] = candidate
    return best[-1] if best[-1] and len(best[-1]) > 1 else [token]


@cache
def _vocabulary() -> dict[str, frozenset[str]]:
    """Word lists as sets: qualifiers, weak and stop words, every spelling a phrase or abbreviation uses."""
    phrases = [p for group in ("roles", "measures") for ps in WORDS[group].values() for p in ps]
    phrases += WORDS["exclude"]
    plain = {w for p in phrases for w in p.split()}
    abbreviations = WORDS["abbreviations"]
    expanded = {w for target in abbreviations.values() for w in target.split()}
    sets = {name: frozenset(WORDS[name]) for name in ("qualifiers", "weak", "stopwords")}
    sets["known"] = frozenset(plain | expanded | sets["weak"])
    sets["spellings"] = frozenset(sets["known"] | set(abbreviations) | sets["qualifiers"])
    return sets


@cache
def _phrases() -> tuple[tuple[str, frozenset[str]], ...]:
    """(label, phrase words) for every phrase, normalised like headers."""
    labelled = [(role, p) for role, ps in WORDS["roles"].items() for p in ps]
    labelled += [(MEASURE + kind, p) for kind, ps in WORDS["measures"].items() for p in ps]
    labelled += [(EXCLUDE, p) for p in WORDS["exclude"]]
    return tuple((label, frozenset(words(phrase))) for label, phrase in labelled if words(phrase))


def _weight(word: str) -> float:
    vocabulary = _vocabulary()
    if word in vocabulary["weak"] or len(word) == 1 or (word.isdigit() and word != "504"):
        return _WEIGHT_WEAK
    return 1.0 if word in vocabulary["known"] else _WEIGHT_UNKNOWN


def readings(header: str) -> dict[str, float]:
    """Every label some phrase fits, with the share of the header's words its fitting phrases explain
    together ('RIT Score': 'rit' and 'score' are both phrases of a score)."""
    return dict(_readings(header))


@lru_cache(maxsize=4096)   # a proposal asks about each header once per role: a wide file has a thousand
def _readings(header: str) -> tuple[tuple[str, float], ...]:
    found = set(words(header))
    total = sum(_weight(w) for w in found)
    explained: dict[str, set[str]] = {}
    for label, phrase in _phrases():
        if phrase <= found:
            explained.setdefault(label, set()).update(phrase)
    return tuple((label, round(sum(_weight(w) for w in covered) / total, 3)) for label, covered in explained.items())


def read(header: str) -> Reading | None:
    """The header's best reading when it explains enough of the header, else None (left to the values).
    A tie between two different labels is no reading: the header does not say. A percent sign makes any
    header that names no role a percentage ('Final %', 'Score (%)')."""
    ranked = sorted(readings(header).items(), key=lambda item: -item[1])
    best = ranked[0] if ranked and ranked[0][1] >= ENOUGH else None
    if best and len(ranked) > 1 and ranked[1][1] == best[1]:
        best = None
    if PERCENT in words(header) and not (best and best[0] in WORDS["roles"]):
        return Reading(MEASURE + PERCENT, 1.0)
    return Reading(*best) if best else None


def role_score(header: str, role: str) -> float:
    """How well the header names `role` (0 when no phrase of it fits, or too little of the header)."""
    score = readings(header).get(role, 0.0)
    return score if score >= ENOUGH else 0.0


def measure(header: str) -> str:
    """The kind of outcome the header names ('score', 'level', ...), or ''."""
    reading = read(header)
    return reading.label.removeprefix(MEASURE) if reading and reading.label.startswith(MEASURE) else ""
