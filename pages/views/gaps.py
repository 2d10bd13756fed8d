"""Gaps by group: one outcome, one dimension, a comparison; table, chart and one sentence, gaps flagged the way
the user chooses (Newcombe's interval by default)."""

import streamlit as st

from equity.app.session import COMBINED, COMPARE_ALL, COMPARE_OTHERS, DIMENSIONS, file_stem, key_text
from equity.present.charts import entity_table, ranked_table
from equity.words.glossary import explain
from equity.words.i18n import t
from equity.words.labels import comparison_choices, dimension_label, group_label
from equity.words.reader import bound
from equity.words.summary import overall_line
from pages.views import flag_controls, shared

picked = shared.analysis_header(t("nav.gaps"), "gaps")
if picked:
    bench, column, rule = picked
    cohort = flag_controls.cohort_picker(bench, "gaps")
    stem = file_stem(f"gaps {cohort[1]}") if cohort else "gaps"      # a cohort's value is the file's text
    left, middle, right = st.columns(3)
    dimension = left.selectbox(t("page.gaps.compare_by"), shared.needed_dimensions(bench), key="gaps_dimension",
                               format_func=bound(lambda d: dimension_label(DIMENSIONS[d])))
    second = shared.crossed_with(dimension, "gaps", middle)
    note = bench.chronic_note(column.name, cohort) or ""       # chronic absence's rule, and who it leaves out
    if note:
        st.caption(shared.plain(note))
        shared.min_days_setting(bench, "gaps_min_days")
    if second:
        right.selectbox(t("page.gaps.compared_with"), [t("compare.all_title")], key="gaps_compare_crossed",
                        disabled=True)
        section = bench.intersection(column.name, rule, dimension, second, column.header, cohort)  # screen and files
        if section.chart is not None:
            shared.chart(section.chart, section.table)
        shared.table(section.table)
        shared.section_downloads(section, f"{stem}-{dimension}-{second}", "gaps_dl")
    else:
        # Alone or in combination counts students by the races each reports: published counts and a Spark table
        # have no students here.
        if dimension == "race" and bench.without_rows() is None and st.checkbox(
                t("page.gaps.combined"), key="gaps_combined", help=t("page.gaps.combined_help")):
            dimension = COMBINED
            st.caption(t("page.gaps.combined_note"))
        first = bench.breakdown(column.name, rule, dimension, COMPARE_ALL, column.header, cohort)
        names = comparison_choices({key_text(g.key): group_label(first.dimension, g.key) for g in first.groups})
        choices = [COMPARE_ALL, COMPARE_OTHERS, *(key_text(g.key) for g in first.shown() if not g.coded)]
        compare = right.selectbox(t("page.gaps.compared_with"), choices, format_func=names.get,
                                  key=f"gaps_compare_{dimension}")
        result = first if compare == COMPARE_ALL else bench.breakdown(column.name, rule, dimension, compare,
                                                                      column.header, cohort)
        method = shared.flag_choice(rule.is_rate, "gaps_flag")
        settings = flag_controls.flag_settings(method, "gaps_flagset", result)
        view = bench.gap_view(result, method, settings, cohort, note)   # flags each group once, for every use
        st.markdown(f"**{shared.plain(view.sentence())}**")
        section = view.section()
        if section.chart is not None:        # built once: the screen and the downloads share it, and the table
            shared.chart(section.chart, section.table)
        st.caption(shared.plain(overall_line(result)), help=explain("gap", "beyond_chance", "suppression"))
        if not rule.is_rate:
            st.caption(t("report.effect_note"), help=explain("effect_size"))
        shared.table(section.table)
        shared.section_downloads(section, f"{stem}-{dimension}", "gaps_dl")
        schools = bench.filter_options()["school"]
        # One school against all schools opens with a toggle, not an expander: an expander's body runs on every
        # click, and this view is a breakdown per school.
        per_school = dimension not in (COMBINED, "school") and len(schools) > 1 and not cohort
        if per_school and st.toggle(t("page.gaps.entity_title"), key="gaps_entity_on"):
            st.caption(t("page.gaps.entity_note"))
            school = st.selectbox(t("page.gaps.entity_pick"), schools, key="gaps_entity")
            versus = bench.versus_all(column.name, rule, dimension, school, column.header)
            shared.table(entity_table(versus, result.dimension))
            keys = [g.key for g in versus.groups]
            pick = st.selectbox(t("page.gaps.rank_pick"), range(len(keys)), key="gaps_rank",
                                format_func=bound(lambda i: group_label(result.dimension, keys[i])))
            st.caption(t("page.gaps.rank_note"))
            rows = bench.schools_ranked(column.name, rule, dimension, keys[pick], column.header)
            shared.table(ranked_table(rows, result.dimension, keys[pick], bench.min_n))
