"""Words in the reader's language. Every string of the report, its exports and the summaries is looked up by
key in a gettext catalogue per language (`equity/words/locale/<lang>/LC_MESSAGES/messages.po`); the message ids
are the keys, so code names a sentence by what it is for and the English text lives in the English catalogue like
any other language. Catalogues are compiled to `.mo` on first use when missing or older than their `.po`, and
read through Python's `gettext`, which falls back to English string by string. A language is offered to readers
once its catalogue translates every key. Without a language, words are in the reader's (`equity.words.reader`).
The helpers below put data labels (groups, dimensions, rules) into words, and figures (`equity.words.numbers`).
"""

import gettext
import os
from functools import cache
from pathlib import Path

from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from equity.model.dimensions import Dimension
from equity.stats.metrics import COMPARE_ALL, COMPARE_OTHERS, Rule, key_text
from equity.stats.privacy import ACROSS, SMALL
from equity.words.numbers import count, decimal, percent
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


def t(key: str, lang: str | None = None, **params: object) -> str:
    """The text for `key` in `lang` (the reader's by default), its `{name}` placeholders filled from `params`;
    English when the language lacks the key (an unknown key is a programming error and raises KeyError)."""
    text = translations(lang or language()).gettext(key)
    if text == key:
        raise KeyError(key)
    return text.format(**params)


def tn(key: str, number: int, lang: str | None = None, **params: object) -> str:
    """The text for `number` things: gettext picks the form by the catalogue's Plural-Forms (one and other in
    English and Spanish, six in Arabic); `{count}` is filled with the number, written the reader's way."""
    lang = lang or language()
    text = translations(lang).ngettext(key, key, number)
    if text == key:
        raise KeyError(key)
    return text.format(**{"count": count(number, lang), **params})


def _complete(lang: str) -> bool:
    return catalogue(lang).keys() >= catalogue(DEFAULT).keys()


OFFERED = sorted((lang for lang in KNOWN if _complete(lang)), key=lambda lang: lang != DEFAULT)
LANGUAGES = {lang: t("language.name", lang) for lang in OFFERED}   # what the language switch offers, English first


def dimension_label(dimension: Dimension, lang: str = DEFAULT) -> str:
    """'Race/ethnicity', 'Raza/etnia'."""
    return t(f"dimension.{dimension.key}", lang)


def group_label(dimension: Dimension, key: object, lang: str = DEFAULT) -> str:
    """A group's name: flags and known labels (races, genders, Not reported) translated; schools and grades as
    they are in the data."""
    if dimension.flag:
        return t(f"group.{dimension.key}.{key_text(key)}", lang)
    english = dimension.group_label(key)
    text = translations(lang).gettext(f"label.{english}")
    return english if text == f"label.{english}" else text


def group_phrase(dimension: Dimension, key: object, lang: str = DEFAULT) -> str:
    """A group named inside a sentence: a bare grade ('5') becomes 'Grade 5'."""
    if dimension.key == "grade" and key is not None:
        return t("group.grade", lang, grade=key)
    return group_label(dimension, key, lang)


def comparison_label(compare: str, dimension: Dimension, lang: str = DEFAULT) -> str:
    """What gaps are measured against: all students, all other students, or a reference group."""
    if compare == COMPARE_ALL:
        return t("compare.all", lang)
    if compare == COMPARE_OTHERS:
        return t("compare.others", lang)
    flags = {"true": True, "false": False, "null": None}
    return group_label(dimension, flags.get(compare, compare) if dimension.flag else compare, lang)


def rule_text(rule: Rule, lang: str = DEFAULT) -> str:
    """What counts as meeting an outcome: '>= 70', '= yes', 'in Met, Exceeded'."""
    if rule.kind == "threshold":
        return f">= {rule.threshold:g}"
    if rule.kind == "boolean":
        return t("rule.yes", lang)
    if rule.kind == "categories":
        return t("rule.in", lang, categories=", ".join(rule.categories))
    return t("rule.mean", lang)


def measure_text(outcome: str, rule: Rule, lang: str = DEFAULT) -> str:
    """The figure shown: 'ELA (in Met, Exceeded)' for a rate, 'Average Final %' for a mean."""
    if rule.is_rate:
        return t("measure.rate", lang, outcome=outcome, rule=rule_text(rule, lang))
    return t("measure.mean", lang, outcome=outcome)


def figure(value: float, rate: bool, lang: str | None = None) -> str:
    """A value as printed: one decimal, a percentage for rates ('72.9%', '72,9 %')."""
    return percent(value, 1, lang) if rate else decimal(value, 1, lang)


def points(gap: float, rate: bool, lang: str | None = None) -> str:
    """The size of a gap in words: '9.6 percentage points', '9,6 puntos porcentuales'."""
    return t("unit.percentage_points" if rate else "unit.points", lang, value=decimal(abs(gap), 1, lang))


def hidden_note(reason: str | None, min_n: int, lang: str = DEFAULT) -> str:
    """Why a group shows no figure: too small itself, hidden so that comparing with a view with filters fewer
    cannot give it, or hidden to protect another (privacy.SMALL, ACROSS, COMPLEMENT)."""
    if reason == SMALL:
        return t("hidden.small", lang, min_n=min_n)
    return t("hidden.across" if reason == ACROSS else "hidden.complement", lang)


def size_text(n: int | None, reason: str | None, min_n: int, lang: str = DEFAULT) -> str:
    """A group's size as a sentence prints it: the number when shown; for a hidden group never the number, but
    'fewer than 10' when it is small, else 'hidden'."""
    if n is not None:
        return count(n, lang)
    return t("hidden.band", lang, min_n=min_n) if reason == SMALL else t("chart.hidden", lang)


def yes_no(value: bool | None, lang: str = DEFAULT) -> str:
    return "" if value is None else t("word.yes" if value else "word.no", lang)


def dimension_phrase(dimension: Dimension, lang: str = DEFAULT) -> str:
    """The dimension inside a sentence: 'by English-learner status', 'por condición de aprendiz de inglés'."""
    return t(f"by.{dimension.key}", lang)
