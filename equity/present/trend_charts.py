"""Charts over terms: an outcome by group, its gaps, and a goal's path. Built from the small per-term
aggregates only, readable without colour (each line is labelled at its end).

Terms sit at x = 0, 1, 2 … with their names as axis labels, so a dated intervention can be drawn between the
two measurements it came between (terms.position). A hidden (suppressed) figure is a hole in its line,
never a zero: the line is cut into segments around it and a grey × marks the term at the foot of the chart.
"""

import json
from collections.abc import Sequence

import altair as alt
import pandas as pd

from equity.data.normalize import NOT_REPORTED
from equity.model import terms as term_order
from equity.plans import goals as goal_math
from equity.plans.interventions import Marker, stage_label
from equity.present.tables import COUNT, GAP, VALUE, Column, Table
from equity.stats.trends import Point, Trend
from equity.words.i18n import t
from equity.words.labels import dimension_label, measure_text, rule_text

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#882255")
SHAPES = ("circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "wedge", "stroke")
BLACK, GREY, ORANGE, BLUE = "#000000", "#999999", "#E69F00", "#0072B2"
HEIGHT = 480            # the whole chart: title, plot and legend
END_LABELS = 5          # label lines at their end when there are at most this many (else the legend)
ACTUAL, PATH, PACE = "trends.series_actual", "trends.series_path", "trends.series_pace"    # catalogue keys
FIXED = {"compare.all_title": (BLACK, "circle"), f"label.{NOT_REPORTED}": (GREY, "circle"),
         ACTUAL: (BLUE, "circle"), PATH: (BLACK, "diamond"), PACE: (ORANGE, "triangle-up")}


def fixed_styles() -> dict[str, tuple[str, str]]:
    """Colour and shape of the series every chart draws alike, keyed by their names in the reader's language."""
    return {t(key): style for key, style in FIXED.items()}


def trend_table(trend: Trend) -> Table:
    """The table behind the trend charts, for the screen and its downloads: one row per term and group, all
    students first; a hidden figure and its size blank, with why in the note (as a term without a result)."""
    rate = trend.rule.is_rate
    unit = "%" if rate else ""
    columns = (Column(t("column.term")), Column(t("column.group")),
               Column(t("column.students"), COUNT),
               Column(t("column.value_rate" if rate else "column.value_mean"), VALUE, unit),
               Column(t("column.gap_vs", comparison=trend.comparison_label()), GAP),
               Column(t("column.note")))
    series = [(t("compare.all_title"), trend.overall()),
              *((label, trend.series(key)) for key, label in trend.groups())]
    return Table(columns, tuple((p.term, label, p.n, p.value, p.gap, p.note if p.value is None else "")
                                for label, points in series for p in points))


def hidden_count(table: Table) -> int:
    """How many of a trend table's figures are hidden: those whose size is blank (a term without a result has
    a size of none, 0)."""
    return sum(row[2] is None for row in table.rows)


def axis_title(rate: bool) -> str:
    return t("trends.axis_rate" if rate else "trends.axis_mean")


def what(trend: Trend) -> str:
    if trend.rule.is_rate:
        return t("trends.what_rate", outcome=trend.outcome, rule=rule_text(trend.rule))
    return measure_text(trend.outcome, trend.rule)


def _axis(labels: Sequence[str]) -> alt.X:
    """A numeric x axis labelled with term names at the whole numbers."""
    names = json.dumps(list(labels))
    return alt.X("x:Q", title=None, scale=alt.Scale(domain=[-0.6, max(len(labels) - 1, 1) + 0.6], nice=False),
                 axis=alt.Axis(values=list(range(len(labels))), labelExpr=f"{names}[datum.value]", grid=False,
                               labelAngle=0, labelFontSize=12))


def _rows(name: str, points: Sequence[Point], axis: Sequence[str], field: str = "value") -> list[dict]:
    """One row per shown figure; `segment` changes after every hidden one, so lines stop at the holes."""
    rows, segment = [], 0
    for p in points:
        y = getattr(p, field)
        if y is None:
            segment += 1
            continue
        rows.append({"x": axis.index(p.term), "term": p.term, "series": name, "y": round(y, 2), "n": p.n,
                     "segment": f"{name}#{segment}"})
    return rows


def _holes(name: str, points: Sequence[Point], axis: Sequence[str], field: str = "value"
           ) -> list[dict]:
    return [{"x": axis.index(p.term), "term": p.term, "series": name, "note": p.note or t("trends.no_figure")}
            for p in points if getattr(p, field) is None and p.n != 0]


def _style(names: Sequence[str]) -> tuple[alt.Color, alt.Shape, alt.Scale]:
    """Colour and point shape per series, so lines differ without colour too; all students black, Not reported
    grey, the same group the same colour in every chart of a trend."""
    colours, shapes, i = [], [], 0
    fixed = fixed_styles()
    for name in names:
        if name in fixed:
            colours.append(fixed[name][0])
            shapes.append(fixed[name][1])
            continue
        colours.append(PALETTE[i % len(PALETTE)])
        shapes.append(SHAPES[i % len(SHAPES)])
        i += 1
    legend = alt.Legend(orient="bottom", columns=4, labelLimit=260, title=None)
    scale = alt.Scale(domain=list(names), range=colours)
    return (alt.Color("series:N", title=None, scale=scale, legend=legend),
            alt.Shape("series:N", title=None, scale=alt.Scale(domain=list(names), range=shapes), legend=legend),
            scale)


def _lines(rows: list[dict], names: Sequence[str], x: alt.X, y_title: str, dashed: Sequence[str] = ()) -> list:
    data = pd.DataFrame(rows, columns=["x", "term", "series", "y", "n", "segment"])
    color, shape, scale = _style(names)
    base = alt.Chart(data)
    y = alt.Y("y:Q", title=y_title, scale=alt.Scale(zero=False))
    dash = alt.condition(alt.FieldOneOfPredicate(field="series", oneOf=list(dashed)), alt.value([6, 3]),
                         alt.value([1, 0])) if dashed else alt.value([1, 0])
    tooltip = [alt.Tooltip("series:N", title=t("column.group")),
               alt.Tooltip("term:N", title=t("column.term")),
               alt.Tooltip("y:Q", title=t("column.value"), format=".1f"), alt.Tooltip("n:Q")]
    lines = base.mark_line(strokeWidth=2.5).encode(x=x, y=y, color=color, detail="segment:N", strokeDash=dash)
    points = base.mark_point(filled=True, size=70, opacity=1).encode(x=x, y=y, color=color, shape=shape,
                                                                     tooltip=tooltip)
    layers = [lines, points]
    if len(names) <= END_LABELS and len(data):
        last = data.sort_values("x").groupby("series", as_index=False).last()
        layers.append(alt.Chart(last).mark_text(align="left", dx=8, fontSize=11).encode(
            x=x, y=y, color=alt.Color("series:N", scale=scale, legend=None), text="series:N"))
    return layers


def _hole_marks(holes: list[dict], x: alt.X) -> list:
    if not holes:
        return []
    data = pd.DataFrame(holes)
    tooltip = [alt.Tooltip("series:N", title=t("column.group")),
               alt.Tooltip("term:N", title=t("column.term")),
               alt.Tooltip("note:N", title=t("column.hidden"))]
    return [alt.Chart(data).mark_text(text="×", fontSize=16, color=GREY, baseline="bottom").encode(
        x=x, y=alt.value({"expr": "height - 2"}), tooltip=tooltip)]


def _marker_marks(markers: Sequence[Marker], x: alt.X) -> list:
    """Interventions as dashed rules with a short dated label, staggered on three rows so labels do not
    overlap (one layer per row: a pixel position cannot come from the data without sharing the y scale)."""
    if not markers:
        return []
    data = pd.DataFrame([{"x": m.x, "label": f"{m.date} {m.title[:28]}", "stage": stage_label(m.stage),
                          "title": m.title, "date": m.date, "row": i % 3} for i, m in enumerate(markers)])
    tooltip = [alt.Tooltip("date:N", title=t("trends.tooltip_date")),
               alt.Tooltip("stage:N", title=t("trends.tooltip_stage")),
               alt.Tooltip("title:N", title=t("trends.tooltip_intervention"))]
    layers = [alt.Chart(data).mark_rule(color="#555555", strokeDash=[2, 3]).encode(x=x, tooltip=tooltip)]
    for row in sorted(data["row"].unique()):
        layers.append(alt.Chart(data[data["row"] == row]).mark_text(align="left", dx=3, fontSize=10,
                                                                   color="#333333").encode(
            x=x, y=alt.value(8 + 13 * int(row)), text="label:N", tooltip=tooltip))
    return layers


def trend_chart(trend: Trend, markers: Sequence[Marker] = (), gaps: bool = False
                ) -> alt.LayerChart:
    """Lines per group across terms, with all students (or the gap to the comparison when `gaps`)."""
    axis = trend.terms
    field = "gap" if gaps else "value"
    everyone = t("compare.all_title")
    series = [(label, trend.series(key)) for key, label in trend.groups()]
    if not gaps:
        series.insert(0, (everyone, trend.overall()))
    rows = [r for name, points in series for r in _rows(name, points, axis, field)]
    holes = [h for name, points in series for h in _holes(name, points, axis, field)]
    names = [name for name, _ in series]
    x = _axis(axis)
    rate = trend.rule.is_rate
    y_title = t("trends.gap_axis_rate" if rate else "trends.gap_axis_mean",
                comparison=trend.comparison_label()) if gaps else axis_title(rate)
    layers = _lines(rows, names, x, y_title, [everyone]) + _hole_marks(holes, x)
    if gaps:
        layers.insert(0, alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color=GREY).encode(y="y:Q"))
    layers += _marker_marks(markers, x)
    title = trend_title(trend, gaps)
    return alt.layer(*layers).properties(height=HEIGHT, width="container",
                                         description=t("trends.chart_description", title=title))


