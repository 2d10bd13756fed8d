"""Gaps by group: one outcome, one dimension, a comparison; table, chart and the largest gap in words."""

import streamlit as st

from equity.charts import breakdown_frame, crosstab_frame, gap_chart, heat_table
from equity.crosstab import crosstab
from equity.dimensions import DIMENSIONS, GAP_DIMENSIONS
from equity.metrics import COMPARE_ALL, COMPARE_OTHERS, key_text
from equity.summary import largest_gap_sentence, overall_line
from pages.views import shared

picked = shared.analysis_header("Gaps by group", "gaps")
if picked:
    bench, column, rule = picked
    left, middle, right = st.columns(3)
    dimension = left.selectbox("Compare groups by", GAP_DIMENSIONS, key="gaps_dimension",
                               format_func=lambda d: DIMENSIONS[d].label)
    second = shared.crossed_with(dimension, "gaps", middle)
    if second:
        right.selectbox("Compared with", ["All students"], key="gaps_compare_crossed", disabled=True)
        table = crosstab(bench.con, column.name, rule, dimension, second, bench.filters, bench.min_n, column.header)
        if any(not c.suppressed for c in table.cells):
            st.altair_chart(heat_table(table), width="stretch")
        st.dataframe(crosstab_frame(table), hide_index=True, column_config=shared.FIGURE_FORMATS)
    else:
        first = bench.breakdown(column.name, rule, dimension, COMPARE_ALL, column.header)
        names = {COMPARE_ALL: "All students", COMPARE_OTHERS: "All other students",
                 **{key_text(g.key): g.label for g in first.groups}}
        choices = [COMPARE_ALL, COMPARE_OTHERS, *(key_text(g.key) for g in first.shown())]
        compare = right.selectbox("Compared with", choices, format_func=names.get, key=f"gaps_compare_{dimension}")
        result = first if compare == COMPARE_ALL else bench.breakdown(column.name, rule, dimension, compare,
                                                                      column.header)
        st.markdown(f"**{largest_gap_sentence(result)}**")
        if result.shown():
            st.altair_chart(gap_chart(result), width="stretch")
        st.caption(overall_line(result))
        st.dataframe(breakdown_frame(result), hide_index=True, column_config=shared.FIGURE_FORMATS)
