"""Words in the reader's language. Every string of the report, its exports and the summaries is looked up by
key in a gettext catalogue per language (`equity/words/locale/<lang>/LC_MESSAGES/messages.po`); the message ids
are the keys, so code names a sentence by what it is for and the English text lives in the English catalogue like
any other language. Catalogues are compiled to `.mo` on first use when missing or older than their `.po`, and
read through Python's `gettext`, which falls back to English string by string. A language is offered to readers
once its catalogue translates every key. Words are in the reader's language (`equity.words.reader`): code that
wants another wraps the call in `reading(lang)`.
Data labels (groups, dimensions, rules) are put into words by equity.words.labels, figures by equity.words.numbers.
"""

import gettext
import os
from functools import cache
from pathlib import Path

from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from equity.words.numbers import count
from equity.words.reader import DEFAULT, language

DOMAIN = "messages"
LOCALES = Path(__file__).resolve().parents[1] / "locale"
KNOWN = tuple(sorted(p.name for p in LOCALES.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()))


def _compiled(lang: str) -> Path:
    """The language's `.mo`, compiled from its `.po` when missing or stale (written whole, then renamed, so
    processes starting together never read half a file). Keys without a translation, or a plural without all
    its forms, are left out, so gettext falls back to English for them."""
    po = LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo = po.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        with po.open("rb") as source:
            compiled = read_po(source, locale=lang)
        for message in list(compiled):
            forms = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.id and not all(forms):
                del compiled[message.id]
        partial = mo.with_suffix(f".{os.getpid()}.part")
        with partial.open("wb") as target:
            write_mo(target, compiled)
        os.replace(partial, mo)
    return mo


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The language's catalogue, with English behind it for any key it does not translate yet."""
    if lang not in KNOWN:
        raise ValueError(f"Unknown language '{lang}': choose one of {', '.join(KNOWN)}.")
    for each in {lang, DEFAULT}:
        _compiled(each)
    return gettext.translation(DOMAIN, LOCALES, languages=[lang, DEFAULT])


@cache
def catalogue(lang: str) -> dict[str, str | tuple[str, ...]]:
    """Every key a language translates, and its text, or its plural forms for a key counted with `tn` (the
    compiled catalogue, for checks and completeness)."""
    translations(lang)
    with _compiled(lang).open("rb") as compiled:
        messages = [message for message in read_mo(compiled) if message.id]
    plain = {m.id: m.string for m in messages if isinstance(m.id, str)}
    return plain | {m.id[0]: tuple(m.string) for m in messages if not isinstance(m.id, str)}


def t(key: str, **params: object) -> str:
    """The text for `key` in the reader's language, its `{name}` placeholders filled from `params`; English when
    the language lacks the key (an unknown key is a programming error and raises KeyError)."""
    text = translations(language()).gettext(key)
    if text == key:
        raise KeyError(key)
    return text.format(**params)


def tn(key: str, number: int, **params: object) -> str:
    """The text for `number` things: gettext picks the form by the catalogue's Plural-Forms (one and other in
    English and Spanish, six in Arabic); `{count}` is filled with the number, written the reader's way."""
    text = translations(language()).ngettext(key, key, number)
    if text == key:
        raise KeyError(key)
    return text.format(**{"count": count(number), **params})


def _complete(lang: str) -> bool:
    return catalogue(lang).keys() >= catalogue(DEFAULT).keys()


OFFERED = sorted((lang for lang in KNOWN if _complete(lang)), key=lambda lang: lang != DEFAULT)
# what the language switch offers, English first, each language named in itself
LANGUAGES = {lang: translations(lang).gettext("language.name") for lang in OFFERED}

