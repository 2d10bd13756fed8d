"""The intervention and decision log: add, find, edit and export what was diagnosed, designed, implemented and
reflected on. Entries show up on the trend and goal charts at their dates."""

from datetime import date

import streamlit as st

from equity import goals, interventions
from equity.dimensions import GAP_DIMENSIONS
from equity.filters import label, options
from equity.records import WorkspaceError
from pages.views import shared

ALL = "All students"


def group_choices(bench) -> list[str]:
    """Every group in the loaded data, in words, for the 'concerns' picker."""
    if bench.data is None:
        return [ALL]
    found = options(bench.con)
    names = [label(d, v) for d in GAP_DIMENSIONS if d in found for v in found[d] if v not in ("null",)]
    return [ALL, *dict.fromkeys(n for n in names if n != "Not reported")]


def entry_form(bench, existing: interventions.Entry | None, goal_titles: dict[str, str], key: str
               ) -> interventions.Entry | None:
    """The fields of one entry; returns it once the user saved it."""
    old = existing
    with st.form(key, clear_on_submit=existing is None, border=existing is not None):
        left, middle, right = st.columns(3)
        when = left.date_input("Date", value=old.day if old else date.today(), key=f"{key}_date")
        stage = middle.selectbox("Stage", interventions.STAGES, key=f"{key}_stage",
                                 index=interventions.STAGES.index(old.stage) if old else 0,
                                 format_func=str.capitalize)
        owner = right.text_input("Owner", value=old.owner if old else "", key=f"{key}_owner")
        title = st.text_input("Title", value=old.title if old else "", key=f"{key}_title",
                              placeholder="e.g. Small-group ELA tutoring for English learners, grades 6-8")
        groups = group_choices(bench)
        current_group = (old.group or ALL) if old else ALL
        if current_group not in groups:
            groups.append(current_group)
        left, right = st.columns(2)
        group = left.selectbox("Group it concerns", groups, index=groups.index(current_group), key=f"{key}_group")
        goal_ids = ["", *goal_titles]
        chosen_goal = old.goal_id if old else st.session_state.get("log_goal", "")
        goal_id = right.selectbox("Goal it concerns", goal_ids, key=f"{key}_goal",
                                  index=goal_ids.index(chosen_goal) if chosen_goal in goal_ids else 0,
                                  format_func=lambda g: goal_titles.get(g, "No goal"))
        decision = st.text_area("What was decided or changed", value=old.decision if old else "",
                                key=f"{key}_decision")
        result = st.text_area("What happened", value=old.result if old else "", key=f"{key}_result")
        if not st.form_submit_button("Save entry", type="primary"):
            return None
    entry = interventions.Entry(when.isoformat(), stage, title.strip(), "" if group == ALL else group, goal_id,
                                owner.strip(), decision.strip(), result.strip(), old.id if old else "",
                                old.revision if old else 0)
    problems = entry.problems()
    if problems:
        st.error(" ".join(problems), icon=":material/error:")
        return None
    try:
        return interventions.save(entry)
    except WorkspaceError as problem:
        st.error(str(problem), icon=":material/error:")
        return None


bench = shared.workbench()
st.title("Intervention and decision log")
st.write("What your team diagnosed, designed, implemented and reflected on, and what happened. Entries are "
         "drawn on the trend and goal charts at their dates, and kept in the workspace on this computer.")
goal_list, goal_problems = goals.load()
goal_titles = {g.id: g.title for g in goal_list}
entries, problems = interventions.load()
for problem in (*problems, *goal_problems):
    st.warning(problem.message, icon=":material/warning:")
if st.session_state.get("log_saved"):
    st.success(st.session_state.pop("log_saved"), icon=":material/check:")

with st.expander("New entry", expanded=not entries or "log_goal" in st.session_state, icon=":material/add:"):
    added = entry_form(bench, None, goal_titles, "log_new")
    if added:
        st.session_state.pop("log_goal", None)
        st.session_state["log_saved"] = f"Logged '{added.title}'."
        st.rerun()

if entries:
    st.subheader("Entries")
    left, middle, right = st.columns(3)
    stages = left.multiselect("Stage", interventions.STAGES, key="log_stages", format_func=str.capitalize)
    goal_filter = middle.selectbox("Goal", ["", *goal_titles], key="log_goal_filter",
                                   format_func=lambda g: goal_titles.get(g, "Any goal"))
    group_filter = right.selectbox("Group", ["", *dict.fromkeys(e.group or ALL for e in entries)],
                                   key="log_group_filter", format_func=lambda g: g or "Any group")
    text = st.text_input("Search titles, owners, decisions and results", key="log_text")
    chosen = interventions.select(entries, tuple(stages), goal_filter,
                                  "" if group_filter == ALL else group_filter, text)
    if group_filter == ALL:
        chosen = tuple(e for e in chosen if not e.group)
    st.caption(f"{len(chosen)} of {len(entries)} entries.")
    st.dataframe(interventions.frame(chosen, goal_titles), hide_index=True)
    st.download_button("Download these entries (CSV)", interventions.export_csv(chosen, goal_titles),
                       file_name="intervention-log.csv", mime="text/csv", icon=":material/download:")
    st.subheader("Edit or delete an entry")
    by_id = {e.id: e for e in chosen}
    picked = st.selectbox("Entry", list(by_id), key="log_pick",
                          format_func=lambda i: f"{by_id[i].date} · {by_id[i].title}")
    if picked:
        entry = by_id[picked]
        if entry_form(bench, entry, goal_titles, f"log_edit_{entry.id}_{entry.revision}"):
            st.session_state["log_saved"] = f"Saved '{entry.title}'."
            st.rerun()
        with st.popover("Delete this entry", icon=":material/delete:"):
            if st.button("Yes, delete it", key=f"log_delete_{entry.id}", type="primary"):
                interventions.delete(entry)
                st.session_state["log_saved"] = f"Deleted '{entry.title}'."
                st.rerun()
