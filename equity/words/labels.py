"""Names of everything a figure is about, in the reader's language: dimensions, groups, comparisons, rules,
measures, units, hidden groups' notes and sizes. One home, so a group is named the same on every screen and in
every export; figures written the reader's way by equity.words.numbers."""

from collections.abc import Mapping

from equity.model.dimensions import Dimension
from equity.model.rules import Rule
from equity.sources.cells import key_text
from equity.stats.metrics import COMPARE_ALL, COMPARE_OTHERS
from equity.stats.privacy import ACROSS, ALL_OR_NONE, COMPLEMENT, DIFFERENCE, ELSEWHERE, SMALL
from equity.words.i18n import catalogue, t
from equity.words.numbers import count, decimal, percent
from equity.words.reader import language


def dimension_label(dimension: Dimension) -> str:
    """'Race/ethnicity', 'Raza/etnia'."""
    return t(f"dimension.{dimension.key}")


def group_label(dimension: Dimension, key: object) -> str:
    """A group's name: flags and known labels (races, genders, Not reported) translated; schools and grades as
    they are in the data."""
    if dimension.flag:
        return t(f"group.{dimension.key}.{key_text(key)}")
    english = dimension.group_label(key)
    return catalogue(language()).get(f"label.{english}", english)


def group_phrase(dimension: Dimension, key: object) -> str:
    """A group named inside a sentence: a bare grade ('5') becomes 'Grade 5'."""
    if dimension.key == "grade" and key is not None:
        return t("group.grade", grade=key)
    return group_label(dimension, key)


def comparison_label(compare: str, dimension: Dimension) -> str:
    """What gaps are measured against: all students, all other students, or a reference group."""
    if compare == COMPARE_ALL:
        return t("compare.all")
    if compare == COMPARE_OTHERS:
        return t("compare.others")
    flags = {"true": True, "false": False, "null": None}
    return group_label(dimension, flags.get(compare, compare) if dimension.flag else compare)


def comparison_choices(groups: Mapping[str, str] | None = None) -> dict[str, str]:
    """The comparisons a menu offers, by key, named as a menu names them: all students, all other students, then
    each group of `groups` (key as text: name)."""
    return {COMPARE_ALL: t("compare.all_title"), COMPARE_OTHERS: t("compare.others_title"),
            **(groups or {})}


def rule_text(rule: Rule) -> str:
    """What counts as meeting an outcome: '>= 70', '= yes', 'in Met, Exceeded'."""
    if rule.kind == "threshold":
        return f">= {rule.threshold:g}"
    if rule.kind == "boolean":
        return t("rule.yes")
    if rule.kind == "categories":
        return t("rule.in", categories=", ".join(rule.categories))
    return t("rule.mean")


def measure_text(outcome: str, rule: Rule) -> str:
    """The figure shown: 'ELA (in Met, Exceeded)' for a rate, 'Average Final %' for a mean."""
    if rule.is_rate:
        return t("measure.rate", outcome=outcome, rule=rule_text(rule))
    return t("measure.mean", outcome=outcome)


def figure(value: float, rate: bool) -> str:
    """A value as printed: one decimal, a percentage for rates ('72.9%', '72,9 %')."""
    return percent(value, 1) if rate else decimal(value, 1)


def points(gap: float, rate: bool) -> str:
    """The size of a gap in words: '9.6 percentage points', '9,6 puntos porcentuales'."""
    return t("unit.percentage_points" if rate else "unit.points", value=decimal(abs(gap), 1))


HIDDEN = {SMALL: "hidden.small", COMPLEMENT: "hidden.complement", ACROSS: "hidden.across",
          ELSEWHERE: "hidden.elsewhere", ALL_OR_NONE: "hidden.all_or_none", DIFFERENCE: "hidden.difference"}


def hidden_note(reason: str | None, min_n: int) -> str:
    """Why a group shows no figure (privacy's reason, in words): too small itself, hidden so that comparing with
    a view with filters fewer cannot give it, hidden in another view of the same students, hidden to protect
    another, so small that its top/bottom code
    would say all or none met, or a race alone a few students off the same race in combination. Blank when
    `reason` is none: the group is shown. The one home of these words: screens, exports and the command line."""
    return t(HIDDEN[reason], min_n=min_n) if reason else ""


def size_text(n: int | None, reason: str | None, min_n: int) -> str:
    """A group's size as a sentence prints it: the number when shown; for a hidden group never the number, but
    'fewer than 10' when it is small, else 'hidden'."""
    if n is not None:
        return count(n)
    return t("hidden.band", min_n=min_n) if reason == SMALL else t("chart.hidden")


def yes_no(value: bool | None) -> str:
    return "" if value is None else t("word.yes" if value else "word.no")


def dimension_phrase(dimension: Dimension) -> str:
    """The dimension inside a sentence: 'by English-learner status', 'por condición de aprendiz de inglés'."""
    return t(f"by.{dimension.key}")
