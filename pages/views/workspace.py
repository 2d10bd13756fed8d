"""Saved data: keep the loaded data in the workspace, open saved datasets together (one per term or year),
rename or delete them, and move the whole workspace to another machine. Says what is stored where."""

import streamlit as st

from equity.app.session import DataError, Workbench, WorkspaceError
from equity.present.workspace_tables import saved_table
from equity.words.i18n import t
from equity.words.messages import Text, words
from equity.words.numbers import count
from pages.views import shared

ERRORS = (WorkspaceError, DataError, OSError)


def note_where() -> None:
    """What the workspace holds, in plain words; the folder and how to move it only for whoever set the
    computer up, behind an expander."""
    lines = "\n".join(f"- {words(what)}" for _, what in Workbench.shelf.layout())
    st.info(t("page.saved.where", lines=lines), icon=":material/folder:")
    with st.expander(t("page.saved.setup")):
        base, variable = Workbench.shelf.folder()
        st.caption(shared.plain(t("page.saved.setup_folder", base=base, variable=variable)))


def flash(done: Text) -> None:
    """Say what was done after the rerun that shows its result (kept as a Text: the language may change)."""
    st.session_state["workspace_done"] = done
    st.rerun()


def failed(problem: Exception) -> None:
    st.error(shared.message(problem), icon=":material/error:")


def save_section(bench) -> None:
    st.subheader(t("page.saved.save_title"))
    data = bench.data
    if data.parts:
        st.caption(t("page.saved.already_open", name=shared.plain(data.name)))
        return
    name = st.text_input(t("page.saved.name"),
                         value=t("page.saved.sample_name") if data.sample else data.name, key="save_name")
    if st.button(t("page.saved.save"), type="primary", icon=":material/save:"):
        try:
            entry = bench.save(name)
            flash(Text("page.saved.saved", name=entry.name, rows=entry.rows,
                       terms=", ".join(entry.terms) or Text("page.saved.no_terms")))
        except ERRORS as problem:
            failed(problem)


def open_section(bench, saved) -> None:
    st.subheader(t("page.saved.list_title"))
    if not saved:
        st.caption(t("page.saved.nothing"))
        return
    shared.table(saved_table(saved))
    names = {e.id: t("page.saved.entry", name=e.name, terms=", ".join(e.terms) or t("page.saved.no_term"))
             for e in saved}
    in_use = [i for i in (bench.data.parts if bench.data else ()) if i in names]
    chosen = st.multiselect(t("page.saved.open_together"), list(names), default=in_use or list(names),
                            format_func=names.get, key="open_chosen",
                            placeholder=t("ui.choose_options"))
    for warning in bench.shelf.overlaps(tuple(e for e in saved if e.id in chosen)):
        st.warning(shared.message(warning), icon=":material/content_copy:")
    at_start = st.checkbox(t("page.saved.at_start"), value=True, key="open_at_start")
    left, right = st.columns([1, 3])
    if left.button(t("page.saved.open"), type="primary", disabled=not chosen, icon=":material/folder_open:"):
        try:
            data = bench.open_saved(tuple(chosen))
            bench.shelf.open_at_start(tuple(chosen) if at_start else ())
            flash(Text("page.saved.opened", name=data.name, rows=data.report.rows))
        except ERRORS as problem:
            failed(problem)
    if right.button(t("page.saved.open_sample"), icon=":material/science:"):
        bench.load_sample()
        bench.shelf.open_at_start(())
        flash(Text("page.saved.opened_sample"))
    with st.expander(t("page.saved.manage")):
        manage(bench, saved, names)


def manage(bench, saved, names: dict[str, str]) -> None:
    """Rename or delete one saved dataset."""
    by_id = {e.id: e for e in saved}
    pick = st.selectbox(t("page.saved.dataset"), list(by_id), format_func=names.get, key="manage_pick")
    entry = by_id[pick]
    new_name = st.text_input(t("page.saved.new_name"), value=entry.name, key=f"rename_{pick}")
    left, right = st.columns(2)
    if left.button(t("page.saved.rename"), icon=":material/edit:"):
        try:
            bench.shelf.rename(entry, new_name)
            flash(Text("page.saved.renamed", name=new_name.strip()))
        except ERRORS as problem:
            failed(problem)
    with right.popover(t("page.saved.delete"), icon=":material/delete:"):
        st.write(t("page.saved.delete_confirm", name=shared.plain(entry.name), rows=count(entry.rows)))
        if st.button(t("page.saved.delete_yes"), type="primary", key=f"delete_{pick}"):
            bench.shelf.delete(entry)
            flash(Text("page.saved.deleted", name=entry.name))


def move_section(bench) -> None:
    st.subheader(t("page.saved.move_title"))
    left, right = st.columns(2)
    with left:
        st.write(t("page.saved.move_intro"))
        if st.button(t("page.saved.prepare"), icon=":material/inventory_2:"):
            st.session_state["workspace_export"] = bench.shelf.export_archive()
        if "workspace_export" in st.session_state:
            st.download_button(t("page.saved.download"), st.session_state["workspace_export"],
                               file_name="equity-workspace.zip", mime="application/zip",
                               icon=":material/download:")
    with right:
        upload = st.file_uploader(t("page.saved.import_file"), type=["zip"], key="workspace_import")
        if upload is not None and st.button(t("page.saved.import"), icon=":material/upload:"):
            try:
                result = bench.shelf.import_archive(upload.getvalue())
                flash(Text("page.saved.imported", added=result.added, updated=result.updated, kept=result.kept))
            except WorkspaceError as problem:
                failed(problem)


bench = shared.workbench()
st.title(t("page.saved.title"))
note_where()
if st.session_state.get("workspace_done"):
    st.success(shared.message(st.session_state.pop("workspace_done")), icon=":material/check:")
saved, problems = bench.shelf.catalogue()
for problem in problems:
    st.warning(shared.message(problem.message), icon=":material/warning:")
if bench.data is not None:
    save_section(bench)
open_section(bench, saved)
move_section(bench)
