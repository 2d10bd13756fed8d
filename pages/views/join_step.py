"""The optional step on 'Your data' that joins a roster or an event file to the main file, showing how many
rows matched, which did not and what was duplicated before the joined table is used."""

import duckdb
import streamlit as st

from equity.data import combine
from equity.data.dataset import DataError
from equity.data.ingest import IngestError, Upload, read_upload
from equity.words.i18n import t, tn
from equity.words.numbers import count
from pages.views.shared import language, message, plain

NONE = "(none)"
FILE_TYPES = ["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "ods", "parquet"]


def _examples(values: tuple[str, ...], lang: str) -> str:
    return t("join.examples", lang, values=plain(", ".join(values))) if values else ""


def _counted(key: str, count: int, lang: str, **params) -> str:
    """A sentence about `count` rows or students, in its singular form when there is one."""
    return tn(key, count, lang, **params)


def _pick(container, label: str, headers: list[str], chosen: str | None, key: str, lang: str,
          optional: bool = False):
    options = [NONE, *headers] if optional else headers
    index = options.index(chosen) if chosen in options else 0
    value = container.selectbox(plain(label), options, index=index, key=key,
                                format_func=lambda h: t("join.none", lang) if h == NONE else h)
    return None if value == NONE else value


def spec_editor(base: Upload, other: Upload, suggested: combine.JoinSpec, lang: str) -> combine.JoinSpec:
    """The join as proposed, every choice editable."""
    kinds = (combine.ROSTER, combine.EVENTS)
    kind = st.radio(t("join.what", lang), kinds, format_func=lambda k: t(f"join.kind.{k}", lang), key="join_kind",
                    index=kinds.index(suggested.kind))
    main_headers, other_headers = base.table.column_names, other.table.column_names
    a, b, c, d = st.columns(4)
    base_name, other_name = plain(base.name), plain(other.name)
    main = combine.Keys(_pick(a, t("join.id_in", lang, name=base_name), main_headers, suggested.main.student_id,
                              "join_main_id", lang),
                        _pick(b, t("join.term_in", lang, name=base_name), main_headers, suggested.main.term,
                              "join_main_term", lang, True))
    keys = combine.Keys(_pick(c, t("join.id_in", lang, name=other_name), other_headers,
                              suggested.other.student_id, "join_other_id", lang),
                        _pick(d, t("join.term_in", lang, name=other_name), other_headers, suggested.other.term,
                              "join_other_term", lang, True))
    if kind == combine.ROSTER:
        return combine.JoinSpec(kind, main, keys)
    left, right = st.columns(2)
    count_by = _pick(left, t("join.count_by", lang), other_headers, suggested.count_by, "join_count_by", lang, True)
    label = (right.text_input(t("join.label", lang), value=suggested.label, key="join_label").strip()
             or t("join.events", lang))
    return combine.JoinSpec(kind, main, keys, count_by, label)


def show_report(report: combine.JoinReport, base: Upload, other: Upload, lang: str) -> None:
    how = t("join.how.id_term" if report.by_term else "join.how.id", lang)
    repeats = t("join.repeats.student_term" if report.by_term else "join.repeats.student", lang)
    file, other_file = plain(base.name), plain(other.name)
    cols = st.columns(4)
    if report.kind == combine.ROSTER:
        cols[0].metric(t("join.matched", lang),
                       t("join.of", lang, part=count(report.matched, lang), whole=count(report.main_rows, lang)))
        cols[1].metric(t("join.unmatched", lang), count(report.unmatched, lang))
        cols[2].metric(t("join.duplicates", lang), count(report.duplicates, lang))
        cols[3].metric(t("join.roster_unused", lang), count(report.other_unmatched, lang))
        if report.unmatched:
            st.warning(_counted("join.unmatched_warning", report.unmatched, lang, file=file, how=how,
                                examples=_examples(report.unmatched_examples, lang)), icon=":material/person_off:")
        if report.duplicates:
            st.warning(_counted("join.duplicates_warning", report.duplicates, lang, repeats=repeats,
                                examples=_examples(report.duplicate_examples, lang)), icon=":material/content_copy:")
        if report.other_unmatched:
            st.caption(_counted("join.roster_unused_caption", report.other_unmatched, lang, file=file,
                                examples=_examples(report.other_unmatched_examples, lang)))
    else:
        cols[0].metric(t("join.event_rows", lang), count(report.other_rows, lang))
        cols[1].metric(t("join.with_event", lang),
                       t("join.of", lang, part=count(report.matched, lang), whole=count(report.main_rows, lang)))
        cols[2].metric(t("join.students_without", lang), count(report.other_unmatched, lang),
                       help=t("join.students_without_help", lang, other=other_file, file=file))
        cols[3].metric(t("join.columns_added_metric", lang), len(report.added))
        st.caption(t("join.counted_term" if report.by_term else "join.counted", lang, how=how))
        if report.other_unmatched:
            key = "join.events_unmatched_term" if report.by_term else "join.events_unmatched"
            examples = _examples(report.other_unmatched_examples, lang)
            st.warning(_counted(key, report.other_unmatched, lang, file=file, examples=examples),
                       icon=":material/person_off:")
    if report.main_duplicates:
        st.warning(_counted("join.main_duplicates", report.main_duplicates, lang, file=file, repeats=repeats,
                            examples=_examples(report.main_duplicate_examples, lang)), icon=":material/content_copy:")
    st.caption(t("join.columns_added", lang, columns=", ".join(f"'{plain(h)}'" for h in report.added)))


def join_step(bench) -> None:
    base = bench.join_base()
    if base is None:
        return
    lang = language()
    pending = st.session_state.get("join_other")
    with st.expander(t("join.expander", lang, file=plain(base.name)), expanded=pending is not None):
        st.caption(t("join.intro", lang))
        file = st.file_uploader(t("join.file", lang), type=FILE_TYPES, key="join_upload")
        if file is not None and st.session_state.get("join_seen") != file.file_id:
            st.session_state["join_seen"] = file.file_id
            try:
                other = read_upload(file.getvalue(), file.name)
                st.session_state["join_other"] = (other, bench.suggest_join(other))
            except IngestError as problem:
                st.error(message(problem, lang), icon=":material/error:")
        pending = st.session_state.get("join_other")
        if pending is None:
            return
        other, suggested = pending
        spec = spec_editor(base, other, suggested, lang)
        try:
            combined = bench.preview_join(other, spec)
        except (ValueError, DataError, duckdb.Error) as problem:
            st.error(t("join.cannot", lang, problem=message(problem, lang)), icon=":material/error:")
            return
        show_report(combined.report, base, other, lang)
        use, drop = st.columns([1, 3])
        if use.button(t("join.use", lang), type="primary", key="join_use"):
            bench.accept_join(combined)
            st.session_state.pop("join_other", None)
            st.rerun()
        if drop.button(t("join.drop", lang), key="join_drop"):
            st.session_state.pop("join_other", None)
            st.rerun()
