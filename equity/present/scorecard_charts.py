"""Compact group tables for scorecard cards, and every card's figures as one table.

A card must read at a glance in a meeting, in a quarter of the screen: a small HTML table (group, value, and
its gap, risk ratio or composition index) is denser than a chart and needs no colour to be understood.
Hidden groups stay listed, marked hidden, never left out.
"""

import altair as alt
import pandas as pd
from markupsafe import Markup

from equity.data.normalize import AIAN, BLACK, NHPI, TWO_OR_MORE
from equity.model.groups import PART
from equity.plans.scorecard import COMPOSITION, GAP, NO_GOAL, RISK_RATIO, Card, GroupFigure, finding_text
from equity.present.charts import BLUE, GREY, ORANGE
from equity.present.html import fragment
from equity.present.tables import COUNT, INDEX, TEXT, VALUE, Column, Table
from equity.stats.disproportionality import NOT_COMPUTABLE, TOO_FEW
from equity.words.groupings import grouping_group, grouping_name
from equity.words.i18n import t
from equity.words.labels import figure, group_label, hidden_note
from equity.words.numbers import decimal

MEASURE_KEYS = {GAP: "gap", RISK_RATIO: "ratio", COMPOSITION: "composition"}
SHORT = {("race", NHPI): "nhpi", ("race", AIAN): "aian", ("race", BLACK): "black", ("race", TWO_OR_MORE): "two",
         ("special_ed", True): "with_disabilities", ("special_ed", False): "without_disabilities"}
BLANKS = {TOO_FEW: "scorecard.blank.too_few", NOT_COMPUTABLE: "scorecard.blank.not_computable"}
COLUMNS = ("indicator", "type", "by", "term", "group", "n", "value", "measure", "measure_value", "flagged", "hidden")


def method(card: Card) -> str:
    return card.indicator.method if card.indicator.rule.is_rate else GAP


def measure_name(card: Card) -> str:
    """'Gap vs all (pts)', 'Risk ratio' or 'Composition index'."""
    return t(f"scorecard.measure.{MEASURE_KEYS[method(card)]}")


def measure_text(card: Card, value: float | None) -> str:
    if value is None:
        return "—"
    return decimal(value, signed=True) if method(card) == GAP else decimal(value, 2)


def short_label(card: Card, key: object) -> str:
    """A group's name shortened for a narrow card ('Black/Afr. American'), crossed parts each."""
    grouping = card.indicator.grouping
    parts = [t(f"scorecard.short.{SHORT[(d.key, k)]}") if (d.key, k) in SHORT else group_label(d, k)
             for d, k in zip(grouping.dimensions, grouping.parts(key), strict=True)]
    return PART.join(parts)


def kind_text(kind: str) -> str:
    """'leading' or 'lagging' in the reader's language."""
    return t(f"scorecard.kind.{kind}")


def direction_word(card: Card) -> str:
    """'better', 'worse' or 'no change' since the baseline, in the reader's language."""
    return t(f"scorecard.{ {True: 'better', False: 'worse', None: 'no_change'}[card.improving]}")


def change_words(card: Card) -> str:
    """The change since the baseline in words, not colour alone: '▲ 2.1 pts, better'; '' without one."""
    if card.change is None:
        return ""
    arrow = "▲" if card.change > 0 else "▼" if card.change < 0 else "="
    points = t("scorecard.pts") if card.indicator.rule.is_rate else ""
    return f"{arrow} {decimal(abs(card.change), 1)}{' ' + points if points else ''}, {direction_word(card)}"


def value_text(card: Card) -> str:
    """All students' latest value: '23.4%', or 'hidden'."""
    if card.latest is None:
        return t("scorecard.hidden")
    return figure(card.latest, card.indicator.rule.is_rate)


def headline(card: Card) -> Markup:
    """All students' latest value and its change since the baseline term, arrow and words, not colour alone."""
    look = {True: "better", False: "worse", None: "same"}[card.improving]
    return fragment("card_head.html", value=value_text(card), change=change_words(card), look=look,
                    since=t("scorecard.since", term=card.baseline_term))


def card_html(card: Card, heading: str) -> Markup:
    """A card's body: headline, the finding in one sentence, and the table of groups."""
    return headline(card) + fragment("card_note.html", note=finding_text(card)) \
        + card_table(card, heading)


