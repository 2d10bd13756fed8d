"""Survey results as a heat table (items × groups, every cell printing its percent or 'hidden') and the
long table behind it, from the per-item counts only."""

import textwrap

import altair as alt
import pandas as pd

from equity.survey import SurveyResults

ALL = "All respondents"


def survey_frame(results: SurveyResults) -> pd.DataFrame:
    rows = []
    for item in results.items:
        for figure in (item.overall, *item.groups):
            rows.append({"Item": item.item.label, "Group": figure.label, "n": figure.n,
                         "% favourable": figure.percent, "Hidden": "yes — " + figure.note if figure.hidden else ""})
    return pd.DataFrame(rows, columns=["Item", "Group", "n", "% favourable", "Hidden"])


def survey_heat(results: SurveyResults) -> alt.LayerChart:
    data = survey_frame(results)
    data["text"] = [f"{p:.0f}%" if pd.notna(p) else "hidden" for p in data["% favourable"]]
    data["row"] = ["\n".join(textwrap.wrap(item, 48)[:2]) for item in data["Item"]]
    columns = list(dict.fromkeys(data["Group"]))
    rows = list(dict.fromkeys(data["row"]))
    x = alt.X("Group:N", sort=columns, title=None, axis=alt.Axis(labelAngle=0, labelLimit=140, orient="top"))
    y = alt.Y("row:N", sort=rows, title=None, axis=alt.Axis(labelLimit=360, labelExpr="split(datum.label, '\\n')"))
    cells = alt.Chart(data).mark_rect(stroke="white").encode(
        x=x, y=y, color=alt.Color("% favourable:Q", scale=alt.Scale(scheme="blues", domain=[0, 100]),
                                  title="% favourable"),
        tooltip=["Item:N", "Group:N", "n:Q", alt.Tooltip("% favourable:Q", format=".1f")])
    text = alt.Chart(data).mark_text(fontSize=12).encode(
        x=x, y=y, text="text:N",
        color=alt.condition("datum['% favourable'] > 60", alt.value("white"), alt.value("black")))
    title = f"Percent favourable by {results.grouping.label.lower()}"
    return alt.layer(cells, text).properties(title=title, width="container", height=alt.Step(40),
                                             description=f"Heat table of {title}.")
