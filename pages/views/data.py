"""Your data: upload a file, check the mapping the app proposes and the values it placed, confirm it."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from equity.app.session import (
    DIMENSIONS,
    GUESSED,
    KINDS,
    NO,
    NOT_REPORTED,
    ROLES,
    UNPLACED,
    YES,
    DataError,
    IngestError,
    Mapping,
)
from equity.words.i18n import t
from equity.words.labels import dimension_label
from equity.words.messages import Text
from equity.words.numbers import count
from equity.words.reader import bound
from pages.views import shared
from pages.views.join_step import join_step
from pages.views.spark_connect import spark_connect

FILE_TYPES = ["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "ods", "parquet", "htm", "html"]

bench = shared.workbench()
st.title(t("page.data.title"))
st.write(t("page.data.intro"))

uploaded = st.file_uploader(t("page.data.upload"), type=FILE_TYPES, key="upload")
if uploaded is not None and st.session_state.get("upload_seen") != uploaded.file_id:
    st.session_state["upload_seen"] = uploaded.file_id
    st.session_state.pop("upload_problem", None)
    name, before = shared.plain(uploaded.name), bench.data
    try:
        with st.status(t("page.data.reading", name=name)) as status:
            bench.upload(uploaded.getvalue(), uploaded.name,
                         progress=lambda step: status.update(label=shared.message(step) + "…"))
            status.update(label=t("page.data.read", name=name), state="complete")
    except (IngestError, DataError) as problem:
        st.session_state["upload_problem"] = problem
    except Exception as problem:  # noqa: BLE001 - a file must never put a traceback in front of a user
        st.session_state["upload_problem"] = Text("page.data.unreadable", name=uploaded.name,
                                                  error=type(problem).__name__)
    if bench.data is not before:   # applied at once under a remembered layout: the sidebar, drawn before this
        st.rerun()                 # page, still names the data it replaced

if "upload_problem" in st.session_state:
    kept = " " + t("page.data.kept") if bench.data else ""
    st.error(shared.message(st.session_state["upload_problem"]) + kept, icon=":material/error:")

if bench.remembered and bench.staged is None and bench.data and not bench.data.sample:
    st.success(t("page.data.remembered", section=t("page.data.mapping_in_use")),
               icon=":material/check_circle:")


def role_label(role: str) -> str:
    return t(f"role.{role}")


def kind_label(kind: str) -> str:
    return t(f"kind.{kind}") if kind else ""


def mapping_editor(profiles, proposal: Mapping, key: str) -> Mapping:
    """The proposed role of every column as an editable table; returns the mapping as edited."""
    rows = pd.DataFrame([{
        "column": p.header, "examples": p.examples(), "role": c.role, "kind": c.kind or "",
        "looks": t(f"measure.{c.measure}") if c.measure else "",
        "unplaced": bench.unplaced_rows(p, c.role, proposal),
    } for p, c in zip(profiles, proposal.columns, strict=True)])
    edited = st.data_editor(rows, hide_index=True, key=key, disabled=["column", "examples", "looks", "unplaced"],
                            column_config={
                                "column": st.column_config.TextColumn(t("page.data.col_column")),
                                "examples": st.column_config.TextColumn(t("page.data.col_examples")),
                                "role": st.column_config.SelectboxColumn(
                                    t("page.data.col_role"), options=ROLES, format_func=role_label,
                                    required=True, help=t("page.data.col_role_help")),
                                "kind": st.column_config.SelectboxColumn(
                                    t("page.data.col_kind"), options=["", *KINDS], format_func=kind_label,
                                    help=t("page.data.col_kind_help")),
                                "looks": st.column_config.TextColumn(
                                    t("page.data.col_looks"), help=t("page.data.col_looks_help")),
                                "unplaced": st.column_config.NumberColumn(
                                    t("page.data.col_unplaced"), help=t("page.data.col_unplaced_help")),
                            })
    result = proposal
    for row, column, profile in zip(edited.itertuples(index=False), proposal.columns, profiles, strict=True):
        kind = bench.edited_kind(profile, row.role, row.kind)
        if (row.role, kind) != (column.role, column.kind):
            result = result.with_role(column.header, row.role, kind)
    return result


def means_label(role: str, option: str) -> str:
    """A canonical value as the value map's picker shows it: a label, a grade, yes or no."""
    if option in (YES, NO):
        return t(f"page.data.value_{option}")
    return t(f"label.{option}") if role in ("race_ethnicity", "gender") or option == NOT_REPORTED else option


