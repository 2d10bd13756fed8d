"""Altair charts built from the small aggregate only (never student rows), readable without colour.

The palette is Okabe-Ito (safe for colour-blind readers); meaning is also carried by text: a gap that is
larger than chance is labelled, and suppressed groups are listed by name with why they are hidden.
"""

import altair as alt
import pandas as pd

from equity.crosstab import CrossTable
from equity.metrics import Breakdown

BLUE, ORANGE, GREY = "#0072B2", "#E69F00", "#999999"
LARGER_THAN_CHANCE = "Gap larger than chance"
COULD_BE_CHANCE = "Gap could be chance"


def breakdown_frame(result: Breakdown) -> pd.DataFrame:
    """The table behind the gap chart: one row per group, hidden groups included with their note."""
    rows = []
    for g in result.groups:
        rows.append({
            "Group": g.label, "n": g.n, "Value": g.value, "Gap": g.gap,
            "95% low": g.ci[0] if g.ci else None, "95% high": g.ci[1] if g.ci else None,
            "Gap beyond chance": None if g.distinguishable is None else ("yes" if g.distinguishable else "no"),
            "Hidden": "yes — " + g.note if g.suppressed else "",
        })
    return pd.DataFrame(rows)


def gap_chart(result: Breakdown) -> alt.LayerChart:
    """Bars per group with their 95% interval and the comparison drawn as a line (or a tick per group)."""
    unit = "%" if result.rule.is_rate else ""
    rows = []
    for g in result.shown():
        comparison = g.value - g.gap if g.gap is not None else None
        rows.append({"group": g.label, "value": round(g.value, 2), "low": round(g.ci[0], 2),
                     "high": round(g.ci[1], 2), "gap": None if g.gap is None else round(g.gap, 2),
                     "comparison": comparison, "n": g.n,
                     "status": LARGER_THAN_CHANCE if g.distinguishable else COULD_BE_CHANCE,
                     "label": f"{g.value:.1f}{unit}" + (" ◆" if g.distinguishable else "")})
    data = pd.DataFrame(rows, columns=["group", "value", "low", "high", "gap", "comparison", "n", "status",
                                       "label"])
    order = [g.label for g in result.shown()]
    y = alt.Y("group:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    top = 100 if result.rule.is_rate else None
    x_scale = alt.Scale(domain=[0, top]) if top else alt.Scale(zero=False)
    what = f"{result.outcome} ({result.rule.describe()})" if result.rule.is_rate else f"Average {result.outcome}"
    base = alt.Chart(data)
    bars = base.mark_bar().encode(
        x=alt.X("value:Q", title=what + (" — % of students" if unit else ""), scale=x_scale),
        y=y,
        color=alt.Color("status:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=[LARGER_THAN_CHANCE, COULD_BE_CHANCE], range=[BLUE, GREY])),
        tooltip=[alt.Tooltip("group:N", title="Group"), alt.Tooltip("n:Q"),
                 alt.Tooltip("value:Q", title="Value", format=".1f"),
                 alt.Tooltip("gap:Q", title="Gap", format="+.1f"),
                 alt.Tooltip("low:Q", title="95% low", format=".1f"),
                 alt.Tooltip("high:Q", title="95% high", format=".1f")],
    )
    whiskers = base.mark_rule(color="black").encode(x="low:Q", x2="high:Q", y=y)
    labels = base.mark_text(align="left", dx=4, dy=-8, fontSize=11).encode(x="high:Q", y=y, text="label:N")
    layers = [bars, whiskers, labels]
    overall = result.overall_value
    if result.compare == "all" and overall is not None:
        line = pd.DataFrame({"comparison": [overall], "name": [f"All students: {overall:.1f}{unit}"]})
        layers.append(alt.Chart(line).mark_rule(color=ORANGE, strokeDash=[6, 3], size=2).encode(x="comparison:Q"))
        layers.append(alt.Chart(line).mark_text(color="black", align="left", dx=4, dy=-6, baseline="bottom")
                      .encode(x="comparison:Q", y=alt.value(0), text="name:N"))
    else:
        layers.append(base.mark_tick(color=ORANGE, thickness=3, size=30).encode(x="comparison:Q", y=y))
    title = f"{what} by {result.dimension.label.lower()}, compared with {result.comparison_label()}"
    return alt.layer(*layers).properties(
        title=alt.TitleParams(title, subtitle=["Black lines: 95% intervals. ◆ = gap larger than chance. "
                                               f"Groups under {result.min_n} students are hidden."]),
        height=alt.Step(34), width="container",
        description=f"Bar chart of {title}.",
    )


def crosstab_frame(table: CrossTable) -> pd.DataFrame:
    """The table behind the heat table: one row per cell, hidden cells included with their note."""
    return pd.DataFrame([{table.first.label: c.first_label, table.second.label: c.second_label, "n": c.n,
                          "Value": c.value, "Gap vs all students": c.gap,
                          "Hidden": "yes — " + c.note if c.suppressed else ""} for c in table.cells])


def heat_table(table: CrossTable) -> alt.LayerChart:
    """A grid of cells coloured by value, every cell also printing its figure (or why it is hidden)."""
    unit = "%" if table.rule.is_rate else ""
    data = pd.DataFrame([{
        "row": c.first_label, "column": c.second_label, "value": c.value, "n": c.n,
        "text": f"{c.value:.1f}{unit}\nn={c.n}" if not c.suppressed else f"hidden\n(n<{table.min_n})"
        if c.n < table.min_n else "hidden",
    } for c in table.cells], columns=["row", "column", "value", "n", "text"])
    rows = list(dict.fromkeys(c.first_label for c in table.cells))
    columns = list(dict.fromkeys(c.second_label for c in table.cells))
    x = alt.X("column:N", sort=columns, title=table.second.label, axis=alt.Axis(labelAngle=0, labelLimit=200))
    y = alt.Y("row:N", sort=rows, title=table.first.label, axis=alt.Axis(labelLimit=260))
    what = f"{table.outcome} ({table.rule.describe()})" if table.rule.is_rate else f"Average {table.outcome}"
    cells = alt.Chart(data).mark_rect(stroke="white").encode(
        x=x, y=y,
        color=alt.Color("value:Q", title=what, scale=alt.Scale(scheme="blues")),
        tooltip=["row:N", "column:N", "n:Q", alt.Tooltip("value:Q", format=".1f")],
    )
    text = alt.Chart(data).mark_text(fontSize=12, lineBreak="\n").encode(
        x=x, y=y, text="text:N",
        color=alt.condition("datum.value > 60", alt.value("white"), alt.value("black")),
    )
    title = f"{what}: {table.first.label.lower()} × {table.second.label.lower()}"
    return alt.layer(cells, text).properties(title=title, width="container", height=alt.Step(44),
                                             description=f"Heat table of {title}.")
