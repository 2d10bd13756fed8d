"""Intersections: two dimensions crossed as a heat table, with the same suppression."""

import streamlit as st

from equity.app.session import DIMENSIONS
from equity.words.i18n import t
from equity.words.labels import dimension_label
from equity.words.reader import bound
from pages.views import flag_controls, shared

picked = shared.analysis_header(t("nav.intersections"), "cross")
if picked:
    bench, column, rule = picked
    offered = shared.needed_dimensions(bench)
    if len(offered) < 2:
        st.info(t("page.cross.one_dimension", dimension=dimension_label(DIMENSIONS[offered[0]])))
        st.stop()
    cohort = flag_controls.cohort_picker(bench, "cross")
    left, right = st.columns(2)
    first = left.selectbox(t("page.cross.rows"), offered, key="cross_first",
                           format_func=bound(lambda d: dimension_label(DIMENSIONS[d])))
    second = right.selectbox(t("page.cross.columns"), [d for d in offered if d != first],
                             key=f"cross_second_{first}", format_func=bound(lambda d: dimension_label(DIMENSIONS[d])))
    section = bench.intersection(column.name, rule, first, second, column.header, cohort)
    if section.chart is not None:
        shared.chart(section.chart, section.table)
    else:
        st.info(t("page.cross.all_hidden", min_n=f"{bench.min_n:d}"))
    shared.table(section.table)
