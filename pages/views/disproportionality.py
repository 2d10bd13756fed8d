"""Disproportionality: risk, risk ratio (IDEA method) and composition index per group for one outcome such
as suspension, special-education identification or AP enrolment, with the thresholds on screen."""

from dataclasses import replace

import streamlit as st

from equity.disproportionality import consecutive_flags, disproportionality
from equity.filters import Filters
from equity.risk_charts import ratio_chart, risk_frame
from equity.scorecard import RISK_RATIO, default_indicators
from equity.trends import data_terms
from pages.views import shared

bench = shared.workbench()
st.title("Disproportionality")
st.caption("Risk = share of a group with the outcome. Risk ratio = the group's risk ÷ the risk of all other "
           "students (IDEA method). Composition index = the group's share of students with the outcome ÷ its "
           "share of enrolment: below 1 means under-represented (e.g. in AP courses).")
if shared.require_data(bench):
    shared.active_filters(bench)
    usual = next(((i.outcome, i.rule) for i in default_indicators(bench.data.mapping, bench.data.profiles)
                  if i.method == RISK_RATIO), None)
    picked = shared.outcome_picker(bench, "risk", default=usual, rates_only=True)
    if picked:
        column, rule = picked
        first, second, third = st.columns(3)
        grouping = shared.grouping_picker("risk", columns=(first, second))
        terms = data_terms(bench.con, bench.filters)
        filters = bench.filters
        if terms:
            term = third.selectbox("Term", terms, index=len(terms) - 1, key="risk_term",
                                   help="Risk is measured within one term, so no student counts twice.")
            filters = replace(bench.filters, term=(term,))
        settings = shared.risk_settings("risk")
        st.caption(f"{settings.describe()} Groups under {bench.min_n} students are hidden. When the other "
                   "students are below the cell or n-size, the **alternate risk ratio** compares with all other "
                   "students in the whole loaded file (every term and school). 'Terms flagged in a row' counts "
                   "back from the chosen term: some states identify a group only after three.")
        result = disproportionality(bench.con, column.name, rule, grouping, filters, Filters(), settings,
                                    bench.min_n, column.header)
        flagged = result.flagged()
        if flagged:
            names = ", ".join(f"{shared.plain(g.label)} ({g.ratio:.2f})" for g in flagged)
            st.warning(f"**{len(flagged)} group{'s' if len(flagged) > 1 else ''} above a risk ratio of "
                       f"{settings.threshold:.1f}:** {names}.", icon=":material/flag:")
        else:
            st.success(f"No group has a risk ratio above {settings.threshold:.1f}.", icon=":material/check:")
        overall = result.overall_risk
        st.caption(f"All students: n = {result.overall.n:,}"
                   + (f", risk {overall:.1f}%" if overall is not None else " (hidden)")
                   + f"; {result.overall.missing:,} without a result are left out.")
        if any(g.ratio is not None for g in result.groups):
            st.altair_chart(ratio_chart(result), width="stretch")
        history = terms[:terms.index(term) + 1] if terms else []
        streaks = consecutive_flags(bench.con, column.name, rule, grouping, bench.filters, history, settings,
                                    bench.min_n) if len(history) > 1 else None
        st.dataframe(risk_frame(result, streaks), hide_index=True, column_config={
            "Risk %": st.column_config.NumberColumn(format="%.1f"),
            "Comparison risk %": st.column_config.NumberColumn(format="%.1f"),
            "Risk ratio": st.column_config.NumberColumn(format="%.2f"),
            "Composition index": st.column_config.NumberColumn(format="%.2f"),
        })
