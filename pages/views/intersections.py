"""Intersections: two dimensions crossed as a heat table, with the same suppression."""

import streamlit as st

from equity.app.session import DIMENSIONS
from equity.words.i18n import t
from equity.words.labels import dimension_label
from pages.views import flag_controls, shared

lang = shared.language()
picked = shared.analysis_header(t("nav.intersections", lang), "cross")
if picked:
    bench, column, rule = picked
    offered = shared.needed_dimensions(bench)
    if len(offered) < 2:
        st.info(t("page.cross.one_dimension", lang, dimension=dimension_label(DIMENSIONS[offered[0]], lang)))
        st.stop()
    cohort = flag_controls.cohort_picker(bench, "cross")
    left, right = st.columns(2)
    first = left.selectbox(t("page.cross.rows", lang), offered, key="cross_first",
                           format_func=lambda d: dimension_label(DIMENSIONS[d], lang))
    second = right.selectbox(t("page.cross.columns", lang), [d for d in offered if d != first],
                             key=f"cross_second_{first}", format_func=lambda d: dimension_label(DIMENSIONS[d], lang))
    section = bench.intersection(column.name, rule, first, second, column.header, cohort)
    if section.chart is not None:
        shared.chart(section.chart)
    else:
        st.info(t("page.cross.all_hidden", lang, min_n=f"{bench.min_n:d}"))
    shared.table(section.table)
