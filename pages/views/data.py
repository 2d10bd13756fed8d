"""Your data: upload a file, check the mapping the app proposes, confirm it."""

import pandas as pd
import streamlit as st

from equity.dataset import DataError
from equity.ingest import IngestError
from equity.mapping import KINDS, ROLE_LABELS, ROLES, Mapping, outcome_kind, unplaced_values
from equity.normalize import RACE_LABELS
from pages.views import shared
from pages.views.join_step import join_step

bench = shared.workbench()
st.title("Your data")
st.write("Upload a gradebook, roster or assessment export (CSV, Excel, OpenDocument or Parquet). It stays on "
         "this computer, in this browser session only.")

uploaded = st.file_uploader("Upload a file", type=["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "ods",
                                                   "parquet"], key="upload")
if uploaded is not None and st.session_state.get("upload_seen") != uploaded.file_id:
    st.session_state["upload_seen"] = uploaded.file_id
    st.session_state.pop("upload_problem", None)
    try:
        with st.status(f"Reading {shared.plain(uploaded.name)}…") as status:
            bench.upload(uploaded.getvalue(), uploaded.name,
                         progress=lambda step: status.update(label=shared.plain(step) + "…"))
            status.update(label=f"Read {shared.plain(uploaded.name)}", state="complete")
    except (IngestError, DataError) as problem:
        st.session_state["upload_problem"] = str(problem)
    except Exception as problem:  # noqa: BLE001 - a file must never put a traceback in front of a user
        st.session_state["upload_problem"] = (f"'{uploaded.name}' could not be read ({type(problem).__name__}). "
                                              "Save it again as .xlsx or .csv and upload that.")

if "upload_problem" in st.session_state:
    kept = " What was loaded before is still loaded." if bench.data else ""
    st.error(shared.plain(st.session_state["upload_problem"]) + kept, icon=":material/error:")

if bench.remembered and bench.staged is None and bench.data and not bench.data.sample:
    st.success("This export's layout was recognised: the mapping you confirmed before was applied. "
               "You can change it below.", icon=":material/check_circle:")


def mapping_editor(profiles, proposal: Mapping, key: str) -> Mapping:
    """The proposed role of every column as an editable table; returns the mapping as edited."""
    rows = pd.DataFrame([{
        "Column": p.header, "Examples": p.examples(), "Role": ROLE_LABELS[c.role], "Kind": c.kind or "",
        "Not placed": sum(n for _, n in unplaced_values(p, c.role, dict(proposal.codebook))),
    } for p, c in zip(profiles, proposal.columns, strict=True)])
    edited = st.data_editor(rows, hide_index=True, key=key, disabled=["Column", "Examples", "Not placed"],
                            column_config={
                                "Role": st.column_config.SelectboxColumn(options=[ROLE_LABELS[r] for r in ROLES],
                                                                         required=True),
                                "Kind": st.column_config.SelectboxColumn(options=["", *KINDS],
                                                                         help="For outcomes: numeric, "
                                                                              "category or boolean"),
                                "Not placed": st.column_config.NumberColumn(
                                    help="Rows whose value could not be placed; they count as Not reported"),
                            })
    by_label = {label: role for role, label in ROLE_LABELS.items()}
    result = proposal
    for row, column, profile in zip(edited.itertuples(index=False), proposal.columns, profiles, strict=True):
        role = by_label[row.Role]
        kind = (row.Kind or outcome_kind(profile) or "category") if role == "outcome" else ""
        if (role, kind) != (column.role, column.kind):
            result = result.with_role(column.header, role, kind)
    return result


def codebook_editor(profiles, current: Mapping, key: str) -> Mapping:
    """Short race codes (A/B/H/W, 1-7) get a code book the user confirms, never a silent guess."""
    race = current.header_for("race_ethnicity")
    if not race or not current.codebook:
        return current
    st.subheader("Race/ethnicity codes")
    st.write(f"'{shared.plain(race)}' uses short codes. Check what each code means in your system:")
    rows = pd.DataFrame(list(current.codebook), columns=["Code", "Means"])
    edited = st.data_editor(rows, hide_index=True, key=key, disabled=["Code"], column_config={
        "Means": st.column_config.SelectboxColumn(options=[*RACE_LABELS, "Not reported"], required=True)})
    return Mapping(current.columns, current.term, tuple(zip(edited["Code"], edited["Means"], strict=True)))


join_step(bench)
staged = bench.staged
if staged is not None:
    upload = staged.upload
    st.subheader(f"Check the columns of {shared.plain(upload.name)}")
    for note in upload.notes:
        st.caption(shared.plain(note))
    if len(upload.sheets) > 1:
        sheet = st.selectbox("Sheet", upload.sheets, index=upload.sheets.index(upload.sheet), key="sheet")
        if sheet != upload.sheet:
            try:
                bench.upload(uploaded.getvalue(), upload.name, sheet)
                st.rerun()
            except (IngestError, DataError) as problem:
                st.error(shared.plain(problem))
    st.write(f"{upload.table.num_rows:,} rows. Each column got a proposed role; change any that are wrong.")
    mapping = mapping_editor(staged.profiles, staged.proposal, key=f"editor_{id(staged)}")
    mapping = codebook_editor(staged.profiles, mapping, key=f"codes_{id(staged)}")
    if mapping.header_for("term") is None:
        term = st.text_input("Term or school year of this file (no column holds it)", key="term",
                             placeholder="e.g. 2024-25")
        mapping = Mapping(mapping.columns, term.strip() or None, mapping.codebook)
    left, right = st.columns([1, 4])
    if left.button("Confirm mapping", type="primary"):
        try:
            bench.confirm(mapping)
            st.session_state.pop("upload_problem", None)
            st.rerun()
        except DataError as problem:
            st.error(shared.plain(problem), icon=":material/error:")
    if right.button("Discard this upload"):
        bench.discard_upload()
        st.rerun()
elif bench.data is not None:
    data = bench.data
    source = "the sample district" if data.sample else shared.plain(data.name)
    st.subheader(f"Loaded: {source}")
    st.write(f"{data.report.rows:,} rows. Explore them on **Gaps by group**.")
    st.page_link("pages/views/gaps.py", label="Gaps by group", icon=":material/bar_chart:")
    st.page_link("pages/views/workspace.py", label="Keep it for next time, or open it with other terms: Saved data",
                 icon=":material/folder_open:")
    for missing in data.report.unplaced:
        values = ", ".join(f"'{shared.plain(v)}' ({n})" for v, n in missing.values[:8])
        st.warning(f"{missing.rows:,} rows of '{shared.plain(missing.header)}' could not be placed and count as "
                   f"Not reported: {values}", icon=":material/info:")
    with st.expander("Column mapping in use"):
        st.dataframe(pd.DataFrame([{"Column": c.header, "Role": ROLE_LABELS[c.role], "Kind": c.kind,
                                    "Name in analyses": c.name} for c in data.mapping.columns]),
                     hide_index=True)
