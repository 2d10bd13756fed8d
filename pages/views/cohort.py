"""Same students over time: students present in two terms, matched by ID, whether each group grew, and who left
and who arrived, so a reader knows whom the figure is about."""

import streamlit as st

from equity.app.session import DIMENSIONS, CohortError, Section, file_stem
from equity.present.matched_tables import (
    cohort_table,
    growth_table,
    label,
    match_sentence,
    reformat_sentence,
    repeat_sentence,
    transition_table,
    unordered_sentence,
)
from equity.words.glossary import explain
from equity.words.i18n import t
from equity.words.labels import dimension_label
from equity.words.reader import bound
from pages.views import shared

picked = shared.analysis_header(t("nav.matched"), "matched")
if picked and shared.student_rows(picked[0]):
    bench, column, rule = picked
    st.caption(t("matched.intro"), help=explain("matched_cohort", "conditional_percentile"))
    terms = bench.terms()
    if len(terms) < 2:
        st.info(t("matched.few_terms"), icon=":material/timeline:")
        st.stop()
    left, middle, right = st.columns(3)
    first = left.selectbox(t("matched.from"), terms[:-1], index=len(terms) - 2, key="matched_from")
    second = middle.selectbox(t("matched.to"), terms[terms.index(first) + 1:], key=f"matched_to_{first}")
    dimension = right.selectbox(t("matched.by"), shared.needed_dimensions(bench), key="matched_dimension",
                                format_func=bound(lambda d: dimension_label(DIMENSIONS[d])))
    order = bench.levels(column.header) if column.kind == "category" else None
    levels = order if order and st.toggle(t("matched.by_levels"), value=True, key="matched_levels") else ()
    if bench.filters.term:
        st.caption(t("matched.term_filter_ignored"))
    try:
        result = bench.matched(column.name, rule, dimension, first, second, column.header, levels)
    except CohortError as problem:
        st.error(shared.message(problem), icon=":material/error:")
        st.stop()
    st.info(shared.plain(match_sentence(result.matching)), icon=":material/group:")
    for sentence in (unordered_sentence(result.matching), repeat_sentence(result.matching),
                     reformat_sentence(result.matching)):
        if sentence:
            st.warning(shared.plain(sentence), icon=":material/warning:")
    hidden = sum(g.hidden for g in result.groups)
    table = cohort_table(result)                 # the same table its downloads write
    shared.table(table)
    shared.section_downloads(Section(t("nav.matched"), (), table),
                             file_stem(f"cohort {column.name} {first} {second}"), "matched_dl")
    st.caption(shared.plain(t("matched.hidden_count", count=hidden, min_n=bench.min_n)))
    tables = {table.key: table for table in bench.transitions(result)}
    if tables:
        st.markdown(f"##### {shared.plain(t('matched.transitions', first=first, second=second))}")
        names = {k: label(result, k) for k in tables}       # looked up now, in the reader's language
        whose = st.selectbox(t("matched.transitions_group"), tuple(tables), key="matched_transitions_group",
                             format_func=names.get)
        moved = transition_table(result, tables[whose])       # the same table its downloads write
        shared.table(moved)
        shared.section_downloads(Section(t("matched.transitions", first=first, second=second), (), moved),
                                 file_stem(f"levels {column.name} {first} {second}"), "matched_moved_dl")
        st.caption(shared.plain(" ".join(moved.notes)))
    grown = bench.growth(result)
    if grown:
        st.markdown(f"##### {t('matched.growth')}")
        shared.table(growth_table(result, grown))
        st.caption(shared.plain(t("matched.growth_note", first=first, second=second)))
