"""On track in 9th grade: the share of an entering cohort's 9th graders on track by group (a rule the user sets),
and where later terms say who graduated, the share of the on-track and off-track students who did."""

import streamlit as st

from equity.app.session import COMBINED, DEFAULTS, DIMENSIONS, Flag, Section, file_stem
from equity.present.ontrack_tables import graduation_group_table, graduation_table
from equity.words.glossary import explain
from equity.words.i18n import t
from equity.words.labels import dimension_label, dimension_phrase
from equity.words.reader import bound
from pages.views import shared

bench = shared.workbench()
st.title(t("nav.ontrack"))
if shared.require_data(bench) and shared.student_rows(bench):
    st.caption(t("ontrack.intro"), help=explain("on_track"))
    shared.active_filters(bench)
    found = bench.on_track_rule()
    terms = bench.terms()
    if found is None or not terms:
        st.info(t("ontrack.none"), icon=":material/info:")
        st.stop()
    left, middle, right = st.columns(3)
    credits = left.number_input(t("ontrack.min_credits"), min_value=0.0, value=found.min_credits, step=0.5,
                                key="ontrack_credits")
    failures = middle.number_input(t("ontrack.max_failures"), min_value=0.0, value=found.max_failures, step=1.0,
                                   key="ontrack_failures", disabled=not found.failures,
                                   help=None if found.failures else t("ontrack.no_failures"))
    rule = found.with_settings(credits, failures)
    term = right.selectbox(t("ontrack.term"), terms, key="ontrack_term")
    offered = [d for d in shared.needed_dimensions(bench) if d not in (COMBINED, "grade", "term")]
    dimension = st.selectbox(t("ontrack.by"), offered, key="ontrack_dimension",
                             format_func=bound(lambda d: dimension_label(DIMENSIONS[d])))
    section = bench.gap_view(bench.on_track(rule, dimension, term), Flag.NEWCOMBE, DEFAULTS).section()
    if section.chart is not None:
        shared.chart(section.chart, section.table)
    shared.table(section.table)
    st.caption(shared.plain(t("ontrack.rule_note", credits=f"{rule.min_credits:g}", failures=f"{rule.max_failures:g}",
                              term=term)))
    shared.section_downloads(section, file_stem(f"ontrack {term} {dimension}"), "ontrack_dl")
    finished = bench.graduation(rule, term)
    if finished is None:
        st.info(t("ontrack.no_graduation"), icon=":material/school:")
    else:
        st.markdown(f"##### {shared.plain(t('ontrack.graduation_title', term=term))}")
        table = graduation_table(finished, bench.min_n)
        shared.table(table)
        for note in table.notes:
            st.caption(shared.plain(note))
        title = t("ontrack.graduation_by_group_title", dimension=dimension_phrase(DIMENSIONS[dimension]))
        st.markdown(f"##### {shared.plain(title)}")
        by_group = graduation_group_table(bench.graduation_by_group(rule, dimension, term), DIMENSIONS[dimension],
                                          bench.min_n)
        shared.table(by_group)
        shared.section_downloads(Section(title, (), by_group), file_stem(f"graduation {term} {dimension}"),
                                 "graduation_dl")