def trend_title(trend: Trend, gaps: bool = False) -> str:
    """What a trend chart shows, for the heading above it; crossed groups read 'race/ethnicity × income'."""
    dimensions = (trend.dimension, *((trend.second,) if trend.second else ()))
    by = " × ".join(dimension_label(d).lower() for d in dimensions)
    if gaps:
        return t("trends.gap_title", what=what(trend), dimension=by,
                 comparison=trend.comparison_label())
    return t("trends.title", what=what(trend), dimension=by)


def goal_axis(evaluation: goal_math.Evaluation) -> tuple[str, ...]:
    """Loaded terms, the goal's terms, and the projected term when it can be named and is near."""
    goal = evaluation.goal
    known = tuple(p.term for p in evaluation.actual)
    path = [term for term, _ in goal_math.trajectory(goal, known)]
    extra = []
    projected = evaluation.projection.term
    if projected and evaluation.projection.terms_needed and len(term_order.sequence(goal.target_term, projected,
                                                                                    known)) <= 6:
        extra.append(projected)
    return term_order.ordered([*known, *path, *extra])


def goal_table(evaluation: goal_math.Evaluation) -> Table:
    """The goal chart's figures term by term, its text version: students, the actual figure (a hidden one as a
    dash, with why), and the target on the goal's path."""
    goal = evaluation.goal
    actual = {p.term: p for p in evaluation.actual}
    path = dict(goal_math.trajectory(goal, tuple(actual)))
    kind = GAP if goal.measure == goal_math.GAP else VALUE
    unit = "%" if goal.rule.is_rate and kind == VALUE else ""
    columns = (Column(t("column.term")), Column(t("column.students"), COUNT), Column(t(ACTUAL), kind, unit),
               Column(t(PATH), kind, unit), Column(t("column.note")))
    rows = []
    for term in goal_axis(evaluation):
        point = actual.get(term)
        note = point.note if point and point.value is None else ""
        rows.append((term, point and point.n, point and point.value, path.get(term), note))
    return Table(columns, tuple(rows))


