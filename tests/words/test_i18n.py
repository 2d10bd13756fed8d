"""Both catalogues hold every key with the same placeholders, every key the code asks for exists, and data labels
read in each language."""

import re
import string
from pathlib import Path

import pytest

from equity.data.normalize import GENDER_LABELS, NOT_REPORTED, RACE_LABELS
from equity.model.dimensions import DIMENSIONS
from equity.model.rules import Rule
from equity.words.i18n import KNOWN, LANGUAGES, catalogue, t, tn
from equity.words.labels import comparison_label, figure, group_label, rule_text
from equity.words.reader import reading

ROOT = Path(__file__).resolve().parents[2]


def _fields(text: str | tuple[str, ...]) -> set[str]:
    """The placeholders of a text, or of all the plural forms of a counted one together."""
    forms = (text,) if isinstance(text, str) else text
    return {name for form in forms for _, name, _, _ in string.Formatter().parse(form) if name}


def test_every_key_is_in_every_language_with_the_same_placeholders():
    english = catalogue("en")
    assert len(english) > 1000
    for lang in LANGUAGES:
        other = catalogue(lang)
        assert set(other) == set(english), (lang, set(english) ^ set(other))
        for key, text in english.items():
            assert type(other[key]) is type(text), (lang, key)       # counted in one language, counted in all
            assert _fields(other[key]) == _fields(text), (lang, key)
            assert all(form.strip() for form in (other[key] if isinstance(text, tuple) else (other[key],))), key


def test_a_catalogue_in_progress_translates_no_key_wrongly_and_is_not_offered():
    """Arabic is a skeleton: what it translates keeps the English placeholders, the rest reads in English, and
    the language switch leaves it out until every key is translated."""
    assert "ar" in KNOWN and "ar" not in LANGUAGES
    english = catalogue("en")
    assert not catalogue("ar").keys() - english.keys()
    for key, text in catalogue("ar").items():
        assert _fields(text) == _fields(english[key]), key
    with reading("ar"):
        assert t("hidden.small", min_n=10) == "Hidden: fewer than 10 students."
        assert tn("page.sql.hidden", 3) == "3 groups hidden in the download"


def test_counted_sentences_take_the_form_their_number_needs():
    """gettext picks the form from the catalogue's Plural-Forms: one for 1, other for 0 and 2 and more; every
    form writes the number itself, for languages whose 'one' form serves 21 or 101 as well."""
    assert tn("page.sql.hidden", 1) == "1 group hidden in the download"
    assert tn("page.sql.hidden", 2) == "2 groups hidden in the download"
    with reading("es"):
        assert tn("page.sql.hidden", 1) == "1 grupo oculto en la descarga"
        assert tn("page.sql.hidden", 0) == "0 grupos ocultos en la descarga"
        assert tn("survey.left_out", 1).startswith("Se omitió 1 columna ")
    for lang in LANGUAGES:
        for key, text in catalogue(lang).items():
            if isinstance(text, tuple):
                assert all("{count}" in form for form in text), (lang, key)
    with pytest.raises(KeyError):
        tn("hidden.small", 2)


def test_every_key_the_code_uses_exists():
    """Literal keys passed to t(...) anywhere in the app and the package."""
    used = set()
    for path in [*ROOT.glob("equity/**/*.py"), *ROOT.glob("pages/**/*.py"), ROOT / "app.py"]:
        used |= set(re.findall(r"""\btn?\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text(encoding="utf-8")))
    assert used, "no keys found: the pattern no longer matches how t() is called"
    missing = used - set(catalogue("en"))
    assert not missing, missing


def test_keys_built_from_data_exist():
    english = catalogue("en")
    for dim in DIMENSIONS.values():
        assert f"dimension.{dim.key}" in english and f"by.{dim.key}" in english
        if dim.flag:
            for key in ("true", "false", "null"):
                assert f"group.{dim.key}.{key}" in english
    for label in (*RACE_LABELS, *GENDER_LABELS, NOT_REPORTED):
        assert f"label.{label}" in english


def test_english_labels_match_the_data_model():
    """English keeps the labels the app already prints, so screens and tests read the same."""
    for dim in DIMENSIONS.values():
        for key in ((True, False, None) if dim.flag else (*RACE_LABELS, NOT_REPORTED)):
            if dim.flag or dim.key == "race":
                assert group_label(dim, key) == dim.group_label(key)


def test_spanish_labels():
    race, income = DIMENSIONS["race"], DIMENSIONS["low_income"]
    with reading("es"):
        assert group_label(race, "Hispanic/Latino") == "Hispano/Latino"
        assert group_label(income, True) == "Bajos ingresos"
        assert group_label(DIMENSIONS["school"], "Lincoln High") == "Lincoln High"
        assert comparison_label("others", race) == "todos los demás estudiantes"
        assert comparison_label("true", income) == "Bajos ingresos"
        assert rule_text(Rule("boolean")) == "= sí"
        assert rule_text(Rule("categories", categories=("Met", "Exceeded"))) == "en Met, Exceeded"


def test_placeholders_are_filled_and_unknown_things_fail_loudly():
    with reading("es"):
        assert t("hidden.small", min_n=10) == "Oculto: menos de 10 estudiantes."
    with pytest.raises(KeyError):
        t("no.such.key")
    with pytest.raises(ValueError):
        catalogue("fr")


def test_words_and_figures_follow_the_reader():
    """Without a language, a label, a sentence and a figure are in the reader's, which a block can switch and which
    is English again after it."""
    race = DIMENSIONS["race"]
    with reading("es"):
        assert (group_label(race, "White"), t("word.yes"), figure(72.94, True)) == ("Blanco", "sí", "72,9\u00a0%")
        with reading("en"):
            assert figure(72.94, True) == "72.9%"                       # the innermost block wins
    assert (group_label(race, "White"), t("word.yes"), figure(72.94, True)) == ("White", "yes", "72.9%")
