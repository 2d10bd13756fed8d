"""Goals: every goal's status on one screen (met, on track, off track, no data), the trend behind it, the
interim target for this term, where the current pace leads, and the log entries that concern it."""

import pandas as pd
import streamlit as st

from equity import goals, interventions
from equity.records import WorkspaceError
from equity.trend_charts import goal_axis, goal_chart
from pages.views import shared
from pages.views.goal_form import goal_form

STATUS_LOOK = {goals.MET: ("Met", "green", ":material/check_circle:"),
               goals.ON_TRACK: ("On track", "blue", ":material/trending_up:"),
               goals.OFF_TRACK: ("Off track", "orange", ":material/warning:"),
               goals.NO_DATA: ("No data", "gray", ":material/help:")}


def figure(value: float | None, unit: str) -> str:
    return "—" if value is None else f"{value:.1f}{unit}"


def summary(evaluations: list[goals.Evaluation]) -> pd.DataFrame:
    return pd.DataFrame([{
        "Goal": e.goal.title, "Whose": e.goal.population, "Term": e.current_term or "—",
        "Current": figure(e.current, e.goal.unit), "Interim target": figure(e.interim, e.goal.unit),
        "Target": f"{figure(e.goal.target, e.goal.unit)} by {e.goal.target_term}",
        "Status": STATUS_LOOK[e.status][0], "Progress": "—" if e.progress is None else f"{e.progress:.0f}%",
    } for e in evaluations])


def show(evaluation: goals.Evaluation, entries: tuple[interventions.Entry, ...]) -> None:
    goal = evaluation.goal
    text, colour, icon = STATUS_LOOK[evaluation.status]
    with st.container(border=True):
        head, badge = st.columns([5, 1])
        head.subheader(goal.title)
        badge.badge(text, color=colour, icon=icon)
        st.caption(goals.describe(goal))
        cols = st.columns(4)
        cols[0].metric(f"Current ({evaluation.current_term or 'no term'})", figure(evaluation.current, goal.unit))
        cols[1].metric("Interim target this term", figure(evaluation.interim, goal.unit))
        cols[2].metric(f"Target by {goal.target_term}", figure(goal.target, goal.unit))
        cols[3].metric("Progress from baseline", "—" if evaluation.progress is None else f"{evaluation.progress:.0f}%")
        if evaluation.status == goals.NO_DATA:
            st.warning(f"No data: {evaluation.note or 'no figure for the current term.'}", icon=":material/help:")
        st.markdown(evaluation.projection.sentence)
        linked = interventions.select(entries, goal_id=goal.id)
        markers = interventions.markers(linked, goal_axis(evaluation))
        st.altair_chart(goal_chart(evaluation, markers), width="stretch")
        if linked:
            st.markdown("**Log entries for this goal**")
            for e in linked:
                st.markdown(f"- {e.date} · *{e.stage}* · **{e.title}**" + (f" — {e.result}" if e.result else ""))
        actions = st.columns([2, 1, 1, 4])
        if actions[0].button("Log an intervention", key=f"log_{goal.id}", icon=":material/edit_note:"):
            st.session_state["log_goal"] = goal.id
            st.switch_page("pages/views/log.py")
        if actions[1].button("Edit", key=f"edit_{goal.id}", icon=":material/edit:"):
            st.session_state["goal_editing"] = goal.id
            st.rerun()
        with actions[2].popover("Delete", icon=":material/delete:"):
            st.write(f"Delete the goal '{goal.title}'? Log entries linked to it are kept.")
            if st.button("Delete this goal", key=f"delete_{goal.id}", type="primary"):
                try:
                    goals.delete(goal)
                    st.rerun()
                except WorkspaceError as problem:
                    st.error(str(problem), icon=":material/error:")


bench = shared.workbench()
st.title("Goals")
st.write("Each goal compares the latest loaded term with that term's interim target. Goals count every loaded "
         f"student (the sidebar filters do not apply) and show no figure for groups under {bench.min_n} students.")
if shared.require_data(bench):
    goal_list, problems = goals.load()
    entries, log_problems = interventions.load()
    for problem in (*problems, *log_problems):
        st.warning(problem.message, icon=":material/warning:")
    editing = st.session_state.get("goal_editing")
    target = next((g for g in goal_list if g.id == editing), None)
    if target is not None:
        with st.container(border=True):
            st.subheader(f"Edit: {target.title}")
            saved = goal_form(bench, target, f"goal_edit_{target.id}_{target.revision}")
            if saved or st.button("Cancel editing"):
                st.session_state.pop("goal_editing", None)
                st.session_state["goal_saved"] = f"Saved '{saved.title}'." if saved else ""
                st.rerun()
    if st.session_state.get("goal_saved"):
        st.success(st.session_state.pop("goal_saved"), icon=":material/check:")
    outcomes = {c.name for c in bench.data.mapping.outcomes()}
    evaluations = [goals.assess(bench.con, g, outcomes, bench.min_n) for g in goal_list]
    if evaluations:
        st.dataframe(summary(evaluations), hide_index=True)
        for evaluation in evaluations:
            show(evaluation, entries)
    else:
        st.info("No goals yet. Set one below: for example, raise the share of English learners meeting the ELA "
                "standard, or close the suspension-rate gap for a group.", icon=":material/flag:")
    with st.expander("New goal", expanded=not goal_list, icon=":material/add:"):
        saved = goal_form(bench, None, "goal_new")
        if saved:
            st.session_state["goal_saved"] = f"Saved '{saved.title}'."
            for key in [k for k in st.session_state if str(k).startswith("goal_new")]:
                del st.session_state[key]
            st.rerun()
