"""The disproportionality table and chart, built from the per-group figures only (never student rows).

Ratios are drawn on a log scale, so 0.5 and 2 sit equally far from 1 (proportional); the flag threshold is a
dashed line, and every group without a ratio is still listed, with the reason, in the table.
"""

import altair as alt
import pandas as pd

from equity.charts import BLUE, GREY, ORANGE
from equity.disproportionality import ALTERNATE, HIDDEN, NOT_COMPUTABLE, RATIO, TOO_FEW, Disproportionality

METHOD_WORDS = {RATIO: "Risk ratio", ALTERNATE: "Alternate risk ratio", TOO_FEW: "Below cell or n-size",
                NOT_COMPUTABLE: "Not computable", HIDDEN: "Hidden"}


def risk_frame(result: Disproportionality, streaks: dict[object, int] | None = None) -> pd.DataFrame:
    """One row per group: size, count, risk, comparison risk, ratio, how it was found, flag, composition, and
    (with `streaks`) the terms in a row it has been flagged."""
    frame = pd.DataFrame([{
        "Group": g.label, "n": g.n, "With outcome": g.count, "Risk %": g.risk,
        "Comparison risk %": g.comparison_risk, "Risk ratio": g.ratio, "Method": METHOD_WORDS[g.method],
        "Flagged": "yes" if g.flagged else "", "Composition index": g.composition, "Note": g.note,
    } for g in result.groups])
    if streaks is not None and len(frame):
        frame.insert(8, "Terms flagged in a row", [streaks.get(g.key, 0) for g in result.groups])
    return frame


def ratio_chart(result: Disproportionality) -> alt.LayerChart:
    rows = [{"group": g.label, "ratio": round(g.ratio, 3), "end": max(g.ratio, 1.0), "n": g.n, "risk": round(g.risk, 2),
             "status": f"Above {result.settings.threshold:.1f}" if g.flagged else "Not flagged",
             "label": f"{g.ratio:.2f}" + (" (alternate)" if g.method == ALTERNATE else "")}
            for g in result.groups if g.ratio is not None]
    data = pd.DataFrame(rows, columns=["group", "ratio", "end", "n", "risk", "status", "label"])
    order = [g.label for g in result.groups if g.ratio is not None]
    top = max([result.settings.threshold * 1.3, *(r["ratio"] * 1.2 for r in rows)])
    low = min([0.25, *(r["ratio"] * 0.8 for r in rows if r["ratio"] > 0)])
    scale = alt.Scale(type="log", domain=[low, top], nice=False)
    x = alt.X("ratio:Q", title="Risk ratio (1 = same risk as all other students; log scale)", scale=scale)
    y = alt.Y("group:N", sort=order, title=None, axis=alt.Axis(labelLimit=300))
    flagged = f"Above {result.settings.threshold:.1f}"
    points = alt.Chart(data).mark_bar(size=16).encode(
        x=x, x2=alt.datum(1), y=y,
        color=alt.Color("status:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=[flagged, "Not flagged"], range=[ORANGE, BLUE])),
        tooltip=["group:N", "n:Q", alt.Tooltip("risk:Q", title="Risk %", format=".1f"),
                 alt.Tooltip("ratio:Q", title="Risk ratio", format=".2f")])
    labels = alt.Chart(data).mark_text(align="left", dx=6).encode(x=alt.X("end:Q", scale=scale), y=y,
                                                                  text="label:N")
    lines = pd.DataFrame({"at": [1.0, result.settings.threshold],
                          "name": ["1 = proportional", f"flag above {result.settings.threshold:.1f}"]})
    rules = alt.Chart(lines).mark_rule(strokeDash=[6, 3], color=GREY).encode(x="at:Q")
    names = alt.Chart(lines).mark_text(align="left", dx=4, dy=-6, baseline="bottom").encode(
        x="at:Q", y=alt.value(0), text="name:N")
    title = f"{result.outcome} ({result.rule.describe()}): risk ratio by {result.grouping.label.lower()}"
    return alt.layer(points, labels, rules, names).properties(
        title=title, height=alt.Step(30), width="container", description=f"Bar chart of {title}.")
