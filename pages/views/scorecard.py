"""Balanced scorecard: leading and lagging indicators on one screen for a meeting, each with its latest value,
its change since the earliest term, the largest gap (or risk ratio, or composition index) and its goal."""

import streamlit as st

from equity import scorecard as sc
from equity.derived import all_outcomes
from equity.disproportionality import Settings
from equity.scorecard_charts import card_html, cards_frame
from pages.views import shared

STATUS_COLOURS = {"met": "green", "on track": "blue", "off track": "orange", "no data": "gray", sc.NO_GOAL: "gray"}
KIND_TITLES = {sc.LEADING: "**Leading indicators** · conditions that move within the year",
               sc.LAGGING: "**Lagging indicators** · results at the end of the year"}
PER_ROW = 4


def indicators(bench) -> list[sc.Indicator]:
    """This session's indicators for the loaded data: the defaults until the user changes them."""
    names = {c.name for c in all_outcomes(bench.data.mapping)}
    state = st.session_state.get("scorecard")
    if state is None or state[0] != bench.data.name:
        state = (bench.data.name, list(sc.default_indicators(bench.data.mapping, bench.data.profiles)))
        st.session_state["scorecard"] = state
    return [i for i in state[1] if i.outcome in names]


def show(card: sc.Card) -> None:
    ind = card.indicator
    with st.container(border=True, gap=None):
        head, badge = st.columns([3, 2], vertical_alignment="top")
        head.markdown(f"**{shared.plain(ind.label)}**")
        badge.badge(card.goal.capitalize(), color=STATUS_COLOURS.get(card.goal, "gray"))
        since = f" vs {card.baseline_term}" if card.baseline_term else ""
        st.caption(shared.plain(f"{ind.describe_rule()} · {card.latest_term or 'all terms'}{since}"))
        st.html(card_html(card, f"By {ind.grouping.label}"))


def editor(bench, current: list[sc.Indicator]) -> None:
    """Remove indicators, add one, or go back to the defaults."""
    labels = [i.label for i in current]
    kept = st.multiselect("Indicators shown", labels, default=labels, key=f"card_kept_{hash(tuple(labels))}")
    st.markdown("**Add an indicator**")
    picked = shared.outcome_picker(bench, "card_add")
    grouping = shared.grouping_picker("card_add", "By")
    left, middle, right = st.columns(3)
    kind = left.radio("Type", (sc.LEADING, sc.LAGGING), horizontal=True, key="card_add_kind",
                      format_func=str.capitalize)
    better = middle.radio("Better when", ("higher", "lower"), horizontal=True, key="card_add_better")
    method = right.selectbox("Compare groups by", sc.METHODS, key="card_add_method", format_func=str.capitalize)
    name = st.text_input("Name on the card", key="card_add_label",
                         placeholder=picked[0].header if picked else "")
    add, reset = st.columns([1, 4])
    chosen = [i for i in current if i.label in kept]
    if add.button("Add", type="primary", disabled=picked is None):
        column, rule = picked
        title, number = name.strip() or column.header, 2
        while title in labels:
            title, number = f"{name.strip() or column.header} ({number})", number + 1
        chosen.append(sc.Indicator(title, column.name, column.header, rule, grouping, kind, better == "higher",
                                   method))
    if reset.button("Back to the default set"):
        st.session_state.pop("scorecard", None)
        st.rerun()
    if chosen != current:
        st.session_state["scorecard"] = (bench.data.name, chosen)
        st.rerun()


bench = shared.workbench()
st.title("Balanced scorecard")
if shared.require_data(bench):
    current = indicators(bench)
    settings = st.session_state.get("risk_settings", Settings())
    goal = sc.goal_lookup(bench.con, bench.min_n)
    cards = [sc.evaluate(bench.con, i, bench.filters, bench.min_n, settings, goal) for i in current]
    filters = " · ".join(bench.filters.describe()) or "all students"
    st.caption(f"**Filters:** {filters}. **Hidden:** groups under {bench.min_n} students. **RR** = risk ratio "
               f"(cell size {settings.cell_size}, n-size {settings.n_size}, ⚑ above {settings.threshold:.1f}; "
               "alt. = alternate). **CI** = composition index. **Gap** = points vs all students.")
    if not cards:
        st.info("No indicator matches the loaded outcomes. Add one below.")
    for kind in (sc.LEADING, sc.LAGGING):
        chosen = [c for c in cards if c.indicator.kind == kind]
        if not chosen:
            continue
        st.markdown(KIND_TITLES[kind])
        for start in range(0, len(chosen), PER_ROW):
            columns = st.columns(PER_ROW)
            for column, card in zip(columns, chosen[start:start + PER_ROW], strict=False):
                with column:
                    show(card)
    with st.expander("Risk-ratio settings"):
        shared.risk_settings("card")
    with st.expander("Every figure as a table"):
        st.dataframe(cards_frame(cards), hide_index=True, column_config={
            "Value": st.column_config.NumberColumn(format="%.1f"),
            "Measure value": st.column_config.NumberColumn(format="%.2f")})
    with st.expander("Choose indicators"):
        editor(bench, current)
