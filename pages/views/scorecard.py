"""Balanced scorecard: leading and lagging indicators on one screen for a meeting, each with its latest value,
its change since the earliest term, the largest gap (or risk ratio, or composition index) and its goal. The
indicators a user chooses are kept in the workspace for the dataset, so the same scorecard comes back."""

import streamlit as st

from equity.app.session import (
    COLOUR_MIN_N,
    CUT_PRESETS,
    CUT_SOURCE,
    CUT_YEAR,
    DIMENSIONS,
    LAGGING,
    LEADING,
    METHODS,
    NO_GOAL,
    Card,
    Indicator,
    Section,
    WorkspaceError,
    default_cuts,
    read_cuts,
    suggested_cuts,
)
from equity.present.grids import accountability_html, cuts_frame, grid_html, group_grid_html
from equity.present.scorecard_charts import card_html, cards_table, goal_text
from equity.words.glossary import explain
from equity.words.groupings import grouping_name
from equity.words.i18n import t
from equity.words.labels import dimension_label
from equity.words.numbers import decimal
from equity.words.reader import bound, language
from pages.views import shared

STATUS_COLOURS = {"met": "green", "on track": "blue", "off track": "orange", "no data": "gray", NO_GOAL: "gray"}
PER_ROW = 4


def indicators(bench) -> list[Indicator]:
    """This session's indicators for the loaded data: the saved choice for this dataset, else the defaults
    (and the cut points saved with them)."""
    state = st.session_state.get("scorecard")
    if state is None or state[0] != bench.data.name:
        saved, problem = bench.scorecard_choice()
        st.session_state.pop("scorecard_problem", None)
        if problem:
            st.session_state["scorecard_problem"] = problem
        state = (bench.data.name, list(saved.indicators))
        st.session_state["scorecard"] = state
        st.session_state["grid_cuts"] = saved.cuts
    return bench.available(state[1])


def remember(bench, chosen: list[Indicator], cuts: dict) -> None:
    """Use this choice in the session and keep it in the workspace for the dataset."""
    st.session_state["scorecard"] = (bench.data.name, chosen)
    st.session_state["grid_cuts"] = cuts
    try:
        bench.save_scorecard(chosen, cuts)
        st.session_state.pop("scorecard_problem", None)
    except (OSError, WorkspaceError) as problem:
        reason = problem.strerror if isinstance(problem, OSError) else str(problem)
        st.session_state["scorecard_problem"] = t("page.scorecard.not_saved",
                                                  reason=reason or type(problem).__name__)


def show(card: Card) -> None:
    ind = card.indicator
    with st.container(border=True, gap=None, height="stretch"):   # the cards of a row end level
        head, badge = st.columns([3, 2], vertical_alignment="top")
        head.markdown(f"**{shared.plain(ind.name())}**")
        badge.badge(shared.plain(goal_text(card.goal)), color=STATUS_COLOURS.get(card.goal, "gray"))
        since = t("page.scorecard.versus", term=card.baseline_term) if card.baseline_term else ""
        term = card.latest_term or t("page.scorecard.all_terms")
        st.caption(shared.plain(f"{ind.describe_rule()} · {term}{since}"))
        st.html(card_html(card, t("page.scorecard.by", grouping=grouping_name(ind.grouping))))


def status_and_change(bench, cards: list[Card]) -> None:
    """The five-by-five grids (one per direction present), the placements in words, and the cut points; cut
    points a user changes are kept with the scorecard."""
    st.subheader(t("page.scorecard.grid_title"))
    baseline = next((c.baseline_term for c in cards if c.baseline_term), None) or \
        t("page.scorecard.grid_baseline")
    st.caption(t("page.scorecard.grid_intro", baseline=shared.plain(baseline)))
    indicators = [c.indicator for c in cards]
    with st.expander(t("page.scorecard.cuts")):
        st.caption(t("page.scorecard.cuts_help"))
        saved = st.session_state.get("grid_cuts", {})
        published = preset_picker(indicators)
        if published:
            saved = {**saved, **published}
            st.session_state["grid_version"] = st.session_state.get("grid_version", 0) + 1
        if st.button(t("page.scorecard.cuts_reset"), key="grid_reset"):
            st.session_state["grid_version"] = st.session_state.get("grid_version", 0) + 1
            saved = {}
        edited = st.data_editor(cuts_frame(indicators, saved), hide_index=True, disabled=[0],
                                key=f"grid_editor_{st.session_state.get('grid_version', 0)}_{language()}_"
                                    f"{hash(tuple(i.label for i in indicators))}")
        chosen, problems = read_cuts(indicators, edited)
        for problem in problems:
            st.error(shared.plain(problem), icon=":material/error:")
    shown = {i.label for i in indicators}
    changed = {**{k: v for k, v in saved.items() if k not in shown},
               **{i.label: chosen[i.label] for i in indicators
                  if i.label in chosen and chosen[i.label] != default_cuts(i)}}
    if changed != st.session_state.get("grid_cuts", {}):
        remember(bench, st.session_state["scorecard"][1], changed)
    colour_min_n = bench.privacy.colour_min_n
    placements = bench.placements(cards, chosen)
    for higher in (True, False):
        shown = [p for p in placements if p.card.indicator.higher_is_better == higher]
        if shown:
            st.html(grid_html(shown, higher))
    section = bench.scorecard_section(cards, chosen)   # the placements in words, as the report writes them
    shared.table(section.table)
    shared.section_downloads(section, "scorecard", "scorecard_dl")
    every_group(bench, cards, chosen, colour_min_n)
    accountability(bench, cards, chosen)


