"""Altair charts built from the small aggregate only (never student rows), readable without colour.

The palette is Okabe-Ito (safe for colour-blind readers); meaning is also carried by text: a gap that is
larger than chance is labelled, and suppressed groups are listed by name with why they are hidden.
"""

import math
from textwrap import wrap

import altair as alt
import pandas as pd

from equity.model.dimensions import Dimension
from equity.model.rules import Rule
from equity.present.palette import BLUE, GREY, LIGHT, VERMILLION, ink, shade
from equity.present.tables import COUNT, GAP, VALUE, Column, Table
from equity.stats.crosstab import Cell, CrossTable
from equity.stats.entity import EntityComparison
from equity.stats.gap_flag_settings import DEFAULTS, FlagSettings
from equity.stats.gap_flags import Flag, Flags, flag
from equity.stats.metrics import Breakdown, GroupResult
from equity.stats.privacy import SMALL, coded_text, coded_value, coloured
from equity.stats.trends import Trend
from equity.words.gap_flags import flag_params
from equity.words.i18n import t
from equity.words.labels import (
    comparison_label,
    dimension_label,
    dimension_phrase,
    figure,
    group_label,
    hidden_note,
    measure_text,
    yes_no,
)
from equity.words.numbers import count, decimal
from equity.words.summary import ends, overall_ends

# Figures travel as named datasets of plain rows, channels are given as Altair objects rather than shorthand
# strings, and a layer's properties are given when it is made rather than through .properties(): Altair then
# neither sanitises a DataFrame per layer, nor searches its schema for each channel's class, nor validates the
# rows one property at a time, which was most of a click's time. The tests check the specs against the schema.
GROUPS, LINE, ZERO = "groups", "line", "zero"


def _versus_columns(first: str, figure: str) -> tuple[Column, ...]:
    return (Column(first), Column("n", COUNT), Column(figure, VALUE), Column(t("column.all_schools"), VALUE),
            Column(t("column.difference"), GAP), Column(t("column.beyond_chance")),
            Column(t("column.hidden")))


def _versus_cells(g, min_n: int) -> tuple:
    hidden = t("word.yes") + " — " + hidden_note(g.hidden.reason, min_n) if g.hidden else ""
    return g.n, g.value, g.everywhere, g.difference, yes_no(g.distinguishable), hidden


def entity_table(result: EntityComparison, dimension: Dimension) -> Table:
    """One school against all schools: per group, its students and figure at the school, the figure across every
    school, the difference and whether it is beyond chance; a hidden figure prints as the exports' dash, with why."""
    return Table(_versus_columns(t("column.group"), t("column.school_value", school=result.school)),
                 tuple((group_label(dimension, g.key), *_versus_cells(g, result.min_n))
                       for g in result.groups))


def ranked_table(rows, dimension: Dimension, key: object, min_n: int) -> Table:
    """Schools ranked by one group's figure against every school's: (school, EntityGroup) pairs, in order."""
    return Table(_versus_columns(t("column.school"), group_label(dimension, key)),
                 tuple((school, *_versus_cells(g, min_n)) for school, g in rows))


def effect_headers(result: Breakdown) -> tuple[str, ...]:
    """An average's effect-size columns, Hedges' g and the standard deviation it divides by; none for a rate."""
    return () if result.rule.is_rate else (t("column.hedges_g"), t("column.pooled_sd"))


def effect_values(result: Breakdown, group: GroupResult) -> tuple[float | None, ...]:
    """A group's cells under those columns: Hedges' g and the pooled SD, blank where hidden or not estimable."""
    if result.rule.is_rate:
        return ()
    return (group.effect.hedges_g, group.effect.pooled_sd) if group.effect else (None, None)


def shown_as(coded: str) -> str:
    """A table's 'Shown as' cell: '≥ 95% — rate top-coded: …' for a coded rate, blank otherwise."""
    return f"{coded_text(coded)} — {t(f'coding.{coded}_note')}" if coded else ""


INDEX_COLUMNS = {Flag.PPG: "column.ppg_gap", Flag.PI: "column.pi", Flag.EIGHTY: "column.index_80"}


