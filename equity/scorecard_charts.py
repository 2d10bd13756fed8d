"""Small charts and tables for scorecard cards: one bar per group with its figure printed beside it, so a
card reads at a glance in a meeting and needs no colour to be understood; hidden groups are listed as
hidden, with their size class, never left out."""

import altair as alt
import pandas as pd

from equity.charts import BLUE, GREY, ORANGE
from equity.scorecard import COMPOSITION, GAP, RISK_RATIO, Card

MEASURE_NAMES = {GAP: "Gap vs all (pts)", RISK_RATIO: "Risk ratio", COMPOSITION: "Composition index"}


def measure_text(card: Card, value: float | None) -> str:
    if value is None:
        return ""
    method = card.indicator.method if card.indicator.rule.is_rate else GAP
    if method == GAP:
        return f"{value:+.1f}"
    return f"{'RR' if method == RISK_RATIO else 'CI'} {value:.2f}"


def card_chart(card: Card) -> alt.LayerChart:
    unit = "%" if card.indicator.rule.is_rate else ""
    rows = []
    for g in card.groups:
        if g.hidden:
            text = "hidden (small group)" if "fewer" in g.note else "hidden (protects a small group)"
        else:
            text = f"{g.value:.1f}{unit}" + (f" · {measure_text(card, g.measure)}" if g.measure is not None else "")
            text += " ⚑" if g.flagged else ""
        rows.append({"group": g.label, "value": g.value, "at": g.value or 0, "text": text, "n": g.n,
                     "status": "Flagged" if g.flagged else "Shown", "hidden": g.hidden})
    data = pd.DataFrame(rows, columns=["group", "value", "at", "text", "n", "status", "hidden"])
    top = 100 if card.indicator.rule.is_rate else max([v for v in data["value"] if pd.notna(v)] or [1]) * 1.1
    y = alt.Y("group:N", sort=[g.label for g in card.groups], title=None,
              axis=alt.Axis(labelLimit=150, labelFontSize=11))
    x = alt.X("value:Q", title=None, scale=alt.Scale(domain=[0, top]), axis=None)
    bars = alt.Chart(data).mark_bar(size=12).encode(
        x=x, y=y, color=alt.Color("status:N", legend=None,
                                  scale=alt.Scale(domain=["Flagged", "Shown"], range=[ORANGE, BLUE])),
        tooltip=["group:N", "n:Q", "text:N"])
    labels = alt.Chart(data).mark_text(align="left", dx=3, fontSize=11).encode(
        x=alt.X("at:Q", scale=alt.Scale(domain=[0, top]), axis=None),
        y=y, text="text:N", color=alt.condition("datum.hidden", alt.value(GREY), alt.value("black")))
    layers = [bars, labels]
    if card.latest is not None:
        line = pd.DataFrame({"value": [card.latest]})
        layers.append(alt.Chart(line).mark_rule(color=ORANGE, strokeDash=[4, 2]).encode(x=x))
    return alt.layer(*layers).properties(height=alt.Step(17), width="container",
                                         description=f"{card.indicator.label} by group")


def cards_frame(cards: list[Card]) -> pd.DataFrame:
    """Every card's groups as one table: the accessible, exportable version of the scorecard."""
    rows = []
    for card in cards:
        ind = card.indicator
        method = ind.method if ind.rule.is_rate else GAP
        for g in card.groups:
            rows.append({"Indicator": ind.label, "Type": ind.kind, "By": ind.grouping.label, "Term": card.latest_term,
                         "Group": g.label, "n": g.n, "Value": g.value, "Measure": MEASURE_NAMES[method],
                         "Measure value": g.measure, "Flagged": "yes" if g.flagged else "",
                         "Hidden": "yes — " + g.note if g.hidden else ""})
    return pd.DataFrame(rows)