def value_map_editor(profiles, current: Mapping, key: str) -> Mapping:
    """Every distinct raw value of each race, gender, grade and yes/no column with its rows, each assignable to
    any canonical value; pre-filled, never locked, values nothing could place listed first (and left empty)."""
    result, maps = bench.value_maps(profiles, current)    # no choices left for a role or value the columns lost
    for role, header, rows in maps:
        doubtful = any(r.status in (UNPLACED, GUESSED) for r in rows)
        title = t("page.data.values_title", header=shared.plain(header), role=role_label(role))
        with st.expander(title, expanded=doubtful):
            frame = pd.DataFrame([{"value": t("page.data.blank") if r.raw is None else r.raw, "rows": r.rows,
                                   "how": t(f"page.data.how_{r.status}"),
                                   "means": None if r.status == UNPLACED else r.canonical} for r in rows])
            edited = st.data_editor(frame, hide_index=True, key=f"{key}_{role}", disabled=["value", "rows", "how"],
                                    column_config={
                "value": st.column_config.TextColumn(t("page.data.col_value")),
                "rows": st.column_config.NumberColumn(t("page.data.col_rows")),
                "how": st.column_config.TextColumn(t("page.data.col_how")),
                "means": st.column_config.SelectboxColumn(t("page.data.col_means"),
                                                          options=bench.value_options(role),
                                                          format_func=bound(lambda o, r=role: means_label(r, o)))})
        # A value left empty stays unplaced (Not reported, and listed), in this file and the next of its layout.
        chosen = {r.raw or "": means for r, means in zip(rows, edited["means"], strict=True)
                  if isinstance(means, str) and means}
        result = result.with_values(role, chosen, complete=True)
    return result


def staged_step(staged) -> None:
    """The upload waiting for its mapping: notes on reading it, its sheet, the roles, confirm or discard."""
    upload = staged.upload
    st.subheader(t("page.data.check_columns", name=shared.plain(upload.name)))
    for note in upload.notes:
        st.caption(shared.message(note))
    if len(upload.sheets) > 1:
        sheet = st.selectbox(t("page.data.sheet"), upload.sheets, index=upload.sheets.index(upload.sheet),
                             key="sheet")
        if sheet != upload.sheet:
            try:
                bench.upload(uploaded.getvalue(), upload.name, sheet)
                st.rerun()
            except (IngestError, DataError) as problem:
                st.error(shared.message(problem), icon=":material/error:")
    st.write(t("page.data.rows_proposed", rows=count(staged.rows)))
    mapping = mapping_editor(staged.profiles, staged.proposal, key=f"editor_{id(staged)}")
    new = bench.staged_new_values()
    if new:
        st.warning(t("page.data.new_values", values=", ".join(f"'{shared.plain(raw)}' ({shared.plain(h)})"
                                                                   for h, raw in new[:12])), icon=":material/info:")
    mapping = value_map_editor(staged.profiles, mapping, key=f"values_{id(staged)}")
    if mapping.header_for("term") is None:
        term = st.text_input(t("page.data.term"), key="term", placeholder=t("page.data.term_example"))
        mapping = replace(mapping, term=term.strip() or None)
    left, right = st.columns([1, 4])
    if left.button(t("page.data.confirm"), type="primary"):
        try:
            bench.confirm(mapping)
            st.session_state.pop("upload_problem", None)
            st.rerun()
        except DataError as problem:
            st.error(shared.message(problem), icon=":material/error:")
    if right.button(t("page.data.discard")):
        bench.discard_upload()
        st.rerun()


def groups_line() -> None:
    """Which of race, income, English learner, special education and 504 the file has; the others are not
    offered on any page, and this says why."""
    found = bench.groups_found()
    names = [dimension_label(DIMENSIONS[d]) for d in found.has]
    st.info(t("page.data.groups_has", groups=", ".join(names)) if names else t("page.data.groups_none"),
            icon=":material/groups:")
    if found.lacks:
        st.caption(t("page.data.groups_lacks",
                     groups=", ".join(dimension_label(DIMENSIONS[d]) for d in found.lacks)))


def loaded_step(data) -> None:
    """What is loaded: where to go next, values that could not be placed, the mapping in use."""
    source = t("page.data.sample_source") if data.sample else shared.plain(data.name)
    st.subheader(t("page.data.loaded", source=source))
    st.write(t("page.data.loaded_rows", rows=count(data.report.rows), page=t("nav.gaps")))
    groups_line()
    st.page_link("pages/views/gaps.py", label=t("nav.gaps"), icon=":material/bar_chart:")
    st.page_link("pages/views/workspace.py", label=t("page.data.keep_link"), icon=":material/folder_open:")
    for missing in data.report.unplaced:
        values = ", ".join(f"'{shared.plain(v)}' ({count(n)})" for v, n in missing.values[:8])
        st.warning(t("page.data.unplaced", rows=count(missing.rows), header=shared.plain(missing.header),
                     values=values), icon=":material/info:")
    for problem in data.report.problems:
        st.warning(t(f"counts.problem.{problem.kind}", cells=count(problem.cells),
                     header=shared.plain(problem.header), examples=shared.plain("; ".join(problem.examples))),
                   icon=":material/warning:")
    if data.report.totals:
        st.info(t("counts.totals", names=shared.plain(", ".join(data.report.totals))),
                icon=":material/functions:")
    for hidden in data.report.suppressed:
        values = ", ".join(f"'{shared.plain(v)}' ({count(n)})" for v, n in hidden.values[:8])
        st.info(t("page.data.suppressed", cells=count(hidden.cells), header=shared.plain(hidden.header),
                  values=values), icon=":material/visibility_off:")
    with st.expander(t("page.data.mapping_in_use")):
        st.dataframe(pd.DataFrame([{
            t("page.data.col_column"): c.header, t("page.data.col_role"): role_label(c.role),
            t("page.data.col_kind"): kind_label(c.kind), t("page.data.col_name"): c.name,
        } for c in data.mapping.columns]), hide_index=True)


spark_connect(bench)
join_step(bench)
if bench.staged is not None:
    staged_step(bench.staged)
elif bench.data is not None:
    loaded_step(bench.data)
