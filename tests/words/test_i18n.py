"""Both catalogues hold every key with the same placeholders, every key the code asks for exists, and data labels
read in each language."""

import re
import string
from pathlib import Path

import pytest

from equity.data.normalize import GENDER_LABELS, NOT_REPORTED, RACE_LABELS
from equity.model.dimensions import DIMENSIONS
from equity.model.rules import Rule
from equity.words.i18n import KNOWN, LANGUAGES, catalogue, t
from equity.words.labels import comparison_label, group_label, rule_text

ROOT = Path(__file__).resolve().parents[2]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_is_in_every_language_with_the_same_placeholders():
    english = catalogue("en")
    assert len(english) > 1000
    for lang in LANGUAGES:
        other = catalogue(lang)
        assert set(other) == set(english), (lang, set(english) ^ set(other))
        for key, text in english.items():
            assert _fields(other[key]) == _fields(text), (lang, key)
            assert other[key].strip(), (lang, key)


def test_a_catalogue_in_progress_translates_no_key_wrongly_and_is_not_offered():
    """Arabic is a skeleton: what it translates keeps the English placeholders, the rest reads in English, and
    the language switch leaves it out until every key is translated."""
    assert "ar" in KNOWN and "ar" not in LANGUAGES
    english = catalogue("en")
    assert not catalogue("ar").keys() - english.keys()
    for key, text in catalogue("ar").items():
        assert _fields(text) == _fields(english[key]), key
    assert t("hidden.small", "ar", min_n=10) == "Hidden: fewer than 10 students."


def test_every_key_the_code_uses_exists():
    """Literal keys passed to t(...) anywhere in the app and the package."""
    used = set()
    for path in [*ROOT.glob("equity/**/*.py"), *ROOT.glob("pages/**/*.py"), ROOT / "app.py"]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text(encoding="utf-8")))
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
    assert group_label(race, "Hispanic/Latino", "es") == "Hispano/Latino"
    assert group_label(income, True, "es") == "Bajos ingresos"
    assert group_label(DIMENSIONS["school"], "Lincoln High", "es") == "Lincoln High"
    assert comparison_label("others", race, "es") == "todos los demás estudiantes"
    assert comparison_label("true", income, "es") == "Bajos ingresos"
    assert rule_text(Rule("boolean"), "es") == "= sí"
    assert rule_text(Rule("categories", categories=("Met", "Exceeded")), "es") == "en Met, Exceeded"


def test_placeholders_are_filled_and_unknown_things_fail_loudly():
    assert t("hidden.small", "es", min_n=10) == "Oculto: menos de 10 estudiantes."
    with pytest.raises(KeyError):
        t("no.such.key")
    with pytest.raises(ValueError):
        catalogue("fr")