def preset_picker(indicators: list[Indicator]) -> dict:
    """One indicator's cut points from a published table (the one its name suggests offered first); the
    chosen cut points when the button is pressed, else nothing."""
    st.markdown(f"**{t('page.scorecard.preset')}**")
    left, right = st.columns(2)
    pick = left.selectbox(t("page.scorecard.preset_for"), range(len(indicators)), key="preset_indicator",
                          format_func=bound(lambda i: indicators[i].name()))
    ind = indicators[min(pick or 0, len(indicators) - 1)]
    keys, hint = list(CUT_PRESETS), suggested_cuts(ind)
    chosen = right.selectbox(t("page.scorecard.preset"), keys, index=keys.index(hint.key) if hint else 0,
                             key=f"preset_choice_{hash(ind.label)}", format_func=bound(lambda k: CUT_PRESETS[k].name()))
    st.caption(t("page.scorecard.preset_source", year=CUT_YEAR, source=CUT_SOURCE))
    return {ind.label: CUT_PRESETS[chosen].cuts} if st.button(t("page.scorecard.preset_apply"),
                                                          key="preset_apply") else {}


def accountability(bench, cards: list[Card], chosen: dict) -> None:
    """Every student group on every indicator, as the Dashboard colours them, and the groups a state would
    identify, each with its evidence in a sentence."""
    st.subheader(t("accountability.title"))
    colour_min_n = int(st.number_input(t("accountability.colour_min_n"), min_value=0, step=1,
                                       value=st.session_state.get("accountability_min", COLOUR_MIN_N),
                                       key="accountability_colour_min_n"))
    st.session_state["accountability_min"] = colour_min_n          # kept for the report, off this page
    st.caption(t("accountability.intro", min_n=f"{bench.min_n:d}", colour_min_n=f"{colour_min_n:d}"),
               help=explain("n_size", "suppression"))
    grid_ = bench.accountability_grid([c.indicator for c in cards], chosen, colour_min_n)
    st.html(accountability_html(grid_))
    red, lowest = bench.identified(grid_)
    st.markdown(f"**{t('accountability.identified_title')}**")
    st.markdown("\n".join(f"- {shared.plain(sentence)}" for sentence in red) or t("accountability.none_red"))
    st.markdown(f"**{t('accountability.lowest_title')}**")
    st.markdown("\n".join(f"- {shared.plain(sentence)}" for sentence in lowest))
    section = bench.accountability_section(grid_)      # the table every export writes
    shared.table(section.table)
    shared.section_downloads(section, "accountability", "accountability_dl")


def every_group(bench, cards: list[Card], chosen: dict, colour_min_n: int) -> None:
    """One indicator's status × change for each group of a dimension, against the prior term, as the Dashboard
    colours every student group."""
    st.subheader(t("group_grid.title"))
    st.caption(t("group_grid.intro", min_n=f"{bench.min_n:d}", colour_min_n=f"{colour_min_n:d}"))
    left, right = st.columns(2)
    pick = left.selectbox(t("group_grid.indicator"), range(len(cards)), key="group_grid_indicator",
                          format_func=bound(lambda i: cards[i].indicator.name()))
    card = cards[min(pick or 0, len(cards) - 1)]
    offered = shared.offered_dimensions(bench)
    if not offered:
        st.info(t("ui.no_dimensions"), icon=":material/group_off:")
        return
    dimension = right.selectbox(t("group_grid.by"), offered, key="group_grid_dimension",
                                format_func=bound(lambda d: dimension_label(DIMENSIONS[d])))
    ind = card.indicator
    placed, section = bench.group_grid(ind, dimension, chosen, colour_min_n)   # the report's table, beside the grid
    st.html(group_grid_html(placed, section.title))
    shared.table(section.table)


