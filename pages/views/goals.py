"""Goals: every goal's status on one screen (met, on track, off track, no data), the trend behind it, the
interim target for this term, where the current pace leads, and the log entries that concern it."""

import streamlit as st

from equity.app.session import MET, NO_DATA, OFF_TRACK, ON_TRACK, Entry, Evaluation, WorkspaceError, stage_label
from equity.present.trend_charts import goal_axis, goal_chart, goal_table
from equity.words.i18n import t
from equity.words.numbers import percent
from pages.views import shared
from pages.views.goal_form import goal_form

STATUS_LOOK = {MET: ("goal.met", "green", ":material/check_circle:"),
               ON_TRACK: ("goal.on_track", "blue", ":material/trending_up:"),
               OFF_TRACK: ("goal.off_track", "orange", ":material/warning:"),
               NO_DATA: ("goal.no_data", "gray", ":material/help:")}


def progress(evaluation: Evaluation) -> str:
    return "—" if evaluation.progress is None else percent(evaluation.progress, 0)


def show(evaluation: Evaluation, entries: tuple[Entry, ...]) -> None:
    goal = evaluation.goal
    text, colour, icon = STATUS_LOOK[evaluation.status]
    with st.container(border=True):
        head, badge = st.columns([5, 1])
        head.subheader(shared.plain(goal.title))
        badge.badge(t(text), color=colour, icon=icon)
        st.caption(shared.plain(bench.goal_book.describe(goal)))
        cols = st.columns(4)
        cols[0].metric(t("goals.metric_current",
                         term=shared.plain(evaluation.current_term or t("goals.no_term_short"))),
                       goal.figure(evaluation.current))
        cols[1].metric(t("goals.metric_interim"), goal.figure(evaluation.interim))
        cols[2].metric(t("goals.metric_target", term=shared.plain(goal.target_term)),
                       goal.figure(goal.target))
        cols[3].metric(t("goals.metric_progress"), progress(evaluation))
        if evaluation.status == NO_DATA:
            note = shared.plain(evaluation.note) if evaluation.note else t("goals.no_figure_now")
            st.warning(t("goals.no_data_note", note=note), icon=":material/help:")
        st.markdown(shared.plain(evaluation.projection.sentence))
        linked, markers = bench.log_book.about(entries, evaluation, goal_axis(evaluation))
        shared.chart(goal_chart(evaluation, markers), goal_table(evaluation), goal.title)
        if linked:
            st.markdown(f"**{t('goals.log_entries')}**")
            for e in linked:
                result = f" — {shared.plain(e.result)}" if e.result else ""
                st.markdown(f"- {shared.plain(e.date)} · *{shared.plain(stage_label(e.stage))}* · "
                            f"**{shared.plain(e.title)}**{result}")
        actions = st.columns([2, 1, 1, 4])
        if actions[0].button(t("goals.log_button"), key=f"log_{goal.id}", icon=":material/edit_note:"):
            st.session_state["log_goal"] = goal.id
            st.switch_page("pages/views/log.py")
        if actions[1].button(t("goals.edit"), key=f"edit_{goal.id}", icon=":material/edit:"):
            st.session_state["goal_editing"] = goal.id
            st.rerun()
        with actions[2].popover(t("goals.delete"), icon=":material/delete:"):
            st.write(t("goals.delete_question", title=shared.plain(goal.title)))
            if st.button(t("goals.delete_confirm"), key=f"delete_{goal.id}", type="primary"):
                try:
                    bench.goal_book.delete(goal)
                    st.rerun()
                except WorkspaceError as problem:
                    st.error(shared.message(problem), icon=":material/error:")


bench = shared.workbench()
st.title(t("goals.title"))
st.write(t("goals.intro", min_n=f"{bench.min_n:d}"))
if shared.require_data(bench):
    goal_list, problems = bench.goal_book.load()
    entries, log_problems = bench.log_book.load()
    for problem in (*problems, *log_problems):
        st.warning(shared.message(problem.message), icon=":material/warning:")
    editing = st.session_state.get("goal_editing")
    target = next((g for g in goal_list if g.id == editing), None)
    if target is not None:
        with st.container(border=True):
            st.subheader(t("goals.editing", title=shared.plain(target.title)))
            saved = goal_form(bench, target, f"goal_edit_{target.id}_{target.revision}")
            if saved or st.button(t("goals.cancel")):
                st.session_state.pop("goal_editing", None)
                st.session_state["goal_saved"] = t("goals.saved", title=saved.title) if saved else ""
                st.rerun()
    if st.session_state.get("goal_saved"):
        st.success(shared.plain(st.session_state.pop("goal_saved")), icon=":material/check:")
    evaluations = bench.assess_goals(goal_list)
    if evaluations:
        overview = bench.goals_section(evaluations)       # the table the report writes
        shared.table(overview.table)
        shared.section_downloads(overview, "goals", "goals_dl")
        for evaluation in evaluations:
            show(evaluation, entries)
    else:
        st.info(t("goals.none_yet"), icon=":material/flag:")
    with st.expander(t("goals.new"), expanded=not goal_list, icon=":material/add:"):
        saved = goal_form(bench, None, "goal_new")
        if saved:
            st.session_state["goal_saved"] = t("goals.saved", title=saved.title)
            for key in [k for k in st.session_state if str(k).startswith("goal_new")]:
                del st.session_state[key]
            st.rerun()
