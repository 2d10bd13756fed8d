"""Trends: any outcome by any group across the loaded terms, the gaps over time, and the log's interventions
drawn where they happened."""

import streamlit as st

from equity import interventions
from equity.dimensions import DIMENSIONS, GAP_DIMENSIONS
from equity.metrics import COMPARE_ALL, COMPARE_OTHERS
from equity.trend_charts import trend_chart, trend_frame, trend_title
from equity.trends import data_terms, gap_change_sentence, trend
from pages.views import shared

bench = shared.workbench()
st.title("Trends over time")
if shared.require_data(bench):
    shared.active_filters(bench)
    found = data_terms(bench.con, bench.filters)
    if len(found) < 2:
        st.info(f"Only {len(found)} term{'s' if len(found) != 1 else ''} loaded"
                f"{' (' + found[0] + ')' if found else ''}. Open several saved datasets together, one per term "
                "or year, or upload a file with a term column, to see change over time.",
                icon=":material/timeline:")
        st.page_link("pages/views/workspace.py", label="Saved data", icon=":material/folder_open:")
    picked = shared.outcome_picker(bench, "trends")
    if picked and found:
        column, rule = picked
        left, right = st.columns(2)
        dimension = left.selectbox("Groups by", GAP_DIMENSIONS, key="trends_dimension",
                                   format_func=lambda d: DIMENSIONS[d].label)
        first = trend(bench.con, column.name, rule, dimension, COMPARE_ALL, bench.filters, bench.min_n,
                      column.header)
        names = {COMPARE_ALL: "All students", COMPARE_OTHERS: "All other students", **dict(first.groups())}
        compare = right.selectbox("Gaps compared with", tuple(names), key=f"trends_compare_{dimension}",
                                  format_func=names.get)
        result = first if compare == COMPARE_ALL else trend(bench.con, column.name, rule, dimension, compare,
                                                            bench.filters, bench.min_n, column.header)
        entries, problems = interventions.load()
        show = st.toggle("Show interventions from the log", value=True, key="trends_markers")
        markers = interventions.markers(entries, result.terms) if show else ()
        st.markdown(f"**{gap_change_sentence(result)}**")
        for gaps in (False, True):
            st.markdown(f"##### {trend_title(result, gaps)}")
            st.altair_chart(trend_chart(result, markers, gaps), width="stretch")
        table = trend_frame(result)
        hidden = len(table[table["Hidden"] != ""])
        st.caption(f"{hidden or 'No'} figure{'s are' if hidden != 1 else ' is'} hidden (groups under {bench.min_n} "
                   "students): a hidden figure stops its line and × marks the term, rather than a drop to zero. "
                   "Dotted lines: interventions from the log, at their dates.")
        if show and len(markers) < len(entries):
            st.caption(f"{len(entries) - len(markers)} log entries fall outside the loaded terms and are not drawn.")
        st.dataframe(table, hide_index=True, column_config=shared.FIGURE_FORMATS)
