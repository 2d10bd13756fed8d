"""Early warning: the ABC indicators (attendance, behaviour, course performance) at thresholds the user sets; a
summary by group, suppressed like every figure, with a way to log an intervention for a group; and the roster of
students, the most areas flagged first, behind the student-data confirmation."""

import streamlit as st

from equity.app.session import (
    AREAS,
    AT_LEAST,
    BELOW,
    COMBINED,
    DEFAULTS,
    DIMENSIONS,
    FILE_PREFIX,
    IN,
    MIME,
    Flag,
    file_stem,
)
from equity.words.glossary import explain
from equity.words.i18n import t
from equity.words.labels import dimension_label, group_label
from equity.words.numbers import count
from equity.words.reader import bound
from pages.views import shared

SETTING_WORDS = {BELOW: "warning.flag_below", AT_LEAST: "warning.flag_at_least", IN: "warning.flag_in"}


def thresholds(bench, signs):
    """The indicators at the thresholds the user set (each starts at its default)."""
    chosen = []
    with st.expander(t("warning.thresholds"), expanded=True, icon=":material/tune:"):
        st.caption(t("warning.defaults_note"))
        columns = st.columns(min(3, len(signs)))
        for i, sign in enumerate(signs):
            where = columns[i % len(columns)]
            key, name = f"warning_setting_{i}_{file_stem(sign.header or sign.area)}", shared.plain(sign.label)
            if sign.test in (BELOW, AT_LEAST):
                setting = where.number_input(t(SETTING_WORDS[sign.test], indicator=name), value=sign.threshold,
                                             step=1.0, key=key)
            elif sign.test == IN:
                setting = where.multiselect(t(SETTING_WORDS[IN], indicator=name),
                                            bench.column_values(sign.header), default=list(sign.categories), key=key)
            else:
                setting = None
                where.caption(t("warning.flag_yes", indicator=name))
            chosen.append(sign.adjusted(setting))
    return tuple(chosen)


def summary(bench, signs, term) -> None:
    """The share flagged by group, suppressed; a group shown can be followed up in the intervention log."""
    left, right = st.columns(2)
    offered = [d for d in shared.needed_dimensions(bench) if d not in (COMBINED, "term")]
    dimension = left.selectbox(t("warning.by"), offered, key="warning_dimension",
                               format_func=bound(lambda d: dimension_label(DIMENSIONS[d])))
    covered = [a for a in AREAS if any(s.area == a for s in signs)]
    area = right.selectbox(t("warning.area"), [None, *covered], key="warning_area",
                           format_func=bound(lambda a: t(f"warning.area_{a}") if a else t("warning.any_area")))
    result = bench.warning_summary(signs, dimension, term, area)
    section = bench.gap_view(result, Flag.NEWCOMBE, DEFAULTS).section()
    if section.chart is not None:
        shared.chart(section.chart, section.table)
    shared.table(section.table)
    st.caption(shared.plain(t("warning.summary_note", term=term or t("page.scorecard.all_terms"), min_n=bench.min_n)))
    shared.section_downloads(section, file_stem(f"warning {term or ''} {dimension}"), "warning_dl")
    shown = [g for g in result.shown() if g.value]
    if shown:
        left, right = st.columns([2, 1], vertical_alignment="bottom")
        names = {result.dimension.group_label(g.key): group_label(result.dimension, g.key) for g in shown}
        group = left.selectbox(t("warning.log_group"), list(names), format_func=names.get, key="warning_log_group")
        if right.button(t("warning.log_button"), icon=":material/edit_note:", key="warning_log"):
            st.session_state["log_group"] = group       # the words the log stores, as in English
            st.switch_page("pages/views/log.py")


def roster(bench, signs, term) -> None:
    """The student-level roster, behind the same confirmation and labelling as the student list."""
    with st.expander(t("warning.roster_title"), icon=":material/warning:"):
        st.warning(t("page.report.student_intro"))
        if not st.checkbox(t("page.report.student_confirm"), key="warning_confirm"):
            return
        table = bench.warning_roster(signs, term)
        when = shared.plain(term or t("page.scorecard.all_terms"))
        st.caption(t("warning.roster_rows", rows=count(len(table.rows)), term=when))
        shared.table(table)
        title = t("warning.roster_file_title", term=when)
        stem = f"{FILE_PREFIX}-{file_stem('warning ' + (term or ''))}"
        left, right, _ = st.columns([1, 1, 2])
        for column, fmt in ((left, "csv"), (right, "xlsx")):
            column.download_button(t(f"warning.roster_{fmt}"), lambda fmt=fmt: bench.table_file(table, title, fmt),
                                   file_name=f"{stem}.{fmt}", mime=MIME[fmt], on_click="ignore",
                                   key=f"dl_warning_{fmt}")


bench = shared.workbench()
st.title(t("nav.warning"))
if shared.require_data(bench) and shared.student_rows(bench):
    st.caption(t("warning.intro"), help=explain("early_warning"))
    shared.active_filters(bench)
    found = bench.warning_signs()
    if not found:
        st.info(t("warning.none"), icon=":material/info:")
        st.stop()
    signs = thresholds(bench, found)
    terms = bench.terms(filtered=True)
    term = st.selectbox(t("warning.term"), terms, index=len(terms) - 1, key="warning_term") if terms else None
    summary(bench, signs, term)
    roster(bench, signs, term)