def _legend(method: Flag, words: dict) -> tuple[str, str]:
    """The colour legend's two entries: flagged, and not."""
    if method is Flag.NEWCOMBE:
        return t("chart.beyond_chance"), t("chart.could_be_chance")
    return t(f"chart.flag.{method.value}.yes", **words), t(f"chart.flag.{method.value}.no", **words)


LEVEL_WIDTH, GAP_WIDTH, NAME_LIMIT = 200, 170, 190      # panels' widths and the longest group name, in pixels
CHAR = 7                                                # a label character's width at 11 px, generously
SUBTITLE = 110          # characters in a subtitle's line, so the chart's title is no wider than its panels


def fitted_domain(values: list[float], rate: bool, floor: float | None = 0.0) -> list[float]:
    """An axis fitted to the figures drawn, on round steps (1, 2, 2.5 or 5 times a power of ten, about five of
    them) with a little room: a 6-point gap fills the panel rather than a tenth of a 0-100 axis. Never below
    `floor` (0 for levels; None for gaps, which go below it), nor above 100 for a rate."""
    low, high = min(values), max(values)
    span = high - low or abs(high) or 1.0
    pad = span * 0.08
    raw = (span + 2 * pad) / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start, stop = step * math.floor((low - pad) / step), step * math.ceil((high + pad) / step)
    return [round(start if floor is None else max(start, floor), 6), round(min(stop, 100) if rate else stop, 6)]


def stated_start(title: str, domain: list[float]) -> list[str]:
    """An axis title's lines, the second saying where a value axis starts when that is not 0, so no one reads
    a distance from the axis as a size: ['Final %', '(axis from 65, not 0)']. Two short lines keep a panel's
    title within its width."""
    if domain[0] <= 0:
        return [title]
    digits = next(d for d in (0, 1, 2, 6) if round(domain[0], d) == domain[0])
    return [title, t("chart.axis_from", start=decimal(domain[0], digits))]


def measure_title(outcome: str, rule: Rule, domain: list[float]) -> list[str]:
    """A value axis's title in short lines that fit a narrow panel: what is measured, '% of students' for a
    rate, and where the axis starts when that is not 0."""
    lines = stated_start(measure_text(outcome, rule), domain)
    return lines[:1] + ([t("chart.percent_unit")] if rule.is_rate else []) + lines[1:]


def gap_domain(gaps: list[float]) -> list[float]:
    """The gaps' axis: symmetric about 0 (the comparison), so a group above and one below read alike."""
    reach = max([abs(g) for g in gaps] + [1.0])
    reach = 5 * math.ceil(reach * 1.1 / 5) if reach > 4 else math.ceil(reach * 1.2)
    return [-reach, reach]


