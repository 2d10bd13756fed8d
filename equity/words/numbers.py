"""Figures as a person reads them in their language, by Babel from the Unicode CLDR data: a count `15,104` in
English is `15.104` in Spanish, a rate `72.9%` is `72,9 %`, a date `Mar 5, 2026` is `5 mar 2026`. One helper per
kind of number; each writes in the reader's language, read from the context. Machine-readable output (the
command line's JSON and CSV, figures stored as numbers in a workbook) does not come through here."""

import copy
from datetime import date
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern

from equity.words.reader import language


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


@cache
def _pattern(lang: str, kind: str, digits: int, signed: bool) -> NumberPattern:
    """The locale's own pattern for decimals or percentages, with exactly `digits` decimals (and a + sign)."""
    locale = _locale(lang)
    pattern = copy.copy((locale.percent_formats if kind == "percent" else locale.decimal_formats)[None])
    pattern.frac_prec = (digits, digits)
    if signed:
        pattern.prefix = (locale.number_symbols["latn"]["plusSign"] + pattern.prefix[0], pattern.prefix[1])
    return pattern


def count(n: int) -> str:
    """A number of students, rows or groups: 15,104 / 15.104."""
    return decimal(n, 0)


def decimal(value: float, digits: int = 1, signed: bool = False) -> str:
    """A mean, a gap or an index with a fixed number of decimals: 9.6 / 9,6; signed: +9.6 / -9.6."""
    lang = language()
    return _pattern(lang, "decimal", digits, signed).apply(value, _locale(lang))


def percent(value: float, digits: int = 1) -> str:
    """A rate given in percent (72.9 for 72.9%): 72.9% / 72,9 %."""
    lang = language()
    return _pattern(lang, "percent", digits, False).apply(value / 100, _locale(lang))


def chart_locale() -> dict:
    """The language's decimal mark and thousands separator for Vega-Lite's `config.locale`, so that axis
    ticks, labels and tooltips formatted in a chart read like the text around them."""
    symbols = _locale(language()).number_symbols["latn"]
    return {"number": {"decimal": symbols["decimal"], "thousands": symbols["group"], "grouping": [3],
                       "currency": ["", ""]}}


def day(when: date) -> str:
    """A date in the locale's medium form: Mar 5, 2026 / 5 mar 2026."""
    return format_date(when, format="medium", locale=_locale(language()))
