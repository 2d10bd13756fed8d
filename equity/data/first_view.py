"""What a person sees first after an upload: the outcome they would most likely look at, and only the
dimensions the file's mapping fills, so that no page offers a comparison the file cannot make (a file without a
race column would show one "Not reported" bar); and which of the student groups people look for first it has."""

from collections.abc import Sequence
from dataclasses import dataclass

from equity.data import headers, outcome_kinds
from equity.data.mapping import RACE_FLAG_ROLES, ColumnRole, Mapping
from equity.data.profile import ColumnProfile
from equity.model.dimensions import GAP_DIMENSIONS

# The student groups equity reports are about, in the order people name them.
GROUPS = ("race", "low_income", "english_learner", "special_ed", "section_504")
_ROLES = {"race": ("race_ethnicity", *RACE_FLAG_ROLES)}   # race also comes from the race rule's yes/no columns


@dataclass(frozen=True)
class Groups:
    """Which of GROUPS a file has, and which it lacks (dimension keys, in GROUPS order)."""

    has: tuple[str, ...]
    lacks: tuple[str, ...]


def dimensions(mapping: Mapping, among: tuple[str, ...] = GAP_DIMENSIONS) -> tuple[str, ...]:
    """The dimensions (of `among`, in its order) that a column of the file is mapped to."""
    mapped = {c.role for c in mapping.columns}
    return tuple(d for d in among if mapped & set(_ROLES.get(d, (d,))))


def groups(mapping: Mapping) -> Groups:
    has = dimensions(mapping, GROUPS)
    return Groups(has, tuple(d for d in GROUPS if d not in has))


def likeliest(outcomes: Sequence[ColumnRole], profiles: Sequence[ColumnProfile]) -> int:
    """Which of `outcomes` (its index) a person would look at first: the likeliest kind of result
    (equity.data.outcome_kinds.ORDER), named so by its header rather than guessed from its values, filled in for
    the most students, and of those the last in the file (gradebooks put the final mark after the terms'
    marks: G1, G2, G3)."""
    filled = {p.header: p.non_blank for p in profiles}
    position = {p.header: i for i, p in enumerate(profiles)}

    def key(i: int) -> tuple:
        c = outcomes[i]
        named = bool(headers.measure(c.header)) or c.result == "attendance"
        return (outcome_kinds.rank(c.result), not named, -filled.get(c.header, 0), -position.get(c.header, -1))

    return min(range(len(outcomes)), key=key) if outcomes else 0
