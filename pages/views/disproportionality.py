"""Disproportionality: risk, risk ratio (IDEA method) and composition index per group for one outcome such
as suspension, special-education identification or AP enrolment, with the thresholds on screen."""

import streamlit as st

from equity.app.session import Section, file_stem
from equity.present.risk_charts import ratio_chart, risk_table
from equity.words.glossary import explain
from equity.words.groupings import grouping_group
from equity.words.i18n import t, tn
from equity.words.labels import size_text
from equity.words.numbers import decimal
from pages.views import shared

bench = shared.workbench()
st.title(t("nav.disproportionality"))
st.caption(t("page.risk.intro"), help=explain("idea", "risk", "risk_ratio", "composition_index"))
if shared.require_data(bench):
    shared.active_filters(bench)
    picked = shared.outcome_picker(bench, "risk", default=bench.usual_risk_outcome(), rates_only=True)
    if picked:
        column, rule = picked
        first, second, third = st.columns(3)
        grouping = shared.grouping_picker("risk", t("page.scorecard.compare_by"), columns=(first, second))
        terms = bench.terms(filtered=True)
        term = third.selectbox(t("column.term"), terms, index=len(terms) - 1, key="risk_term",
                               help=t("page.risk.term_help")) if terms else None
        settings = shared.risk_settings(bench, "risk")
        st.caption(f"{shared.plain(settings.describe())} {t('page.risk.notes', min_n=f'{bench.min_n:d}')}")
        result = bench.risk(column.name, rule, grouping, column.header, term)
        flagged = result.flagged()
        if flagged:
            names = ", ".join(f"{shared.plain(grouping_group(grouping, g.key))} ({decimal(g.ratio, 2)})"
                              for g in flagged)
            st.warning(tn("page.risk.flagged", len(flagged), threshold=decimal(settings.threshold, 1),
                          groups=names),
                       icon=":material/flag:")
        elif highest := result.highest():       # not an all-clear: how close the highest comes to the threshold
            st.info(t("page.risk.highest_below", ratio=decimal(highest.ratio, 2),
                      threshold=decimal(settings.threshold, 1),
                      group=shared.plain(grouping_group(grouping, highest.key))), icon=":material/info:")
        else:
            st.info(t("page.risk.no_ratio", threshold=decimal(settings.threshold, 1)), icon=":material/info:")
        overall = result.overall_risk
        shown = t("page.risk.overall_risk", risk=decimal(overall, 1)) if overall is not None else \
            t("page.risk.overall_hidden")
        st.caption(shared.plain(t("page.risk.overall",
                                  n=size_text(result.overall_size, result.overall_reason, result.min_n),
                                  shown=shown, missing=size_text(result.missing_size, result.missing_reason,
                                                                 result.min_n))))
        if result.comparison:
            st.caption(t("page.risk.comparison_total", name=shared.plain(result.comparison)))
        chart = ratio_chart(result) if any(g.ratio is not None for g in result.groups) else None
        history = terms[:terms.index(term) + 1] if terms else []
        streaks = bench.risk_streaks(column.name, rule, grouping, history) if len(history) > 1 else None
        table = risk_table(result, streaks)          # the same table the downloads write
        if chart is not None:
            shared.chart(chart, table)
        shared.table(table)
        shared.section_downloads(Section(t("nav.disproportionality"), (), table, chart),
                                 file_stem(f"risk {column.name} {grouping.first}"), "risk_dl")
