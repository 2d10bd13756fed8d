"""Compact group tables for scorecard cards, and every card's figures as one table.

A card must read at a glance in a meeting, in a quarter of the screen: a small HTML table (group, value, and
its gap, risk ratio or composition index) is denser than a chart and needs no colour to be understood.
Hidden groups stay listed, marked hidden, never left out.
"""

from html import escape

import pandas as pd

from equity.normalize import AIAN, BLACK, NHPI, TWO_OR_MORE
from equity.scorecard import COMPOSITION, GAP, RISK_RATIO, Card

MEASURE_NAMES = {GAP: "Gap vs all (pts)", RISK_RATIO: "Risk ratio", COMPOSITION: "Composition index"}
SHORT_HEADINGS = {GAP: "Gap", RISK_RATIO: "RR", COMPOSITION: "CI"}
SHORT_LABELS = {NHPI: "Nat. Hawaiian/Pac. Isl.", AIAN: "Am. Indian/Alaska Nat.", BLACK: "Black/Afr. American",
                TWO_OR_MORE: "Two or more races", "Students with disabilities": "With disabilities",
                "Students without disabilities": "Without disabilities"}
STYLE = ("<style>.card-table{width:100%;border-collapse:collapse;font-size:0.74rem;line-height:1.2}"
         ".card-table th{font-weight:600;text-align:right;border-bottom:1px solid #ccc;padding:1px 2px}"
         ".card-table th:first-child,.card-table td:first-child{text-align:left}"
         ".card-table td{text-align:right;padding:1px 2px;border-bottom:1px solid #eee;white-space:nowrap}"
         ".card-table td:first-child{white-space:normal}"
         ".card-table .hidden{color:#777;font-style:italic}.card-table .flag{font-weight:700;color:#b35900}"
         ".card-head{margin:0 0 2px 0;line-height:1.2}.card-head .v{font-size:1.9rem;font-weight:400}"
         ".card-head .d{font-size:0.85rem;padding:1px 5px;border-radius:4px;margin-left:6px}"
         ".card-head .better{background:#e6f4ea;color:#137333}.card-head .worse{background:#fce8e6;color:#a50e0e}"
         ".card-head .same{background:#f1f3f4;color:#555}.card-head .since{font-size:0.8rem;color:#666}"
         ".card-note{font-size:0.8rem;color:#555;margin:2px 0 6px 0;line-height:1.25}"
         "</style>")


def method(card: Card) -> str:
    return card.indicator.method if card.indicator.rule.is_rate else GAP


def measure_text(card: Card, value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:+.1f}" if method(card) == GAP else f"{value:.2f}"


def short_label(label: str) -> str:
    """A group's label shortened for a narrow card ('Black/African American'), crossed parts each."""
    return " · ".join(SHORT_LABELS.get(part, part) for part in label.split(" · "))


def headline(card: Card) -> str:
    """All students' latest value and its change since the baseline term, arrow and words, not colour alone."""
    unit, points = ("%", " pts") if card.indicator.rule.is_rate else ("", "")
    value = "hidden" if card.latest is None else f"{card.latest:.1f}{unit}"
    change = ""
    if card.change is not None:
        arrow = "▲" if card.change > 0 else "▼" if card.change < 0 else "="
        look = {True: "better", False: "worse", None: "same"}[card.improving]
        word = {True: "better", False: "worse", None: "no change"}[card.improving]
        change = f'<span class="d {look}" title="since {escape(card.baseline_term)}">{arrow} ' \
                 f'{abs(card.change):.1f}{points}, {word}</span>'

    return f'<div class="card-head"><span class="v">{value}</span>{change}</div>'


def card_html(card: Card, heading: str) -> str:
    """A card's body: headline, the finding in one sentence, and the table of groups."""
    return (headline(card) + f'<div class="card-note">{escape(card.largest)}</div>'
            + card_table(card, heading))


def card_table(card: Card, heading: str = "Group") -> str:
    """The card's groups as a small HTML table; values escaped, hidden groups in grey italics."""
    unit = "%" if card.indicator.rule.is_rate else ""
    rows = []
    for g in card.groups:
        name = escape(short_label(g.label))
        if g.hidden:
            why = "hidden: small group" if "fewer" in g.note else "hidden: protects a small group"
            rows.append(f'<tr class="hidden"><td>{name}</td><td colspan="2">{why}</td></tr>')
            continue
        flag = ' class="flag"' if g.flagged else ""
        mark = (" ⚑" if g.flagged else "") + (" (alt.)" if g.alternate else "")
        figure = measure_text(card, g.measure) if g.measure is not None else escape(g.blank or "—")
        rows.append(f"<tr><td>{name}</td><td>{g.value:.1f}{unit}</td><td{flag}>{figure}{mark}</td></tr>")
    head = f"<tr><th>{escape(heading)}</th><th>Value</th><th>{SHORT_HEADINGS[method(card)]}</th></tr>"
    return f'{STYLE}<table class="card-table"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def cards_frame(cards: list[Card]) -> pd.DataFrame:
    """Every card's groups as one table: the accessible, exportable version of the scorecard."""
    rows = []
    for card in cards:
        ind = card.indicator
        for g in card.groups:
            rows.append({"Indicator": ind.label, "Type": ind.kind, "By": ind.grouping.label, "Term": card.latest_term,
                         "Group": g.label, "n": g.n, "Value": g.value, "Measure": MEASURE_NAMES[method(card)],
                         "Measure value": g.measure, "Flagged": "yes" if g.flagged else "",
                         "Hidden": "yes — " + g.note if g.hidden else ""})
    return pd.DataFrame(rows)