def goal_chart(evaluation: goal_math.Evaluation, markers: Sequence[Marker] = ()
               ) -> alt.LayerChart:
    """The goal's interim targets, its target, the actual figures and where the current pace leads."""
    goal = evaluation.goal
    axis = goal_axis(evaluation)
    x = _axis(axis)
    known = tuple(p.term for p in evaluation.actual)
    actual, path, pace = (t(key) for key in (ACTUAL, PATH, PACE))
    rows = _rows(actual, evaluation.actual, axis)
    rows += [{"x": axis.index(term), "term": term, "series": path, "y": round(v, 2), "n": None, "segment": path}
             for term, v in goal_math.trajectory(goal, known)]
    projection = evaluation.projection
    if projection.term in axis and evaluation.current is not None and projection.terms_needed:
        rows += [{"x": axis.index(term), "term": term, "series": pace, "y": round(v, 2), "n": None,
                  "segment": pace}
                 for term, v in ((evaluation.current_term, evaluation.current), (projection.term, goal.target))]
    if goal.measure == goal_math.GAP:
        y_title = t("trends.goal_gap_axis_rate" if goal.rule.is_rate else "trends.goal_gap_axis_mean")
    else:
        y_title = axis_title(goal.rule.is_rate)
    names = [n for n in (actual, path, pace) if any(r["series"] == n for r in rows)]
    layers = _lines(rows, names, x, y_title, [path, pace])
    layers += _hole_marks(_holes(actual, evaluation.actual, axis), x)
    target = pd.DataFrame([{"x": axis.index(goal.target_term), "y": goal.target,
                            "label": t("trends.target_label", value=goal.figure(goal.target))}])
    layers.append(alt.Chart(target).mark_point(shape="diamond", size=160, filled=True, color=BLACK)
                  .encode(x=x, y="y:Q"))
    layers.append(alt.Chart(target).mark_text(dy=-14, fontSize=11).encode(x=x, y="y:Q", text="label:N"))
    layers += _marker_marks(markers, x)
    return alt.layer(*layers).properties(
        height=HEIGHT - 80, width="container",
        description=t("trends.goal_description", title=goal.title, goal=goal_math.describe(goal)))
