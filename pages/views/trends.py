"""Trends: any outcome by any group, or by two groups crossed (e.g. race × income), across the loaded terms,
the gaps over time, and the log's interventions drawn where they happened."""

import streamlit as st

from equity.app.session import COMPARE_ALL, DIMENSIONS, Section, file_stem
from equity.present.trend_charts import hidden_count, trend_chart, trend_table, trend_title
from equity.words.i18n import t, tn
from equity.words.labels import comparison_choices, dimension_label
from equity.words.numbers import count
from equity.words.reader import bound
from equity.words.summary import gap_change_sentence
from pages.views import shared

bench = shared.workbench()
st.title(t("nav.trends"))
if shared.require_data(bench):
    shared.active_filters(bench)
    found = bench.terms(filtered=True)
    if len(found) < 2:
        few = t("trends.few_terms_one", term=found[0]) if found else t("trends.few_terms_none")
        st.info(shared.plain(few), icon=":material/timeline:")
        st.page_link("pages/views/workspace.py", label=t("trends.saved_link"), icon=":material/folder_open:")
    picked = shared.outcome_picker(bench, "trends")
    if picked and found:
        column, rule = picked
        left, middle, right = st.columns(3)
        dimension = left.selectbox(t("trends.groups_by"), shared.needed_dimensions(bench),
                                   key="trends_dimension",
                                   format_func=bound(lambda d: dimension_label(DIMENSIONS[d])))
        second = shared.crossed_with(dimension, "trends", middle)
        first = bench.trend(column.name, rule, dimension, COMPARE_ALL, column.header, second)
        names = comparison_choices(None if second else dict(first.groups()))
        compare = right.selectbox(t("trends.compare"), tuple(names),
                                  key=f"trends_compare_{dimension}" + (f"_{second}" if second else ""),
                                  format_func=names.get)
        result = first if compare == COMPARE_ALL else bench.trend(column.name, rule, dimension, compare,
                                                                  column.header, second)
        show = st.toggle(t("trends.show_markers"), value=True, key="trends_markers")
        markers, logged = bench.log_markers(result.terms) if show else ((), 0)
        st.markdown(f"**{shared.plain(gap_change_sentence(result))}**")
        table = trend_table(result)
        for gaps in (False, True):
            title = trend_title(result, gaps)
            st.markdown(f"##### {shared.plain(title)}")
            shared.chart(trend_chart(result, markers, gaps), table, title)
        hidden = hidden_count(table)
        counted = (tn("trends.hidden", hidden, min_n=f"{bench.min_n:d}") if hidden
                   else t("trends.hidden_none", min_n=f"{bench.min_n:d}"))
        st.caption(counted + (" " + t("trends.crossed_note") if second else ""))
        if show and len(markers) < logged:
            st.caption(t("trends.outside", count=count(logged - len(markers))))
        shared.table(table)
        shared.section_downloads(Section(trend_title(result, False), (), table),
                                 file_stem(f"trends {column.name} {dimension} {second or ''}"), "trends_dl")
