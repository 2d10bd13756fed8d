"""The form that creates or edits a goal: metric, population, baseline (from the data or typed in), target,
direction and trajectory. It only collects answers; `equity.goals` checks and stores them."""

from dataclasses import replace

import streamlit as st

from equity import goals, terms
from equity.dimensions import DIMENSIONS, GAP_DIMENSIONS
from equity.metrics import COMPARE_ALL, COMPARE_OTHERS, breakdown, key_text
from equity.records import WorkspaceError
from equity.session import Workbench
from equity.trends import data_terms
from pages.views import shared

TRAJECTORIES = {goals.STRAIGHT: "Straight line to the target I set", goals.HALVE: "Halve the distance"}


def _index(options, value, fallback: int = 0) -> int:
    return list(options).index(value) if value in options else fallback


def goal_form(bench: Workbench, existing: goals.Goal | None, key: str) -> goals.Goal | None:
    """Draw the form; return the goal once the user saved it."""
    old = existing
    title = st.text_input("Goal", value=old.title if old else "", key=f"{key}_title",
                          placeholder="e.g. Raise English learners proficient in ELA from 30% to 50% by 2027-28")
    picked = shared.outcome_picker(bench, key, default=(old.outcome, old.rule) if old else None)
    if not picked:
        return None
    column, rule = picked
    left, middle, right = st.columns(3)
    dims = ("", *GAP_DIMENSIONS)
    dimension = left.selectbox("Whose figure", dims, index=_index(dims, old.dimension if old else ""),
                               key=f"{key}_dimension",
                               format_func=lambda d: DIMENSIONS[d].label if d else "All students")
    group = group_label = ""
    measure, compare, compare_label = goals.VALUE, COMPARE_ALL, ""
    if dimension:
        result = breakdown(bench.con, column.name, rule, dimension, min_n=bench.min_n)
        labels = {key_text(g.key): g.label for g in result.groups}
        if not labels:
            st.warning("No group of this kind has a result for this outcome.")
            return None
        keys = list(labels)
        group = middle.selectbox("Group", keys, index=_index(keys, old.group if old else ""), format_func=labels.get,
                                 key=f"{key}_group_{dimension}")
        group_label = labels[group]
        kinds = {goals.VALUE: f"{group_label}'s own figure", goals.GAP: "Their gap to a comparison"}
        measure = right.radio("Measure", tuple(kinds), format_func=kinds.get, key=f"{key}_measure",
                              index=_index(tuple(kinds), old.measure if old else goals.VALUE))
        if measure == goals.GAP:
            versus = {COMPARE_ALL: "All students", COMPARE_OTHERS: "All other students",
                      **{k: v for k, v in labels.items() if k != group}}
            compare = right.selectbox("Compared with", tuple(versus), format_func=versus.get,
                                      index=_index(tuple(versus), old.compare if old else COMPARE_ALL),
                                      key=f"{key}_compare_{dimension}")
            compare_label = versus[compare].lower() if compare in (COMPARE_ALL, COMPARE_OTHERS) else versus[compare]
    found = data_terms(bench.con)
    choices = terms.ordered([*found, *([old.baseline_term] if old else [])])
    if not choices:
        st.warning("The loaded data has no term column. Upload data with a term or year to set goals.")
        return None
    left, middle, right = st.columns(3)
    baseline_term = left.selectbox("Baseline term", choices, key=f"{key}_baseline_term",
                                   index=_index(choices, old.baseline_term if old else choices[0]))
    draft = goals.Goal(title.strip(), column.name, column.header, rule, baseline_term, 0.0, baseline_term, 1.0,
                       dimension=dimension, group=group, group_label=group_label, measure=measure, compare=compare,
                       compare_label=compare_label)
    from_data = dict((p.term, p.value) for p in goals.actual(bench.con, draft, bench.min_n)).get(baseline_term)
    sources = ("data", "typed") if from_data is not None else ("typed",)
    source = middle.radio("Baseline value", sources, key=f"{key}_source",
                          index=_index(sources, "typed" if old and not old.baseline_from_data else "data"),
                          format_func={"data": f"From the data: {from_data or 0:.1f}{draft.unit}",
                                       "typed": "Type it in"}.get)
    if from_data is None:
        middle.caption(f"The data has no figure for {baseline_term} (hidden or missing): type the baseline in.")
    baseline = from_data if source == "data" else right.number_input(
        "Baseline", value=float(old.baseline if old else 0.0), step=0.1, format="%.1f", key=f"{key}_baseline")
    left, middle, right = st.columns(3)
    default_direction = old.direction if old else goals.default_direction(column.header, measure, baseline)
    direction = left.radio("Which way is better", (goals.HIGHER, goals.LOWER),
                           key=f"{key}_direction_{column.name}_{measure}_{baseline >= 0}",
                           index=_index((goals.HIGHER, goals.LOWER), default_direction),
                           format_func=lambda d: f"{d.capitalize()} is better")
    ideal = "100%" if measure == goals.VALUE and direction == goals.HIGHER else "0"
    trajectory = middle.radio("Interim targets", tuple(TRAJECTORIES), key=f"{key}_trajectory",
                              index=_index(tuple(TRAJECTORIES), old.trajectory if old else goals.STRAIGHT),
                              format_func=lambda t: TRAJECTORIES[t] + (f" to {ideal}" if t == goals.HALVE else ""))
    if trajectory == goals.HALVE:
        target = goals.halve_target(baseline, direction, measure)
        right.metric("Target", f"{target:.1f}{draft.unit}")
    else:
        target = right.number_input("Target", value=float(old.target if old else baseline), step=0.5, format="%.1f",
                                    key=f"{key}_target")
    latest = found[-1] if found else baseline_term
    target_term = st.text_input("Target term", value=old.target_term if old else terms.shift(latest, 3) or "",
                                key=f"{key}_target_term", help="Written like the data's terms, e.g. 2027-28")
    notes = st.text_area("Notes (why this goal, who set it)", value=old.notes if old else "", key=f"{key}_notes")
    goal = replace(draft, baseline=float(baseline), target=float(target), target_term=target_term.strip(),
                   direction=direction, trajectory=trajectory, baseline_from_data=source == "data", notes=notes,
                   id=old.id if old else "", revision=old.revision if old else 0)
    if st.button("Save goal", type="primary", key=f"{key}_save"):
        problems = goal.problems()
        if problems:
            st.error(" ".join(problems), icon=":material/error:")
            return None
        try:
            return goals.save(goal)
        except WorkspaceError as problem:
            st.error(str(problem), icon=":material/error:")
    return None