def editor(bench, current: list[Indicator]) -> None:
    """Remove indicators, add one, or go back to the defaults; a change is saved for this dataset."""
    labels = [i.label for i in current]
    names = {i.label: i.name() for i in current}
    kept = st.multiselect(t("page.scorecard.shown"), labels, default=labels, format_func=names.get,
                          key=f"card_kept_{hash(tuple(labels))}",
                          placeholder=t("ui.choose_options"))
    st.markdown(f"**{t('page.scorecard.add_title')}**")
    picked = shared.outcome_picker(bench, "card_add")
    grouping = shared.grouping_picker("card_add", t("page.scorecard.by_label"))
    left, middle, right = st.columns(3)
    kind = left.radio(t("page.scorecard.type"), (LEADING, LAGGING), horizontal=True,
                      key="card_add_kind", format_func=bound(lambda k: t(f"page.scorecard.kind_{k}")))
    better = middle.radio(t("page.scorecard.better_when"), ("higher", "lower"), horizontal=True,
                          key="card_add_better", format_func=bound(lambda b: t(f"page.scorecard.{b}")))
    method = right.selectbox(t("page.scorecard.compare_by"), METHODS, key="card_add_method",
                             format_func=bound(lambda m: t(f"page.scorecard.method_{m.replace(' ', '_')}")))
    name = st.text_input(t("page.scorecard.name"), key="card_add_label",
                         placeholder=picked[0].header if picked else "")
    add, reset = st.columns([1, 4])
    chosen = [i for i in current if i.label in kept]
    if add.button(t("page.scorecard.add"), type="primary", disabled=picked is None):
        column, rule = picked
        title, number = name.strip() or column.header, 2
        while title in labels:
            title, number = f"{name.strip() or column.header} ({number})", number + 1
        chosen.append(Indicator(title, column.name, column.header, rule, grouping, kind, better == "higher",
                                   method))
    if reset.button(t("page.scorecard.reset")):
        bench.clear_scorecard()
        st.session_state.pop("scorecard", None)
        st.rerun()
    if chosen != current:
        remember(bench, chosen, st.session_state.get("grid_cuts", {}))
        st.rerun()


bench = shared.workbench()
st.title(t("nav.scorecard"))
if shared.require_data(bench):
    current = indicators(bench)
    if "scorecard_problem" in st.session_state:
        st.warning(shared.plain(st.session_state["scorecard_problem"]), icon=":material/warning:")
    settings = bench.privacy.risk
    cards = bench.scorecard(current)
    filters = " · ".join(bench.filter_lines()) or t("compare.all")
    st.caption(t("page.scorecard.legend", filters=shared.plain(filters), min_n=f"{bench.min_n:d}",
                 cell=f"{settings.cell_size:d}",
                 n_size=f"{settings.n_size:d}", threshold=decimal(settings.threshold, 1)),
               help=explain("risk_ratio", "alternate_risk_ratio", "composition_index"))
    for note in bench.chronic_notes(current):
        st.caption(shared.plain(note))
    if not cards:
        st.info(t("page.scorecard.none"))
    for kind in (LEADING, LAGGING):
        chosen = [c for c in cards if c.indicator.kind == kind]
        if not chosen:
            continue
        st.markdown(t(f"page.scorecard.title_{kind}"))
        for start in range(0, len(chosen), PER_ROW):
            columns = st.columns(PER_ROW)
            for column, card in zip(columns, chosen[start:start + PER_ROW], strict=False):
                with column:
                    show(card)
    if cards:
        status_and_change(bench, cards)
    with st.expander(t("page.scorecard.settings")):
        shared.risk_settings(bench, "card")
        if any(bench.chronic_note(i.outcome) for i in current):
            shared.min_days_setting(bench, "card_min_days")
    with st.expander(t("page.scorecard.table")):
        table = cards_table(cards)           # the same table its downloads write
        shared.table(table)
        shared.section_downloads(Section(t("page.scorecard.table"), (), table), "scorecard_groups",
                                 "cards_dl")
    with st.expander(t("page.scorecard.choose")):
        editor(bench, current)
