"""The disproportionality table and chart, built from the per-group figures only (never student rows).

Ratios are drawn on a log scale, so 0.5 and 2 sit equally far from 1 (proportional); the flag threshold is a
dashed line, and every group without a ratio is still listed, with the reason, in the table.
"""

import altair as alt
import pandas as pd

from equity.present.charts import CHAR, GROUPS, text_column
from equity.present.palette import BLUE, GREY, VERMILLION
from equity.present.tables import COUNT, INDEX, TEXT, VALUE, Column, Table
from equity.stats.disproportionality import ALTERNATE, HIDDEN, NOT_COMPUTABLE, RATIO, TOO_FEW, Disproportionality
from equity.words.groupings import grouping_group, grouping_name
from equity.words.i18n import t
from equity.words.labels import measure_text
from equity.words.numbers import decimal

METHOD_KEYS = {RATIO: "ratio", ALTERNATE: "alternate", TOO_FEW: "too_few", NOT_COMPUTABLE: "not_computable",
               HIDDEN: "hidden"}
COLUMNS = ("group", "n", "count", "risk", "comparison_risk", "ratio", "method", "flagged", "composition", "note")


def method_text(method: str) -> str:
    """How a group's ratio was found: 'Risk ratio', 'Alternate risk ratio', 'Below cell or n-size' …"""
    return t(f"risk.method.{METHOD_KEYS[method]}")


def column_names() -> dict[str, str]:
    """The risk table's headers by role ('risk' → 'Risk %'), plus 'streak' for the terms flagged in a row."""
    return {c: t(f"risk.column.{c}") for c in (*COLUMNS, "streak")}


KINDS = {"group": TEXT, "n": COUNT, "count": COUNT, "risk": VALUE, "comparison_risk": VALUE, "ratio": INDEX,
         "method": TEXT, "streak": COUNT, "flagged": TEXT, "composition": INDEX, "note": TEXT}


def risk_table(result: Disproportionality, streaks: dict[object, int] | None = None) -> Table:
    """One row per group: size, count, risk, comparison risk, ratio, how it was found, flag, composition, and
    (with `streaks`) the terms in a row it has been flagged; the same table on screen and in its downloads."""
    names = column_names()
    keys = (*COLUMNS[:8], "streak", *COLUMNS[8:]) if streaks is not None else COLUMNS
    rows = []
    for g in result.groups:
        cells = dict(zip(COLUMNS, (grouping_group(result.grouping, g.key), g.n, g.count, g.risk,
                                   g.comparison_risk, g.ratio, method_text(g.method),
                                   t("word.yes") if g.flagged else "", g.composition, result.note(g)),
                         strict=True))
        cells["streak"] = streaks.get(g.key, 0) if streaks is not None else None
        rows.append(tuple(cells[k] for k in keys))
    return Table(tuple(Column(names[k], KINDS[k]) for k in keys), tuple(rows), (result.settings.describe(),))


RATIO_WIDTH = 420          # the bars' panel, in pixels; the ratios are printed in a column beside it


def ratio_chart(result: Disproportionality) -> alt.HConcatChart:
    """Each group's risk ratio as a bar from 1 (proportional) on a log scale, the flag's threshold dashed, and
    the ratio printed in a column of its own beside the bars, where no bar or dashed line can cross it."""
    threshold = decimal(result.settings.threshold, 1)
    flagged, calm = t("risk.chart.above", threshold=threshold), t("risk.chart.not_flagged")
    alternate = " " + t("risk.chart.alternate")
    rows = [{"group": grouping_group(result.grouping, g.key), "ratio": round(g.ratio, 3), "n": g.n,
             "risk": round(g.risk, 2), "status": flagged if g.flagged else calm,
             "label": decimal(g.ratio, 2) + (alternate if g.method == ALTERNATE else "")}
            for g in result.groups if g.ratio is not None]
    order = [r["group"] for r in rows]
    top = max([result.settings.threshold * 1.3, *(r["ratio"] * 1.2 for r in rows)])
    low = min([0.25, *(r["ratio"] * 0.8 for r in rows if r["ratio"] > 0)])
    scale = alt.Scale(type="log", domain=[low, top], nice=False)
    x = alt.X("ratio:Q", title=t("risk.chart.axis"), scale=scale)
    y = alt.Y("group:N", sort=order, title=None, axis=alt.Axis(labelLimit=300))
    bars = alt.Chart(alt.Data(name=GROUPS)).mark_bar(size=16).encode(
        x=x, x2=alt.datum(1), y=y,
        color=alt.Color("status:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=[flagged, calm], range=[VERMILLION, BLUE])),
        tooltip=[alt.Tooltip("group:N", title=t("column.group")), "n:Q",
                 alt.Tooltip("risk:Q", title=t("risk.column.risk"), format=".1f"),
                 alt.Tooltip("ratio:Q", title=t("risk.column.ratio"), format=".2f")])
    rules = alt.Chart(pd.DataFrame({"at": [1.0, result.settings.threshold]})).mark_rule(
        strokeDash=[6, 3], color=GREY).encode(x="at:Q")
    head = t("risk.column.ratio")
    printed = text_column(head, "label", CHAR * max(len(head), *(len(r["label"]) for r in rows)),
                          alt.Y("group:N", sort=order, axis=None))
    title = t("risk.chart.title", what=measure_text(result.outcome, result.rule),
              grouping=grouping_name(result.grouping).lower())
    # The dashed lines are named under the title, where no bar or label can cross their names, however close
    # the flag's threshold is to 1.
    lines = t("risk.chart.lines", proportional=t("risk.chart.proportional"),
              flag=t("risk.chart.flag_line", threshold=threshold))
    return alt.hconcat(
        alt.layer(bars, rules, width=RATIO_WIDTH, height=alt.Step(30)), printed.properties(height=alt.Step(30)),
        spacing=10, title=alt.TitleParams(title, subtitle=[lines]), datasets={GROUPS: rows},
        description=t("chart.bar_description", title=title),
        resolve=alt.Resolve(scale=alt.ScaleResolveMap(y="shared")))
