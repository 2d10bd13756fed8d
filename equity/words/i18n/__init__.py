"""Words in the reader's language. Every string of the report, its exports and the summaries is looked up by
key in one catalogue per language (`en.json`, `es.json` beside this file), so a translator edits one file and
a test checks that both catalogues hold the same keys. Data labels (groups, dimensions, rules) are put into
words by equity.words.labels.
"""

import json
from functools import cache
from pathlib import Path

LANGUAGES = {"en": "English", "es": "Español"}
DEFAULT = "en"
FOLDER = Path(__file__).resolve().parent


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every key and its text in one language."""
    if lang not in LANGUAGES:
        raise ValueError(f"Unknown language '{lang}': choose one of {', '.join(LANGUAGES)}.")
    return json.loads((FOLDER / f"{lang}.json").read_text(encoding="utf-8"))


def t(key: str, lang: str = DEFAULT, **params: object) -> str:
    """The text for `key` in `lang`, its `{name}` placeholders filled from `params`; English when the language
    lacks the key (an unknown key is a programming error and raises KeyError)."""
    text = catalogue(lang).get(key)
    if text is None:
        text = catalogue(DEFAULT)[key]
    return text.format(**params)
