"""The form that creates or edits a goal: metric, population (all students, a group, or two groups crossed),
baseline (from the data or typed in), target, direction and trajectory. It only collects answers;
`equity.plans.goals` checks and stores them."""

from dataclasses import replace

import streamlit as st

from equity.app.session import (
    AT_BASELINE,
    COMPARE_ALL,
    DIMENSIONS,
    ENROLLED,
    GAP,
    HALVE,
    HIGHER,
    LOWER,
    STRAIGHT,
    VALUE,
    Goal,
    Workbench,
)
from equity.words.i18n import t
from equity.words.labels import comparison_choices, dimension_label
from equity.words.reader import bound
from pages.views import shared


def _index(options, value, fallback: int = 0) -> int:
    return list(options).index(value) if value in options else fallback


def goal_form(bench: Workbench, existing: Goal | None, key: str) -> Goal | None:
    """Draw the form; return the goal once the user saved it."""
    old = existing
    title = st.text_input(t("column.goal"), value=old.title if old else "", key=f"{key}_title",
                          placeholder=t("goals.form_placeholder"))
    picked = shared.outcome_picker(bench, key, default=(old.outcome, old.rule) if old else None)
    if not picked:
        return None
    column, rule = picked
    left, middle, right = st.columns(3)
    offered = shared.offered_dimensions(bench)
    dims = ("", *offered, *((old.dimension,) if old and old.dimension and old.dimension not in offered else ()))
    dimension = left.selectbox(t("goals.form_whose"), dims, index=_index(dims, old.dimension if old else ""),
                               key=f"{key}_dimension",
                               format_func=bound(lambda d: dimension_label(DIMENSIONS[d]) if d
                               else t("compare.all_title")))
    group = second_group = ""
    second = None
    measure, compare = VALUE, COMPARE_ALL
    if dimension:
        if old and old.second and f"{key}_second_{dimension}" not in st.session_state:
            st.session_state[f"{key}_second_{dimension}"] = old.second
        second = shared.crossed_with(dimension, key, left)
        labels = bench.goal_groups(column.name, rule, dimension, second or "")
        if not labels:
            st.warning(t("goals.form_no_group"))
            return None
        keys, suffix = list(labels), f"{dimension}_{second}" if second else dimension
        chosen = middle.selectbox(t("goals.form_group"), keys, index=_index(keys, old.group_key if old else ""),
                                  format_func=labels.get, key=f"{key}_group_{suffix}")
        group, second_group = bench.goal_book.split_group_key(chosen)
        kinds = {VALUE: t("goals.form_own", group=labels[chosen]), GAP: t("goals.form_gap")}
        measure = right.radio(t("goals.form_measure"), tuple(kinds), format_func=kinds.get, key=f"{key}_measure",
                              index=_index(tuple(kinds), old.measure if old else VALUE))
        if measure == GAP:
            versus = comparison_choices(None if second else {k: v for k, v in labels.items() if k != chosen})
            compare = right.selectbox(t("goals.form_compared"), tuple(versus), format_func=versus.get,
                                      index=_index(tuple(versus), old.compare if old else COMPARE_ALL),
                                      key=f"{key}_compare_{suffix}")
    choices = bench.baseline_terms(old.baseline_term if old else None)
    if not choices:
        st.warning(t("goals.form_no_terms"))
        return None
    left, middle, right = st.columns(3)
    baseline_term = left.selectbox(t("goals.form_baseline_term"), choices, key=f"{key}_baseline_term",
                                   index=_index(choices, old.baseline_term if old else choices[0]))
    whom = {ENROLLED: t("goals.population_enrolled"),
            AT_BASELINE: t("goals.population_baseline", term=shared.plain(baseline_term))}
    population = st.radio(t("goals.form_population"), tuple(whom), format_func=whom.get, horizontal=True,
                          index=_index(tuple(whom), old.population if old else ENROLLED), key=f"{key}_population")
    draft = bench.goal_book.draft(Goal(title.strip(), column.name, column.header, rule, baseline_term, 0.0,
                                      baseline_term, 1.0, dimension=dimension, group=group, measure=measure,
                                      compare=compare, second=second or "", second_group=second_group,
                                      population=population))
    from_data = dict((p.term, p.value) for p in bench.goal_actual(draft)).get(baseline_term)
    sources = ("data", "typed") if from_data is not None else ("typed",)
    source = middle.radio(t("goals.form_baseline_value"), sources, key=f"{key}_source",
                          index=_index(sources, "typed" if old and not old.baseline_from_data else "data"),
                          format_func={"data": t("goals.form_from_data",
                                                 value=draft.figure(from_data or 0)),
                                       "typed": t("goals.form_typed")}.get)
    if from_data is None:
        middle.caption(t("goals.form_no_baseline", term=shared.plain(baseline_term)))
    baseline = from_data if source == "data" else right.number_input(
        t("goals.form_baseline"), value=float(old.baseline if old else 0.0), step=0.1, format="%.1f",
        key=f"{key}_baseline")
    left, middle, right = st.columns(3)
    default_direction = old.direction if old else bench.goal_book.default_direction(column.header, measure, baseline)
    direction = left.radio(t("goals.form_direction"), (HIGHER, LOWER),
                           key=f"{key}_direction_{column.name}_{measure}_{baseline >= 0}",
                           index=_index((HIGHER, LOWER), default_direction),
                           format_func=bound(lambda d: t(f"goals.better_{d}").capitalize()))
    ideal = "100%" if measure == VALUE and direction == HIGHER else "0"
    trajectory = middle.radio(t("goals.form_interim"), (STRAIGHT, HALVE), key=f"{key}_trajectory",
                              index=_index((STRAIGHT, HALVE), old.trajectory if old else STRAIGHT),
                              format_func=bound(lambda p: t(f"goals.trajectory_{p}", ideal=ideal)))
    if trajectory == HALVE:
        target = bench.goal_book.halve_target(baseline, direction, measure)
        right.metric(t("goals.form_target"), draft.figure(target))
    else:
        suggested = old.target if old else bench.goal_book.suggested_target(baseline, direction, measure, rule.is_rate)
        target = right.number_input(t("goals.form_target"), value=float(suggested), step=0.5, format="%.1f",
                                    key=f"{key}_target")
    target_term = st.text_input(t("goals.form_target_term"),
                                value=old.target_term if old else bench.target_term(baseline_term),
                                key=f"{key}_target_term", help=t("goals.form_target_term_help"))
    notes = st.text_area(t("goals.form_notes"), value=old.notes if old else "", key=f"{key}_notes")
    goal = replace(draft, baseline=float(baseline), target=float(target), target_term=target_term.strip(),
                   direction=direction, trajectory=trajectory, baseline_from_data=source == "data", notes=notes,
                   id=old.id if old else "", revision=old.revision if old else 0)
    if st.button(t("goals.form_save"), type="primary", key=f"{key}_save"):
        return shared.saved(goal.problems(), lambda: bench.goal_book.save(goal))
    return None