def gap_chart(result: Breakdown, method: Flag = Flag.NEWCOMBE,
              colour_min_n: int = 0, settings: FlagSettings = DEFAULTS, flags: Flags | None = None
              ) -> alt.HConcatChart:
    """Three panels on shared rows, one per group: its level as a dot with its 95% interval and the comparison
    as a dashed line (or a tick per group), on an axis fitted to the figures whose start is stated; its value
    and gap printed in a column of their own, where no mark can cross them; and its gap as a bar from 0, the
    comparison. Colour, shape (◇ for a flagged group) and ◆ in the text follow `method` (or `flags`, when its
    verdicts are already worked out); a shown group of fewer than `colour_min_n` students is drawn neutral and
    unmarked. A top/bottom-coded rate is drawn at its boundary (95 or 5) printed '≥ 95%' or '≤ 5%', with
    neither interval nor gap."""
    rate = result.rule.is_rate
    flags = flags or flag(result, method, settings)
    words = flag_params(result, flags)
    yes, no = _legend(flags.method, words)
    neutral = t("chart.not_coloured", n=colour_min_n)
    rows = []
    for g in result.shown():
        comparison = g.value - g.gap if g.gap is not None else None
        flagged = bool(flags.of(g.key).flagged)
        status = (yes if flagged else no) if coloured(g.n, colour_min_n) else neutral
        value = coded_value(g.coded) if g.coded else g.value
        shown = coded_text(g.coded) if g.coded else figure(g.value, rate)
        mark = " ◆" if status == yes else ""
        rows.append({"group": group_label(result.dimension, g.key), "value": round(value, 2),
                     "low": round(g.ci[0], 2) if g.ci else None, "high": round(g.ci[1], 2) if g.ci else None,
                     "gap": None if g.gap is None else round(g.gap, 2),
                     "comparison": None if comparison is None else round(comparison, 2), "n": g.n,
                     "status": status, "shown": shown, "label": shown + mark,
                     "gap_text": "" if g.gap is None else decimal(g.gap, 1, signed=True) + mark})
    uncoloured = any(r["status"] == neutral for r in rows)
    kinds = [(yes, BLUE, "diamond"), (no, GREY, "circle")] + ([(neutral, LIGHT, "square")] if uncoloured else [])
    order = [r["group"] for r in rows]
    overall = result.overall_value if result.compare == "all" else None
    drawn = [r["value"] for r in rows] + [r[k] for r in rows for k in ("low", "high", "comparison")
                                          if r[k] is not None] + ([overall] if overall is not None else [])
    domain = fitted_domain(drawn or [0.0, 100.0], rate)
    level_title = measure_title(result.outcome, result.rule, domain)
    y = alt.Y("group:N", sort=order, title=None, axis=alt.Axis(labelLimit=NAME_LIMIT))
    bare_y = alt.Y("group:N", sort=order, title=None, axis=None)
    colour = alt.Color("status:N", title=None, legend=alt.Legend(orient="bottom", labelLimit=400),
                       scale=alt.Scale(domain=[k for k, _, _ in kinds], range=[c for _, c, _ in kinds]))
    shape = alt.Shape("status:N", scale=alt.Scale(domain=[k for k, _, _ in kinds], range=[s for _, _, s in kinds]),
                      legend=None)
    tooltip = [alt.Tooltip("group:N", title=t("column.group")), alt.Tooltip("n:Q"),
               alt.Tooltip("shown:N", title=t("column.value")),
               alt.Tooltip("gap:Q", title=t("column.gap"), format="+.1f"),
               alt.Tooltip("low:Q", title=t("column.low"), format=".1f"),
               alt.Tooltip("high:Q", title=t("column.high"), format=".1f")]
    base = alt.Chart(alt.Data(name=GROUPS))
    scale = alt.Scale(domain=domain, nice=False, zero=False)
    x = alt.X("value:Q", title=level_title, scale=scale,
              axis=alt.Axis(titleLimit=LEVEL_WIDTH))
    levels = [base.mark_rule(color="black").encode(x=alt.X("low:Q", scale=scale), x2=alt.X2("high"), y=y),
              base.mark_point(size=110, filled=True, opacity=1).encode(x=x, y=y, color=colour, shape=shape,
                                                                       tooltip=tooltip)]
    datasets = {GROUPS: rows}
    subtitle = [t("chart.gap_subtitle" if flags.method is Flag.NEWCOMBE
                  else f"chart.flag.{flags.method.value}.subtitle", min_n=result.min_n, **words)]
    if overall is not None:
        datasets[LINE] = [{"comparison": overall}]
        levels.insert(0, alt.Chart(alt.Data(name=LINE)).mark_rule(color=VERMILLION, strokeDash=[6, 3], size=2)
                      .encode(x=alt.X("comparison:Q", scale=scale)))
        subtitle.append(t("chart.all_students_dashed", value=figure(overall, rate)))
    else:
        levels.insert(0, base.mark_tick(color=VERMILLION, thickness=3, size=24)
                      .encode(x=alt.X("comparison:Q", scale=scale), y=y))
        subtitle.append(t("chart.comparison_tick", comparison=comparison_label(result.compare, result.dimension)))
    if uncoloured:
        subtitle.append(t("chart.not_coloured_note", n=colour_min_n))
    heads = [t("column.value"), t("column.gap")]
    texts = [text_column(h, f, CHAR * max(len(h), *(len(r[f]) for r in rows)), bare_y)
             for h, f in zip(heads, ("label", "gap_text"), strict=True)]
    reach = gap_domain([r["gap"] for r in rows if r["gap"] is not None])
    compared = comparison_label(result.compare, result.dimension)
    gaps = [base.mark_bar(height={"band": 0.6}).encode(
                x=alt.X("gap:Q", title=[t("chart.gap_axis"), t("chart.gap_axis_zero", comparison=compared)],
                        scale=alt.Scale(domain=reach, nice=False), axis=alt.Axis(titleLimit=GAP_WIDTH)),
                y=bare_y, color=colour, tooltip=tooltip),
            alt.Chart(alt.Data(name=ZERO)).mark_rule(color="black", size=1.5).encode(x=alt.X("zero:Q"))]
    datasets[ZERO] = [{"zero": 0}]
    title = gap_title(result)
    return alt.hconcat(
        alt.layer(*levels, width=LEVEL_WIDTH, height=alt.Step(34)),
        *(panel.properties(height=alt.Step(34)) for panel in texts),
        alt.layer(*gaps, width=GAP_WIDTH, height=alt.Step(34)),
        spacing=10, title=alt.TitleParams(title, subtitle=[line for s in subtitle for line in wrap(s, SUBTITLE)]),
        datasets=datasets,
        description=t("chart.bar_description", title=title),
        resolve=alt.Resolve(scale=alt.ScaleResolveMap(y="shared")))


