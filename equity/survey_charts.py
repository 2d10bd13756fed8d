"""Survey results as a heat table (items × groups, every cell printing its percent or 'hidden') and the
long table behind it, from the per-item counts only."""

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


def item_codes(results: SurveyResults) -> dict[str, str]:
    """Q1, Q2 … for each item's text: column headings that fit however long the questions are."""
    return {item.item.label: f"Q{i}" for i, item in enumerate(results.items, start=1)}


def survey_heat(results: SurveyResults) -> alt.LayerChart:
    """Groups down, items across (as Q1, Q2 …), so crossed groups add rows rather than squeeze columns."""
    data = survey_frame(results)
    codes = item_codes(results)
    data["text"] = [f"{p:.0f}%" if pd.notna(p) else "hidden" for p in data["% favourable"]]
    data["column"] = [codes[item] for item in data["Item"]]
    rows = list(dict.fromkeys(data["Group"]))
    x = alt.X("column:N", sort=list(codes.values()), title=None, axis=alt.Axis(labelAngle=0, orient="top"))
    y = alt.Y("Group:N", sort=rows, title=None, axis=alt.Axis(labelLimit=320))
    cells = alt.Chart(data).mark_rect(stroke="white").encode(
        x=x, y=y, color=alt.Color("% favourable:Q", scale=alt.Scale(scheme="blues", domain=[0, 100]),
                                  title="% favourable"),
        tooltip=["Item:N", "Group:N", "n:Q", alt.Tooltip("% favourable:Q", format=".1f")])
    text = alt.Chart(data).mark_text(fontSize=12).encode(
        x=x, y=y, text="text:N",
        color=alt.condition("datum['% favourable'] > 60", alt.value("white"), alt.value("black")))
    title = f"Percent favourable by {results.grouping.label.lower()}"
    return alt.layer(cells, text).properties(title=title, width="container", height=alt.Step(28),
                                             description=f"Heat table of {title}.")
