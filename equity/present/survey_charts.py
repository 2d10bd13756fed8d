"""Survey results as a heat table (items × groups, every cell printing its percent or 'hidden') and the
tables behind it, from the per-item counts only, headed in the reader's language."""

import altair as alt
import pandas as pd

from equity.plans.survey import SurveyResults, grouping_phrase, item_code, item_name
from equity.present.tables import COUNT, TEXT, VALUE, Column, Table
from equity.words.i18n import t
from equity.words.numbers import percent


def survey_table(results: SurveyResults) -> Table:
    """One row per item and group: its n, percent favourable, and why it is hidden; the same table on screen and
    in its downloads."""
    kinds = {"item": TEXT, "group": TEXT, "n": COUNT, "favourable": VALUE, "hidden": TEXT}
    rows = []
    for result in results.items:
        for figure in (result.overall, *result.groups):
            hidden = t("survey.hidden_yes", note=figure.note) if figure.hidden else ""
            rows.append((item_name(result), figure.label, figure.n, figure.percent, hidden))
    return Table(tuple(Column(t(f"survey.column.{c}"), k) for c, k in kinds.items()), tuple(rows))


def codes_table(results: SurveyResults) -> Table:
    """Each item's code (as the heat table heads its columns) beside its question."""
    return Table((Column(t("survey.column.code")), Column(t("survey.column.question"))),
                 tuple((item_code(results, i), r.item.label) for i, r in enumerate(results.items)))


def _cells(results: SurveyResults) -> pd.DataFrame:
    """The heat table's data under fixed field names, whatever the language of its titles."""
    rows = []
    for index, result in enumerate(results.items):
        for figure in (result.overall, *result.groups):
            text = (percent(figure.percent, 0) if figure.percent is not None
                    else t("chart.hidden"))
            rows.append({"code": item_code(results, index), "item": item_name(result),
                         "group": figure.label, "n": figure.n, "percent": figure.percent, "text": text})
    return pd.DataFrame(rows, columns=["code", "item", "group", "n", "percent", "text"])


def survey_heat(results: SurveyResults) -> alt.LayerChart:
    """Groups down, items across (as Q1, Q2 …), so crossed groups add rows rather than squeeze columns."""
    data = _cells(results)
    favourable = t("survey.column.favourable")
    codes = [item_code(results, i) for i in range(len(results.items))]
    x = alt.X("code:N", sort=codes, title=None, axis=alt.Axis(labelAngle=0, orient="top"))
    y = alt.Y("group:N", sort=list(dict.fromkeys(data["group"])), title=None, axis=alt.Axis(labelLimit=320))
    cells = alt.Chart(data).mark_rect(stroke="white").encode(
        x=x, y=y, color=alt.Color("percent:Q", scale=alt.Scale(scheme="blues", domain=[0, 100]), title=favourable),
        tooltip=[alt.Tooltip("item:N", title=t("survey.column.item")),
                 alt.Tooltip("group:N", title=t("survey.column.group")),
                 alt.Tooltip("n:Q", title=t("survey.column.n")),
                 alt.Tooltip("percent:Q", format=".1f", title=favourable)])
    text = alt.Chart(data).mark_text(fontSize=12).encode(
        x=x, y=y, text="text:N", color=alt.condition("datum.percent > 60", alt.value("white"), alt.value("black")))
    title = t("survey.chart_title", by=grouping_phrase(results.grouping))
    return alt.layer(cells, text).properties(title=title, width="container", height=alt.Step(28),
                                             description=t("chart.heat_description", title=title))
