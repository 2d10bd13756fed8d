"""Saved data: keep the loaded data in the workspace, open saved datasets together (one per term or year),
rename or delete them, and move the whole workspace to another machine. Says what is stored where."""

import pandas as pd
import streamlit as st

from equity import archive, library, workspace
from equity.dataset import DataError
from equity.records import WorkspaceError
from pages.views import shared

ERRORS = (WorkspaceError, DataError, OSError)


def note_where() -> None:
    """What the workspace holds and where, in plain words."""
    base = workspace.root().resolve()
    lines = "\n".join(f"- `{base / folder}`: {what}" for folder, what in workspace.LAYOUT)
    st.info(f"**Stored on this computer only, in `{base}`** (set `EQUITY_WORKSPACE` to move it):\n\n{lines}\n\n"
            "Uploads stay in this browser session until you save them here. Saved datasets hold student rows, "
            "student IDs included: keep this folder, and any export of it, as safe as the original files.",
            icon=":material/folder:")


def saved_table(saved: tuple[library.SavedDataset, ...]) -> pd.DataFrame:
    return pd.DataFrame([{
        "Name": e.name, "Terms": ", ".join(e.terms) or "—", "Rows": e.rows, "Outcomes": len(e.outcomes),
        "From file": e.source, "Saved": e.saved_at.replace("T", " "),
        "Size (MB)": round(e.path.stat().st_size / 1e6, 2) if e.path.exists() else None,
    } for e in saved])


def flash(message: str) -> None:
    st.session_state["workspace_done"] = message
    st.rerun()


def save_section(bench) -> None:
    st.subheader("Save the loaded data")
    data = bench.data
    if data.parts:
        st.caption(f"The loaded data is opened from the workspace already: {data.name}.")
        return
    name = st.text_input("Name", value="Sample district" if data.sample else data.name, key="save_name")
    if st.button("Save to workspace", type="primary", icon=":material/save:"):
        try:
            entry = bench.save(name)
            flash(f"Saved '{entry.name}' ({entry.rows:,} rows, terms {', '.join(entry.terms) or 'none'}).")
        except ERRORS as problem:
            st.error(str(problem), icon=":material/error:")


def open_section(bench, saved) -> None:
    st.subheader("Saved datasets")
    if not saved:
        st.caption("Nothing saved yet. Upload a file on 'Your data', confirm its columns, then save it here. "
                   "Save one file per term or year, then open them together to see trends.")
        return
    st.dataframe(saved_table(saved), hide_index=True)
    names = {e.id: f"{e.name} ({', '.join(e.terms) or 'no term'})" for e in saved}
    in_use = [i for i in (bench.data.parts if bench.data else ()) if i in names]
    chosen = st.multiselect("Open together (one per term or year)", list(names), default=in_use or list(names),
                            format_func=names.get, key="open_chosen")
    for warning in library.overlaps(tuple(e for e in saved if e.id in chosen)):
        st.warning(warning, icon=":material/content_copy:")
    at_start = st.checkbox("Open these when the app starts", value=True, key="open_at_start")
    left, right = st.columns([1, 3])
    if left.button("Open selected", type="primary", disabled=not chosen, icon=":material/folder_open:"):
        try:
            data = bench.open_saved(tuple(chosen))
            library.remember_startup(tuple(chosen) if at_start else ())
            flash(f"Opened {data.name}: {data.report.rows:,} rows.")
        except ERRORS as problem:
            st.error(str(problem), icon=":material/error:")
    if right.button("Open the sample district instead", icon=":material/science:"):
        bench.load_sample()
        library.remember_startup(())
        flash("Opened the sample district.")
    with st.expander("Rename or delete a saved dataset"):
        by_id = {e.id: e for e in saved}
        pick = st.selectbox("Dataset", list(by_id), format_func=names.get, key="manage_pick")
        entry = by_id[pick]
        new_name = st.text_input("New name", value=entry.name, key=f"rename_{pick}")
        left, right = st.columns(2)
        if left.button("Rename", icon=":material/edit:"):
            try:
                library.rename(entry, new_name)
                flash(f"Renamed to '{new_name.strip()}'.")
            except ERRORS as problem:
                st.error(str(problem), icon=":material/error:")
        with right.popover("Delete", icon=":material/delete:"):
            st.write(f"Delete '{entry.name}' and its {entry.rows:,} student rows from the workspace? "
                     "Goals and log entries are kept.")
            if st.button("Yes, delete it", type="primary", key=f"delete_{pick}"):
                library.delete(entry)
                if pick in library.startup():
                    library.remember_startup(tuple(i for i in library.startup() if i != pick))
                flash(f"Deleted '{entry.name}'. What is loaded now stays loaded until you open other data.")


def move_section() -> None:
    st.subheader("Move the workspace to another computer")
    left, right = st.columns(2)
    with left:
        st.write("One file with every saved dataset, goal, log entry and column mapping.")
        if st.button("Prepare an export", icon=":material/inventory_2:"):
            st.session_state["workspace_export"] = archive.export_workspace()
        if "workspace_export" in st.session_state:
            st.download_button("Download the workspace (.zip)", st.session_state["workspace_export"],
                               file_name="equity-workspace.zip", mime="application/zip",
                               icon=":material/download:")
    with right:
        upload = st.file_uploader("Import a workspace export", type=["zip"], key="workspace_import")
        if upload is not None and st.button("Import", icon=":material/upload:"):
            try:
                result = archive.import_workspace(upload.getvalue())
                flash(f"Imported: {result.added} new files, {result.updated} updated, {result.kept} already here "
                      "(kept as they were).")
            except WorkspaceError as problem:
                st.error(str(problem), icon=":material/error:")


bench = shared.workbench()
st.title("Saved data")
note_where()
if st.session_state.get("workspace_done"):
    st.success(st.session_state.pop("workspace_done"), icon=":material/check:")
saved, problems = library.catalogue()
for problem in problems:
    st.warning(problem.message, icon=":material/warning:")
if bench.data is not None:
    save_section(bench)
open_section(bench, saved)
move_section()
