"""Intersections: two dimensions crossed as a heat table, with the same suppression."""

import streamlit as st

from equity.charts import crosstab_frame, heat_table
from equity.crosstab import crosstab
from equity.dimensions import DIMENSIONS, GAP_DIMENSIONS
from pages.views import shared

bench = shared.workbench()
st.title("Intersections")
if shared.require_data(bench):
    shared.active_filters(bench)
    picked = shared.outcome_picker(bench, "cross")
    if picked:
        column, rule = picked
        left, right = st.columns(2)
        first = left.selectbox("Rows", GAP_DIMENSIONS, key="cross_first", format_func=lambda d: DIMENSIONS[d].label)
        second_choices = [d for d in GAP_DIMENSIONS if d != first]
        second = right.selectbox("Columns", second_choices, index=0, key=f"cross_second_{first}",
                                 format_func=lambda d: DIMENSIONS[d].label)
        table = crosstab(bench.con, column.name, rule, first, second, bench.filters, bench.min_n, column.header)
        if any(not c.suppressed for c in table.cells):
            st.altair_chart(heat_table(table), width="stretch")
        else:
            st.info(f"Every cell has fewer than {bench.min_n} students (or is hidden to protect one that "
                    "does), so nothing can be shown.")
        st.dataframe(crosstab_frame(table), hide_index=True, column_config={
            "Value": st.column_config.NumberColumn(format="%.1f"),
            "Gap vs all students": st.column_config.NumberColumn(format="%+.1f"),
        })
