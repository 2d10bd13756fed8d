"""The intervention and decision log: add, find, edit and export what was diagnosed, designed, implemented and
reflected on. Entries show up on the trend and goal charts at their dates."""

from datetime import date

import streamlit as st

from equity.app.session import STAGES, Entry, stage_label
from equity.words.i18n import t
from equity.words.reader import bound
from pages.views import shared

ANY = None          # the group filter's "any group"; "" is all students, as entries store it


def entry_form(bench, existing: Entry | None, goal_titles: dict[str, str], names: dict[str, str],
               key: str) -> Entry | None:
    """The fields of one entry (`names`: the loaded data's groups, stored words -> shown words); returns the
    entry once the user saved it."""
    old = existing
    with st.form(key, clear_on_submit=existing is None, border=existing is not None):
        left, middle, right = st.columns(3)
        when = left.date_input(t("log.column_date"), value=old.day if old else date.today(), key=f"{key}_date")
        stage = middle.selectbox(t("log.column_stage"), STAGES, key=f"{key}_stage",
                                 index=STAGES.index(old.stage) if old else 0,
                                 format_func=stage_names.get)
        owner = right.text_input(t("log.column_owner"), value=old.owner if old else "", key=f"{key}_owner")
        title = st.text_input(t("log.column_title"), value=old.title if old else "", key=f"{key}_title",
                              placeholder=t("log.title_placeholder"))
        current_group = old.group if old else st.session_state.get("log_group", "")   # a page may prefill it
        groups = ["", *names, *([current_group] if current_group and current_group not in names else [])]
        left, right = st.columns(2)
        group = left.selectbox(t("log.group_concerns"), groups, index=groups.index(current_group),
                               key=f"{key}_group",
                               format_func=bound(lambda g: names.get(g, g) if g else t("compare.all_title")))
        goal_ids = ["", *goal_titles]
        chosen_goal = old.goal_id if old else st.session_state.get("log_goal", "")
        goal_id = right.selectbox(t("log.goal_concerns"), goal_ids, key=f"{key}_goal",
                                  index=goal_ids.index(chosen_goal) if chosen_goal in goal_ids else 0,
                                  format_func=bound(lambda g: goal_titles.get(g, t("log.no_goal"))))
        decision = st.text_area(t("log.decision_label"), value=old.decision if old else "",
                                key=f"{key}_decision")
        result = st.text_area(t("log.column_result"), value=old.result if old else "", key=f"{key}_result")
        if not st.form_submit_button(t("log.save"), type="primary"):
            return None
    entry = Entry(when.isoformat(), stage, title.strip(), group, goal_id, owner.strip(),
                                decision.strip(), result.strip(), old.id if old else "", old.revision if old else 0)
    return shared.saved(entry.problems(), lambda: bench.log_book.save(entry))


bench = shared.workbench()
st.title(t("nav.log"))
st.write(t("log.intro"))
names = bench.group_names()
stage_names = {s: stage_label(s).capitalize() for s in STAGES}   # looked up now: see equity.words.reader
goal_list, goal_problems = bench.goal_book.load()
goal_titles = {g.id: g.title for g in goal_list}
entries, problems = bench.log_book.load()
for problem in (*problems, *goal_problems):
    st.warning(shared.message(problem.message), icon=":material/warning:")
if st.session_state.get("log_saved"):
    st.success(shared.plain(st.session_state.pop("log_saved")), icon=":material/check:")
if not entries and not problems:
    st.info(t("log.empty"), icon=":material/edit_note:")

with st.expander(t("log.new_entry"), expanded=not entries or "log_goal" in st.session_state
                 or "log_group" in st.session_state,
                 icon=":material/add:"):
    added = entry_form(bench, None, goal_titles, names, "log_new")
    if added:
        st.session_state.pop("log_goal", None)
        st.session_state.pop("log_group", None)
        st.session_state["log_saved"] = t("log.logged", title=added.title)
        st.rerun()

if entries:
    st.subheader(t("log.entries"))
    left, middle, right = st.columns(3)
    stages = left.multiselect(t("log.column_stage"), STAGES, key="log_stages",
                              placeholder=t("ui.choose_options"),
                              format_func=stage_names.get)
    goal_filter = middle.selectbox(t("log.column_goal"), ["", *goal_titles], key="log_goal_filter",
                                   format_func=bound(lambda g: goal_titles.get(g, t("log.any_goal"))))
    group_filter = right.selectbox(
        t("log.column_group"), [ANY, *dict.fromkeys(e.group for e in entries)], key="log_group_filter",
        format_func=bound(lambda g: t("log.any_group") if g is ANY else names.get(g, g) if g
        else t("compare.all_title")))
    text = st.text_input(t("log.search"), key="log_text")
    chosen = bench.log_book.select(entries, tuple(stages), goal_filter, group_filter or "", text,
                                  whole_school=group_filter == "")
    st.caption(t("log.count", shown=len(chosen), total=len(entries)))
    log = bench.log_book.table(chosen, goal_titles, names)    # the same table its download writes
    shared.table(log)
    st.download_button(t("log.download"), bench.table_file(log, "", "csv"),
                       file_name=t("log.file_name"), mime="text/csv", icon=":material/download:")
    st.subheader(t("log.edit_heading"))
    by_id = {e.id: e for e in chosen}
    picked = st.selectbox(t("log.entry"), list(by_id), key="log_pick",
                          format_func=lambda i: f"{by_id[i].date} · {by_id[i].title}")
    if picked:
        entry = by_id[picked]
        if entry_form(bench, entry, goal_titles, names, f"log_edit_{entry.id}_{entry.revision}"):
            st.session_state["log_saved"] = t("log.saved", title=entry.title)
            st.rerun()
        with st.popover(t("log.delete"), icon=":material/delete:"):
            if st.button(t("log.delete_confirm"), key=f"log_delete_{entry.id}", type="primary"):
                bench.log_book.delete(entry)
                st.session_state["log_saved"] = t("log.deleted", title=entry.title)
                st.rerun()
