"""The normaliser against spellings gathered from public documentation (tests/value_corpus.py): every value it
reads from its words is right, values that name no group are left to the person, and where it is wrong it only
guessed (a code convention, announced and listed for the person to confirm)."""

import pytest

from equity.data.normalize import GUESSED, UNPLACED, from_text, map_values
from tests.value_corpus import CORPUS, SOURCES


def _verdict(role: str, raw: str, meaning: object) -> tuple[bool, str]:
    """Whether the normaliser places `raw` as `meaning` before any edit, and how it placed it."""
    result = map_values(role, [raw])
    status = result.status[raw]
    if meaning is None:
        return status == UNPLACED, status
    expected = from_text(role, meaning) if isinstance(meaning, str) else meaning
    return status != UNPLACED and result.values[raw] == expected, status


@pytest.mark.parametrize(("role", "raw", "meaning", "source"), CORPUS)
def test_each_spelling_is_right_or_only_guessed(role, raw, meaning, source):
    right, status = _verdict(role, raw, meaning)
    assert right or status == GUESSED, (role, raw, meaning, status)
    if not raw.isdigit():     # numeric race codes differ between systems (1 is Hispanic in some, AIAN in others)
        assert right, (role, raw, meaning, status)


def test_the_share_placed_right_before_any_edit():
    verdicts = [_verdict(role, raw, meaning)[0] for role, raw, meaning, _ in CORPUS]
    assert len(CORPUS) >= 180 and {source for *_, source in CORPUS} == set(SOURCES)
    assert sum(verdicts) / len(verdicts) >= 0.95