def text_column(head: str, field: str, width: int, y: alt.Y) -> alt.Chart:
    """A column of printed figures beside a chart's panels, right-aligned under its heading, without frame."""
    return alt.Chart(alt.Data(name=GROUPS), width=width, view=alt.ViewBackground(stroke=None),
                     title=alt.TitleParams(head, fontSize=11, anchor="end", fontWeight="normal")).mark_text(
        align="right", fontSize=11).encode(y=y, text=alt.Text(f"{field}:N"), x=alt.XValue(width))


def gap_title(result: Breakdown) -> str:
    """What the gap chart shows, e.g. 'Final % (>= 70) by race/ethnicity, compared with all students'."""
    return t("chart.gap_title", what=measure_text(result.outcome, result.rule),
             dimension=dimension_phrase(result.dimension),
             comparison=comparison_label(result.compare, result.dimension))


def heat_table(table: CrossTable) -> alt.LayerChart:
    """A grid of cells shaded by value (darker: higher, on steps between the lowest and highest shown figure),
    every cell also printing its figure (or why it is hidden) in black or white by its shade's luminance; a coded
    cell is shaded as its boundary and prints '≥ 95%' or '≤ 5%'."""
    hidden = t("chart.hidden")
    shown = [coded_value(c.coded) if c.coded else c.value for c in table.cells if not c.suppressed]
    low, high = (min(shown), max(shown)) if shown else (0.0, 0.0)
    data = [{
        "row": group_label(table.first, c.first), "column": group_label(table.second, c.second),
        "value": coded_value(c.coded) if c.coded else c.value, "n": c.n, "shown": _cell_figure(table, c),
        "text": f"{_cell_figure(table, c)}\nn={count(c.n)}" if not c.suppressed else f"{hidden}\n(n<{table.min_n})"
        if c.reason == SMALL else hidden,
    } for c in table.cells]
    for d in data:
        d["fill"] = shade(d["value"], low, high)
        d["ink"] = ink(d["fill"])
    rows = list(dict.fromkeys(d["row"] for d in data))
    columns = list(dict.fromkeys(d["column"] for d in data))
    first, second = dimension_label(table.first), dimension_label(table.second)
    x = alt.X("column:N", sort=columns, title=second, axis=alt.Axis(labelAngle=0, labelLimit=200))
    y = alt.Y("row:N", sort=rows, title=None, axis=alt.Axis(labelLimit=260))      # the title names it
    base = alt.Chart(alt.Data(name=GROUPS))
    cells = base.mark_rect(stroke="white").encode(
        x=x, y=y, color=alt.Color("fill:N", scale=None),
        tooltip=[alt.Tooltip("row:N", title=first), alt.Tooltip("column:N", title=second), alt.Tooltip("n:Q"),
                 alt.Tooltip("shown:N", title=t("column.value"))],
    )
    text = base.mark_text(fontSize=12, lineBreak="\n").encode(x=x, y=y, text=alt.Text("text:N"),
                                                              color=alt.Color("ink:N", scale=None))
    title = heat_title(table)
    return alt.layer(cells, text, title=alt.TitleParams(title, subtitle=[t("chart.darker_higher")]),
                     width="container", height=alt.Step(44),
                     description=t("chart.heat_description", title=title), datasets={GROUPS: data})


