"""The optional step on 'Your data' that joins a roster or an event file to the main file, showing how many
rows matched, which did not and what was duplicated before the joined table is used."""

import duckdb
import streamlit as st

from equity import combine
from equity.dataset import DataError
from equity.ingest import IngestError, Upload, read_upload
from pages.views.shared import plain

NONE = "(none)"
KINDS = {combine.ROSTER: "Roster: one row per student (demographics)",
         combine.EVENTS: "Events: one row per incident or course enrolment (rolled up to counts)"}


def _examples(values: tuple[str, ...]) -> str:
    return f" (e.g. {plain(', '.join(values))})" if values else ""


def _pick(container, label: str, headers: list[str], chosen: str | None, key: str, optional: bool = False):
    options = [NONE, *headers] if optional else headers
    index = options.index(chosen) if chosen in options else 0
    value = container.selectbox(label, options, index=index, key=key)
    return None if value == NONE else value


def spec_editor(base: Upload, other: Upload, suggested: combine.JoinSpec) -> combine.JoinSpec:
    """The join as proposed, every choice editable."""
    kind = st.radio("What is this file?", list(KINDS), format_func=KINDS.get, key="join_kind",
                    index=list(KINDS).index(suggested.kind))
    main_headers, other_headers = base.table.column_names, other.table.column_names
    a, b, c, d = st.columns(4)
    base_name, other_name = plain(base.name), plain(other.name)
    main = combine.Keys(_pick(a, f"Student ID in {base_name}", main_headers, suggested.main.student_id, "join_main_id"),
                        _pick(b, f"Term in {base_name}", main_headers, suggested.main.term, "join_main_term", True))
    keys = combine.Keys(_pick(c, f"Student ID in {other_name}", other_headers, suggested.other.student_id,
                              "join_other_id"),
                        _pick(d, f"Term in {other_name}", other_headers, suggested.other.term, "join_other_term", True))
    if kind == combine.ROSTER:
        return combine.JoinSpec(kind, main, keys)
    left, right = st.columns(2)
    count_by = _pick(left, "Count events by", other_headers, suggested.count_by, "join_count_by", True)
    label = right.text_input("Name of the counts", value=suggested.label, key="join_label").strip() or "Events"
    return combine.JoinSpec(kind, main, keys, count_by, label)


def show_report(report: combine.JoinReport, base: Upload, other: Upload) -> None:
    how = "student ID and term" if report.by_term else "student ID"
    repeats = "student and term" if report.by_term else "student"
    cols = st.columns(4)
    if report.kind == combine.ROSTER:
        cols[0].metric("Rows matched", f"{report.matched:,} of {report.main_rows:,}")
        cols[1].metric("Rows not matched", f"{report.unmatched:,}")
        cols[2].metric("Duplicate roster rows", f"{report.duplicates:,}")
        cols[3].metric("Roster rows not used", f"{report.other_unmatched:,}")
        if report.unmatched:
            st.warning(f"{report.unmatched:,} rows of {plain(base.name)} have no roster row with the same {how}"
                       f"{_examples(report.unmatched_examples)}: their demographics will read as Not reported.",
                       icon=":material/person_off:")
        if report.duplicates:
            st.warning(f"{report.duplicates:,} roster rows repeat a {repeats}"
                       f"{_examples(report.duplicate_examples)}: the first row of each is used.",
                       icon=":material/content_copy:")
        if report.other_unmatched:
            st.caption(f"{report.other_unmatched:,} roster rows match no row of {plain(base.name)}"
                       f"{_examples(report.other_unmatched_examples)}.")
    else:
        cols[0].metric("Event rows", f"{report.other_rows:,}")
        cols[1].metric("Rows with any event", f"{report.matched:,} of {report.main_rows:,}")
        cols[2].metric("Students without a row", f"{report.other_unmatched:,}",
                       help=f"Students (and terms) in {plain(other.name)} that match no row of {plain(base.name)}")
        cols[3].metric("Columns added", len(report.added))
        st.caption(f"Events are counted per {how}. A row with no event counts 0"
                   + (" in the terms the event file covers (other terms stay blank)." if report.by_term else "."))
        if report.other_unmatched:
            st.warning(f"Events of {report.other_unmatched:,} students{' and terms' if report.by_term else ''}"
                       f"{_examples(report.other_unmatched_examples)} match no row of {plain(base.name)} and are left "
                       "out.", icon=":material/person_off:")
    if report.main_duplicates:
        st.warning(f"{report.main_duplicates:,} rows of {plain(base.name)} repeat a {repeats}"
                   f"{_examples(report.main_duplicate_examples)}; each still gets the joined values.",
                   icon=":material/content_copy:")
    st.caption("Columns added: " + ", ".join(f"'{plain(h)}'" for h in report.added))


def join_step(bench) -> None:
    base = bench.join_base()
    if base is None:
        return
    pending = st.session_state.get("join_other")
    with st.expander(f"Add a roster or event file to join to {plain(base.name)} (optional)",
                     expanded=pending is not None):
        st.caption("A gradebook or assessment export often has no demographics: join a roster by student ID (and "
                   "term). A file with one row per discipline incident or course enrolment is rolled up to counts "
                   "per student and term. You see what matched before anything is used.")
        file = st.file_uploader("Roster or event file", type=["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "ods",
                                                              "parquet"], key="join_upload")
        if file is not None and st.session_state.get("join_seen") != file.file_id:
            st.session_state["join_seen"] = file.file_id
            try:
                other = read_upload(file.getvalue(), file.name)
                st.session_state["join_other"] = (other, combine.suggest(bench.con, base, other))
            except IngestError as problem:
                st.error(plain(problem), icon=":material/error:")
        pending = st.session_state.get("join_other")
        if pending is None:
            return
        other, suggested = pending
        spec = spec_editor(base, other, suggested)
        try:
            combined = bench.preview_join(other, spec)
        except (ValueError, DataError, duckdb.Error) as problem:
            st.error(f"These files cannot be joined as chosen: {plain(problem)}", icon=":material/error:")
            return
        show_report(combined.report, base, other)
        use, drop = st.columns([1, 3])
        if use.button("Use the joined file", type="primary", key="join_use"):
            bench.accept_join(combined)
            st.session_state.pop("join_other", None)
            st.rerun()
        if drop.button("Do not join", key="join_drop"):
            st.session_state.pop("join_other", None)
            st.rerun()
