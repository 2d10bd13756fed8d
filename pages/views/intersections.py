"""Intersections: two dimensions crossed as a heat table, with the same suppression."""

import streamlit as st

from equity.charts import crosstab_frame, heat_table
from equity.crosstab import crosstab
from equity.dimensions import DIMENSIONS, GAP_DIMENSIONS
from equity.i18n import dimension_label, t
from pages.views import flag_controls, shared

lang = shared.language()
picked = shared.analysis_header(t("nav.intersections", lang), "cross")
if picked:
    bench, column, rule = picked
    cohort = flag_controls.cohort_picker(bench, "cross")
    left, right = st.columns(2)
    first = left.selectbox(t("page.cross.rows", lang), GAP_DIMENSIONS, key="cross_first",
                           format_func=lambda d: dimension_label(DIMENSIONS[d], lang))
    second = right.selectbox(t("page.cross.columns", lang), [d for d in GAP_DIMENSIONS if d != first],
                             key=f"cross_second_{first}", format_func=lambda d: dimension_label(DIMENSIONS[d], lang))
    table = crosstab(bench.con, column.name, rule, first, second, bench.cohort_filters(cohort), bench.min_n,
                     column.header, bench.coding)
    if any(not c.suppressed for c in table.cells):
        st.altair_chart(heat_table(table, lang), width="stretch")
    else:
        st.info(t("page.cross.all_hidden", lang, min_n=bench.min_n))
    st.dataframe(crosstab_frame(table, lang), hide_index=True, column_config=shared.figure_formats(lang))