def card_table(card: Card, heading: str) -> Markup:
    """The card's groups as a small HTML table; hidden groups in grey italics, saying why."""
    rows = []
    for g in card.groups:
        name = short_label(card, g.key)
        if g.hidden:
            rows.append({"name": name, "why": t("scorecard.hidden_small" if g.small else "scorecard.hidden_protects")})
            continue
        mark = (" ⚑" if g.flagged else "") + (" " + t("scorecard.alt") if g.alternate else "")
        measure = measure_text(card, g.measure) if g.measure is not None else blank(g)
        rows.append({"name": name, "why": None, "flagged": g.flagged, "figure": measure + mark,   # "—": a small risk
                     "value": "—" if g.value is None else figure(g.value, card.indicator.rule.is_rate)})
    short = t(f"scorecard.short_measure.{MEASURE_KEYS[method(card)]}")
    return fragment("card_table.html", rows=rows, heads=(heading, t("column.value"), short))


def blank(g: GroupFigure) -> str:
    """Why a shown group has no ratio, in a word or two ('too few'); a dash when there is no reason."""
    return t(BLANKS[g.method]) if g.method in BLANKS else "—"


def hidden_text(card: Card, g: GroupFigure) -> str:
    """'yes — Hidden: fewer than 10 students.' for a hidden group, '' for a shown one."""
    if not g.hidden:
        return ""
    # A group whose size is shown had only its count hidden (the complementary rule on risk counts).
    note = t("risk.note.count_complement") if g.n is not None else hidden_note(g.reason, card.min_n)
    return f"{t('word.yes')} — {note}"


def goal_text(status: str) -> str:
    """A goal status as a word: 'On track', 'En camino'; 'No goal' when none is set."""
    return t("scorecard.no_goal" if status == NO_GOAL else f"goal.{status.replace(' ', '_')}")


def column_names() -> dict[str, str]:
    """The headers of the table of every figure, by role ('value' → 'Value', 'Valor')."""
    return {c: t(f"scorecard.column.{c}") for c in COLUMNS}


KINDS = {"n": COUNT, "value": VALUE, "measure_value": INDEX}


def cards_table(cards: list[Card]) -> Table:
    """Every card's groups as one table: the accessible version of the scorecard, shown and downloaded as one."""
    names, rows = column_names(), []
    for card in cards:
        ind = card.indicator
        for g in card.groups:
            rows.append((ind.name(), kind_text(ind.kind), grouping_name(ind.grouping),
                         card.latest_term, grouping_group(ind.grouping, g.key), g.n, g.value,
                         measure_name(card), g.measure, t("word.yes") if g.flagged else "",
                         hidden_text(card, g)))
    return Table(tuple(Column(names[c], KINDS.get(c, TEXT)) for c in COLUMNS), tuple(rows))


def scorecard_chart(cards: list[Card]) -> alt.LayerChart | None:
    """Each indicator's change since its baseline term as a bar from zero, labelled with the figure and
    'better' or 'worse' in words (colour repeats it); None when no indicator has a change to show."""
    rows = [{"indicator": c.indicator.name(), "change": round(c.change, 1), "end": max(c.change, 0.0),
             "word": direction_word(c),
             "label": f"{decimal(c.change, 1, signed=True)} ({direction_word(c)})"}
            for c in cards if c.change is not None]
    if not rows:
        return None
    data = pd.DataFrame(rows)
    words = [t(f"scorecard.{w}") for w in ("better", "worse", "no_change")]
    y = alt.Y("indicator:N", sort=[r["indicator"] for r in rows], title=None, axis=alt.Axis(labelLimit=300))
    changes = [r["change"] for r in rows]
    room = max(1.0, max(changes) - min(0.0, *changes)) * 0.35      # to the right of the longest bar, for its label
    scale = alt.Scale(domain=[min(0.0, *changes) * 1.1, max(0.0, *changes) + room], nice=False)
    x = alt.X("change:Q", title=t("scorecard.chart.axis"), scale=scale)
    bars = alt.Chart(data).mark_bar(size=16).encode(
        x=x, x2=alt.datum(0), y=y,
        color=alt.Color("word:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=words, range=[BLUE, ORANGE, GREY])),
        tooltip=[alt.Tooltip("indicator:N", title=t("scorecard.column.indicator")),
                 alt.Tooltip("change:Q", title=t("scorecard.chart.axis"), format="+.1f")])
    labels = alt.Chart(data).mark_text(align="left", dx=6).encode(x=alt.X("end:Q", scale=scale), y=y,
                                                                  text="label:N")
    zero = alt.Chart(pd.DataFrame({"at": [0.0]})).mark_rule(color=GREY).encode(x="at:Q")
    title = t("scorecard.chart.title")
    return alt.layer(bars, labels, zero).properties(
        title=title, height=alt.Step(30), width="container", description=t("chart.bar_description", title=title))
