"""The glossary: every term named, with a one-line meaning and a paragraph, in English and in Spanish; a setting's
help gives the meaning and names the term; the composition index and the 95% interval never share "CI"."""

import re

import pytest

from equity.stats.gap_flags import Flag
from equity.words.glossary import ANCHORS, FLAG_RULES, explain, term, terms
from equity.words.i18n import catalogue
from equity.words.reader import reading

# The jargon the screens show (issue: IDEA, n-size, cell size, alternate risk ratio, composition index, Newcombe,
# top/bottom coding, RR), each found in some term's name.
JARGON = {"en": ("IDEA", "n-size", "Cell size", "Alternate risk ratio", "Composition index", "Newcombe",
                 "Top and bottom coding", "Risk ratio (RR)", "Not reported", "Chronic absence", "Matched cohort",
                 "Conditional percentile", "On track", "Early warning", "Effect size", "Gap beyond chance",
                 "Percentage-point gap", "Proportionality index", "80% index"),
          "es": ("IDEA", "Tamaño mínimo del grupo", "Tamaño de celda", "Razón de riesgo alternativa",
                 "Índice de composición", "Newcombe", "Codificación de extremos", "Razón de riesgo (RR)",
                 "No informado", "Ausentismo crónico",
                 "Cohorte emparejada", "Percentil condicional", "Encaminados", "Alerta temprana",
                 "Tamaño del efecto", "Brecha mayor que el azar", "Brecha en puntos porcentuales",
                 "Índice de proporcionalidad", "Índice del 80%")}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_term_has_a_name_a_meaning_and_a_paragraph(lang):
    with reading(lang):
        found = terms()
    assert [each.anchor for each in found] == list(ANCHORS)
    names = [each.name for each in found]
    assert len(set(names)) == len(names)
    for each in found:
        assert each.meaning.endswith(".") and len(each.meaning) < 160, each   # one line
        assert each.paragraph.count(". ") >= 1 and len(each.paragraph) > 2 * len(each.meaning), each
    for jargon in JARGON[lang]:
        assert any(jargon in name for name in names), jargon


def test_spanish_explains_in_spanish():
    for anchor in ANCHORS:
        with reading("en"):
            english = term(anchor)
        with reading("es"):
            spanish = term(anchor)
        assert spanish.paragraph != english.paragraph and spanish.meaning != english.meaning, anchor


def test_help_gives_the_meaning_and_names_the_term():
    assert explain("risk_ratio") == ("A group's risk divided by the risk of all other students; 2.0 means twice "
                                     "as likely. See “Risk ratio (RR)” in the Glossary.")
    both = explain("cell_size", "n_size", before="Fewest students.")
    assert both.startswith("Fewest students. The fewest students with the outcome")
    assert both.endswith("See “Minimum group size (n-size)” in the Glossary.")
    with reading("es"):
        assert explain("idea").endswith("Vea “IDEA” en el Glosario.")
    with pytest.raises(KeyError):
        term("ci")


@pytest.mark.parametrize("lang, composition", [("en", "CI"), ("es", "IC")])
def test_ci_means_nothing_on_its_own(lang, composition):
    """The scorecard's composition index is written in full: an abbreviation that elsewhere means a confidence
    interval appears only inside quotation marks, where the glossary says it is not used."""
    for key, text in catalogue(lang).items():
        for form in text if isinstance(text, tuple) else (text,):
            bare = re.sub(rf"“{composition}”", "", form)
            assert not re.search(rf"\b{composition}\b", bare), (key, form)
            if "RR" in bare:     # the risk ratio's initials only beside its name
                assert key.startswith("glossary.risk_ratio."), (key, form)


def test_every_rule_for_flagging_gaps_has_its_term():
    assert set(FLAG_RULES) == {f.value for f in Flag} and set(FLAG_RULES.values()) <= set(ANCHORS)
