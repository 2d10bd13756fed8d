"""Your data: upload a file, check the mapping the app proposes, confirm it."""

import pandas as pd
import streamlit as st

from equity.dataset import DataError
from equity.i18n import t
from equity.ingest import IngestError
from equity.mapping import KINDS, ROLES, Mapping, outcome_kind, role_kind, unplaced_values
from equity.messages import Text
from equity.normalize import NOT_REPORTED, RACE_LABELS
from pages.views import shared
from pages.views.join_step import join_step

FILE_TYPES = ["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "ods", "parquet", "htm", "html"]

bench = shared.workbench()
lang = shared.language()
st.title(t("page.data.title", lang))
st.write(t("page.data.intro", lang))

uploaded = st.file_uploader(t("page.data.upload", lang), type=FILE_TYPES, key="upload")
if uploaded is not None and st.session_state.get("upload_seen") != uploaded.file_id:
    st.session_state["upload_seen"] = uploaded.file_id
    st.session_state.pop("upload_problem", None)
    name = shared.plain(uploaded.name)
    try:
        with st.status(t("page.data.reading", lang, name=name)) as status:
            bench.upload(uploaded.getvalue(), uploaded.name,
                         progress=lambda step: status.update(label=shared.message(step, lang) + "…"))
            status.update(label=t("page.data.read", lang, name=name), state="complete")
    except (IngestError, DataError) as problem:
        st.session_state["upload_problem"] = problem
    except Exception as problem:  # noqa: BLE001 - a file must never put a traceback in front of a user
        st.session_state["upload_problem"] = Text("page.data.unreadable", name=uploaded.name,
                                                  error=type(problem).__name__)

if "upload_problem" in st.session_state:
    kept = " " + t("page.data.kept", lang) if bench.data else ""
    st.error(shared.message(st.session_state["upload_problem"], lang) + kept, icon=":material/error:")

if bench.remembered and bench.staged is None and bench.data and not bench.data.sample:
    st.success(t("page.data.remembered", lang), icon=":material/check_circle:")


def role_label(role: str) -> str:
    return t(f"role.{role}", lang)


def kind_label(kind: str) -> str:
    return t(f"kind.{kind}", lang) if kind else ""


def mapping_editor(profiles, proposal: Mapping, key: str) -> Mapping:
    """The proposed role of every column as an editable table; returns the mapping as edited."""
    rows = pd.DataFrame([{
        "column": p.header, "examples": p.examples(), "role": c.role, "kind": c.kind or "",
        "unplaced": sum(n for _, n in unplaced_values(p, c.role, dict(proposal.codebook))),
    } for p, c in zip(profiles, proposal.columns, strict=True)])
    edited = st.data_editor(rows, hide_index=True, key=key, disabled=["column", "examples", "unplaced"],
                            column_config={
                                "column": st.column_config.TextColumn(t("page.data.col_column", lang)),
                                "examples": st.column_config.TextColumn(t("page.data.col_examples", lang)),
                                "role": st.column_config.SelectboxColumn(
                                    t("page.data.col_role", lang), options=ROLES, format_func=role_label,
                                    required=True, help=t("page.data.col_role_help", lang)),
                                "kind": st.column_config.SelectboxColumn(
                                    t("page.data.col_kind", lang), options=["", *KINDS], format_func=kind_label,
                                    help=t("page.data.col_kind_help", lang)),
                                "unplaced": st.column_config.NumberColumn(
                                    t("page.data.col_unplaced", lang), help=t("page.data.col_unplaced_help", lang)),
                            })
    result = proposal
    for row, column, profile in zip(edited.itertuples(index=False), proposal.columns, profiles, strict=True):
        kind = role_kind(row.role, row.kind or outcome_kind(profile) or "category")
        if (row.role, kind) != (column.role, column.kind):
            result = result.with_role(column.header, row.role, kind)
    return result


def codebook_editor(current: Mapping, key: str) -> Mapping:
    """Short race codes (A/B/H/W, 1-7) get a code book the user confirms, never a silent guess."""
    race = current.header_for("race_ethnicity")
    if not race or not current.codebook:
        return current
    st.subheader(t("page.data.codes_title", lang))
    st.write(t("page.data.codes_intro", lang, header=shared.plain(race)))
    rows = pd.DataFrame(list(current.codebook), columns=["code", "means"])
    edited = st.data_editor(rows, hide_index=True, key=key, disabled=["code"], column_config={
        "code": st.column_config.TextColumn(t("page.data.col_code", lang)),
        "means": st.column_config.SelectboxColumn(t("page.data.col_means", lang),
                                                  options=[*RACE_LABELS, NOT_REPORTED],
                                                  format_func=lambda label: t(f"label.{label}", lang),
                                                  required=True)})
    return Mapping(current.columns, current.term, tuple(zip(edited["code"], edited["means"], strict=True)))


def staged_step(staged) -> None:
    """The upload waiting for its mapping: notes on reading it, its sheet, the roles, confirm or discard."""
    upload = staged.upload
    st.subheader(t("page.data.check_columns", lang, name=shared.plain(upload.name)))
    for note in upload.notes:
        st.caption(shared.message(note, lang))
    if len(upload.sheets) > 1:
        sheet = st.selectbox(t("page.data.sheet", lang), upload.sheets, index=upload.sheets.index(upload.sheet),
                             key="sheet")
        if sheet != upload.sheet:
            try:
                bench.upload(uploaded.getvalue(), upload.name, sheet)
                st.rerun()
            except (IngestError, DataError) as problem:
                st.error(shared.message(problem, lang), icon=":material/error:")
    st.write(t("page.data.rows_proposed", lang, rows=f"{upload.table.num_rows:,}"))
    mapping = mapping_editor(staged.profiles, staged.proposal, key=f"editor_{id(staged)}")
    mapping = codebook_editor(mapping, key=f"codes_{id(staged)}")
    if mapping.header_for("term") is None:
        term = st.text_input(t("page.data.term", lang), key="term", placeholder=t("page.data.term_example", lang))
        mapping = Mapping(mapping.columns, term.strip() or None, mapping.codebook)
    left, right = st.columns([1, 4])
    if left.button(t("page.data.confirm", lang), type="primary"):
        try:
            bench.confirm(mapping)
            st.session_state.pop("upload_problem", None)
            st.rerun()
        except DataError as problem:
            st.error(shared.message(problem, lang), icon=":material/error:")
    if right.button(t("page.data.discard", lang)):
        bench.discard_upload()
        st.rerun()


def loaded_step(data) -> None:
    """What is loaded: where to go next, values that could not be placed, the mapping in use."""
    source = t("page.data.sample_source", lang) if data.sample else shared.plain(data.name)
    st.subheader(t("page.data.loaded", lang, source=source))
    st.write(t("page.data.loaded_rows", lang, rows=f"{data.report.rows:,}", page=t("nav.gaps", lang)))
    st.page_link("pages/views/gaps.py", label=t("nav.gaps", lang), icon=":material/bar_chart:")
    st.page_link("pages/views/workspace.py", label=t("page.data.keep_link", lang), icon=":material/folder_open:")
    for missing in data.report.unplaced:
        values = ", ".join(f"'{shared.plain(v)}' ({n:,})" for v, n in missing.values[:8])
        st.warning(t("page.data.unplaced", lang, rows=f"{missing.rows:,}", header=shared.plain(missing.header),
                     values=values), icon=":material/info:")
    with st.expander(t("page.data.mapping_in_use", lang)):
        st.dataframe(pd.DataFrame([{
            t("page.data.col_column", lang): c.header, t("page.data.col_role", lang): role_label(c.role),
            t("page.data.col_kind", lang): kind_label(c.kind), t("page.data.col_name", lang): c.name,
        } for c in data.mapping.columns]), hide_index=True)


join_step(bench)
if bench.staged is not None:
    staged_step(bench.staged)
elif bench.data is not None:
    loaded_step(bench.data)
