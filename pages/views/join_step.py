"""The optional step on 'Your data' that joins a roster or an event file to the main file, showing how many
rows matched, which did not and what was duplicated before the joined table is used."""

import streamlit as st

from equity.app.session import EVENTS, JOIN_ERRORS, ROSTER, IngestError, JoinReport, JoinSpec, Keys, Upload
from equity.words.i18n import t, tn
from equity.words.numbers import count
from pages.views.shared import message, plain

NONE = "(none)"
FILE_TYPES = ["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "ods", "parquet"]


def _examples(values: tuple[str, ...]) -> str:
    return t("join.examples", values=plain(", ".join(values))) if values else ""


def _counted(key: str, count: int, **params) -> str:
    """A sentence about `count` rows or students, in its singular form when there is one."""
    return tn(key, count, **params)


def _pick(container, label: str, headers: list[str], chosen: str | None, key: str,
          optional: bool = False):
    options = [NONE, *headers] if optional else headers
    index = options.index(chosen) if chosen in options else 0
    none = t("join.none")   # looked up now: format_func may be called outside the rerun (as AppTest does)
    value = container.selectbox(plain(label), options, index=index, key=key,
                                format_func=lambda h: none if h == NONE else h)
    return None if value == NONE else value


def spec_editor(base: Upload, other: Upload, suggested: JoinSpec) -> JoinSpec:
    """The join as proposed, every choice editable."""
    kinds = (ROSTER, EVENTS)
    names = {k: t(f"join.kind.{k}") for k in kinds}
    kind = st.radio(t("join.what"), kinds, format_func=names.get, key="join_kind",
                    index=kinds.index(suggested.kind))
    main_headers, other_headers = base.table.column_names, other.table.column_names
    a, b, c, d = st.columns(4)
    base_name, other_name = plain(base.name), plain(other.name)
    main = Keys(_pick(a, t("join.id_in", name=base_name), main_headers, suggested.main.student_id,
                              "join_main_id"),
                        _pick(b, t("join.term_in", name=base_name), main_headers, suggested.main.term,
                              "join_main_term", True))
    keys = Keys(_pick(c, t("join.id_in", name=other_name), other_headers,
                              suggested.other.student_id, "join_other_id"),
                        _pick(d, t("join.term_in", name=other_name), other_headers, suggested.other.term,
                              "join_other_term", True))
    if kind == ROSTER:
        return JoinSpec(kind, main, keys)
    left, right = st.columns(2)
    count_by = _pick(left, t("join.count_by"), other_headers, suggested.count_by, "join_count_by", True)
    label = (right.text_input(t("join.label"), value=suggested.label, key="join_label").strip()
             or t("join.events"))
    return JoinSpec(kind, main, keys, count_by, label)


def show_report(report: JoinReport, base: Upload, other: Upload) -> None:
    how = t("join.how.id_term" if report.by_term else "join.how.id")
    repeats = t("join.repeats.student_term" if report.by_term else "join.repeats.student")
    file, other_file = plain(base.name), plain(other.name)
    cols = st.columns(4)
    if report.kind == ROSTER:
        cols[0].metric(t("join.matched"),
                       t("join.of", part=count(report.matched), whole=count(report.main_rows)))
        cols[1].metric(t("join.unmatched"), count(report.unmatched))
        cols[2].metric(t("join.duplicates"), count(report.duplicates))
        cols[3].metric(t("join.roster_unused"), count(report.other_unmatched))
        if report.unmatched:
            st.warning(_counted("join.unmatched_warning", report.unmatched, file=file, how=how,
                                examples=_examples(report.unmatched_examples)), icon=":material/person_off:")
        if report.duplicates:
            st.warning(_counted("join.duplicates_warning", report.duplicates, repeats=repeats,
                                examples=_examples(report.duplicate_examples)), icon=":material/content_copy:")
        if report.other_unmatched:
            st.caption(_counted("join.roster_unused_caption", report.other_unmatched, file=file,
                                examples=_examples(report.other_unmatched_examples)))
    else:
        cols[0].metric(t("join.event_rows"), count(report.other_rows))
        cols[1].metric(t("join.with_event"),
                       t("join.of", part=count(report.matched), whole=count(report.main_rows)))
        cols[2].metric(t("join.students_without"), count(report.other_unmatched),
                       help=t("join.students_without_help", other=other_file, file=file))
        cols[3].metric(t("join.columns_added_metric"), len(report.added))
        st.caption(t("join.counted_term" if report.by_term else "join.counted", how=how))
        if report.other_unmatched:
            key = "join.events_unmatched_term" if report.by_term else "join.events_unmatched"
            examples = _examples(report.other_unmatched_examples)
            st.warning(_counted(key, report.other_unmatched, file=file, examples=examples),
                       icon=":material/person_off:")
    if report.main_duplicates:
        st.warning(_counted("join.main_duplicates", report.main_duplicates, file=file, repeats=repeats,
                            examples=_examples(report.main_duplicate_examples)), icon=":material/content_copy:")
    st.caption(t("join.columns_added", columns=", ".join(f"'{plain(h)}'" for h in report.added)))


def join_step(bench) -> None:
    base = bench.join_base()
    if base is None:
        return
    pending = st.session_state.get("join_other")
    with st.expander(t("join.expander", file=plain(base.name)), expanded=pending is not None):
        st.caption(t("join.intro"))
        file = st.file_uploader(t("join.file"), type=FILE_TYPES, key="join_upload")
        if file is not None and st.session_state.get("join_seen") != file.file_id:
            st.session_state["join_seen"] = file.file_id
            try:
                other = bench.read_join_file(file.getvalue(), file.name)
                st.session_state["join_other"] = (other, bench.suggest_join(other))
            except IngestError as problem:
                st.error(message(problem), icon=":material/error:")
        pending = st.session_state.get("join_other")
        if pending is None:
            return
        other, suggested = pending
        spec = spec_editor(base, other, suggested)
        try:
            combined = bench.preview_join(other, spec)
        except JOIN_ERRORS as problem:
            st.error(t("join.cannot", problem=message(problem)), icon=":material/error:")
            return
        show_report(combined.report, base, other)
        use, drop = st.columns([1, 3])
        if use.button(t("join.use"), type="primary", key="join_use"):
            bench.accept_join(combined)
            st.session_state.pop("join_other", None)
            st.rerun()
        if drop.button(t("join.drop"), key="join_drop"):
            st.session_state.pop("join_other", None)
            st.rerun()
