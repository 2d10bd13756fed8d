"""Survey results: a climate or belonging survey export as percent favourable per item and per group, joined
to students' records by student ID when it has one."""

from pathlib import Path

import streamlit as st

from equity.app.session import IngestError, Section, survey_notes, survey_summary
from equity.present.survey_charts import codes_table, survey_heat, survey_table
from equity.words.glossary import explain
from equity.words.i18n import t
from equity.words.numbers import count
from pages.views import shared

SAMPLE_SURVEY = Path(__file__).resolve().parents[2] / "sample_data" / "belonging_survey.csv"


def load(data: bytes, name: str) -> None:
    try:
        st.session_state["survey"] = bench.survey_file(data, name)
        st.session_state.pop("survey_problem", None)
        st.session_state.pop("survey_reversed", None)      # a new survey starts from its own wording
    except (IngestError, ValueError) as problem:
        st.session_state["survey_problem"] = problem


bench = shared.workbench()
st.title(t("nav.survey"))
st.caption(t("page.survey.definition"))
if shared.require_data(bench) and shared.student_rows(bench):
    uploaded = st.file_uploader(t("page.survey.upload"), type=["csv", "txt", "tsv", "xlsx", "xls", "ods"],
                                key="survey_upload")
    if uploaded is not None and st.session_state.get("survey_seen") != uploaded.file_id:
        st.session_state["survey_seen"] = uploaded.file_id
        load(uploaded.getvalue(), uploaded.name)
    if "survey" not in st.session_state and bench.data.sample:
        load(SAMPLE_SURVEY.read_bytes(), SAMPLE_SURVEY.name)
    if "survey_problem" in st.session_state:
        st.error(shared.message(st.session_state["survey_problem"]), icon=":material/error:")
    survey = st.session_state.get("survey")
    if survey is None:
        st.info(t("page.survey.none"))
    elif not survey.items:
        st.warning(t("survey.no_items", name=shared.plain(survey.name)))
        st.caption(shared.plain(" ".join(survey_notes(survey))))
    else:
        name = shared.plain(survey.name)
        st.subheader(t("page.survey.sample", name=name) if survey.name == SAMPLE_SURVEY.name else name)
        st.caption(shared.plain(" ".join(survey_notes(survey))) + " " + t(
            "page.survey.counts", respondents=count(survey.table.num_rows), items=len(survey.items)))
        term, joined = None, False
        if survey.student_id:
            left, right = st.columns(2)
            joined = left.toggle(t("page.survey.join", column=shared.plain(survey.student_id)), value=True,
                                 key="survey_join")
            terms = bench.terms()
            if joined and terms:
                term = right.selectbox(t("page.survey.term"), terms, index=len(terms) - 1, key="survey_term")
        grouping = shared.grouping_picker("survey", t("page.survey.compare_by"))
        labels = {i.header: i.label for i in survey.items}
        reverse = st.multiselect(t("page.survey.reversed"), list(labels), default=survey.negative_items(),
                                 format_func=labels.get, key="survey_reversed",
                                 placeholder=t("ui.choose_options"),
                                 help=t("page.survey.reversed_help"))
        result = bench.survey_results(survey, grouping, term, joined, tuple(reverse))
        for line in survey_summary(result):
            st.markdown(shared.plain(line))
        if joined:
            where = t("page.survey.matched_in", term=shared.plain(term)) if term else ""
            st.caption(t("page.survey.matched", matched=count(result.matched),
                         respondents=count(result.respondents), where=where))
        st.caption(t("page.survey.small", min_n=f"{bench.min_n:d}", hide=t("ui.hide_small")), help=explain("n_size"))
        chart = survey_heat(result)
        table = survey_table(result)            # the same table its downloads write
        shared.chart(chart, table)
        shared.table(codes_table(result))
        with st.expander(t("page.survey.table")):
            shared.table(table)
            shared.section_downloads(Section(t("nav.survey"), (), table, chart), "survey", "survey_dl")