def _cell_figure(table: CrossTable, cell: Cell) -> str | None:
    """A shown cell's figure as printed: '61.5%', '≥ 95%' when coded; None when hidden."""
    if cell.coded:
        return coded_text(cell.coded)
    return None if cell.value is None else figure(cell.value, table.rule.is_rate)


def heat_title(table: CrossTable) -> str:
    """What the heat table shows, e.g. 'Average Final %: race/ethnicity × income'."""
    return t("chart.heat_title", what=measure_text(table.outcome, table.rule),
             first=dimension_phrase(table.first), second=dimension_phrase(table.second))


def change_chart(history: Trend) -> alt.LayerChart | None:
    """Each group's figure in the first and the last loaded term joined by a line: the first a hollow circle,
    the last a filled diamond (shape as well as colour), the change printed beside it. A group hidden in
    either term is left out. None when no group has both ends."""
    if len(history.terms) < 2:
        return None
    rate = history.rule.is_rate
    first, last = history.terms[0], history.terms[-1]
    keys = sorted({g.key for r in history.per_term for g in r.groups}, key=history.dimension.order)
    named = [(t("compare.all_title"), overall_ends(history)),
             *((group_label(history.dimension, k), ends(history, k)) for k in keys)]
    points, spans = [], []
    for name, pair in named:
        if pair is None:
            continue
        start, end = pair[0].value, pair[1].value
        points += [{"group": name, "term": first, "value": round(start, 2), "text": figure(start, rate)},
                   {"group": name, "term": last, "value": round(end, 2), "text": figure(end, rate)}]
        spans.append({"group": name, "start": start, "end": end, "right": max(start, end),
                      "label": decimal(end - start, 1, signed=True)})
    if not spans:
        return None
    order = [s["group"] for s in spans]
    y = alt.Y("group:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    domain = fitted_domain([v for s in spans for v in (s["start"], s["end"])], rate)
    x_title = measure_title(history.outcome, history.rule, domain)
    scale = alt.Scale(domain=domain, nice=False, zero=False)
    x = alt.X("value:Q", title=x_title, scale=scale)
    span_data = pd.DataFrame(spans)
    lines = alt.Chart(span_data).mark_rule(color=GREY, size=3).encode(x=alt.X("start:Q", title=x_title, scale=scale),
                                                                      x2="end:Q", y=y)
    dots = alt.Chart(pd.DataFrame(points)).mark_point(size=140, filled=True, opacity=1).encode(
        x=x, y=y,
        shape=alt.Shape("term:N", scale=alt.Scale(domain=[first, last], range=["circle", "diamond"]),
                        legend=alt.Legend(orient="bottom", title=None)),
        color=alt.Color("term:N", scale=alt.Scale(domain=[first, last], range=[VERMILLION, BLUE]),
                        legend=alt.Legend(orient="bottom", title=None)),
        tooltip=[alt.Tooltip("group:N", title=t("column.group")), alt.Tooltip("term:N"),
                 alt.Tooltip("value:Q", title=t("column.value"), format=".1f")])
    labels = alt.Chart(span_data).mark_text(align="left", dx=12, fontSize=11).encode(x="right:Q", y=y,
                                                                                     text="label:N")
    title = change_title(history)
    return alt.layer(lines, dots, labels).properties(
        title=alt.TitleParams(title, subtitle=[t("chart.change_subtitle", min_n=history.min_n)]),
        height=alt.Step(30), width="container", description=t("chart.change_description", title=title))


def change_title(history: Trend) -> str:
    """'ELA (in Met) by income: 2022-23 and 2024-25'."""
    return t("chart.change_title", what=measure_text(history.outcome, history.rule),
             dimension=dimension_phrase(history.dimension), first=history.terms[0], last=history.terms[-1])
