"""Intersections: two dimensions crossed as a heat table, with the same suppression."""

import streamlit as st

from equity.charts import crosstab_frame, heat_table
from equity.crosstab import crosstab
from equity.dimensions import DIMENSIONS, GAP_DIMENSIONS
from pages.views import shared

picked = shared.analysis_header("Intersections", "cross")
if picked:
    bench, column, rule = picked
    left, right = st.columns(2)
    first = left.selectbox("Rows", GAP_DIMENSIONS, key="cross_first", format_func=lambda d: DIMENSIONS[d].label)
    second = right.selectbox("Columns", [d for d in GAP_DIMENSIONS if d != first], key=f"cross_second_{first}",
                             format_func=lambda d: DIMENSIONS[d].label)
    table = crosstab(bench.con, column.name, rule, first, second, bench.filters, bench.min_n, column.header)
    if any(not c.suppressed for c in table.cells):
        st.altair_chart(heat_table(table), width="stretch")
    else:
        st.info(f"Every cell has fewer than {bench.min_n} students (or is hidden to protect one that does), "
                "so nothing can be shown.")
    st.dataframe(crosstab_frame(table), hide_index=True, column_config=shared.FIGURE_FORMATS)
