"""Survey results: a climate or belonging survey export as percent favourable per item and per group, joined
to students' records by student ID when it has one."""

from pathlib import Path

import pandas as pd
import streamlit as st

from equity.ingest import IngestError, read_upload
from equity.survey import read_survey, results
from equity.survey_charts import item_codes, survey_frame, survey_heat
from equity.trends import data_terms
from pages.views import shared

SAMPLE_SURVEY = Path(__file__).resolve().parents[2] / "sample_data" / "belonging_survey.csv"


def load(data: bytes, name: str) -> None:
    try:
        st.session_state["survey"] = read_survey(bench.con, read_upload(data, name))
        st.session_state.pop("survey_problem", None)
    except (IngestError, ValueError) as problem:
        st.session_state["survey_problem"] = shared.plain(problem)


bench = shared.workbench()
st.title("Survey results")
st.caption("Percent favourable: the share of respondents who answered an item on the positive side of its scale "
           "(Agree or Strongly agree; 4-5 on a 1-5 scale; Often or Always). Skipped items and N/A are left out. "
           "Google Forms, SurveyMonkey and Qualtrics exports are recognised.")
if shared.require_data(bench):
    uploaded = st.file_uploader("Upload a survey export", type=["csv", "txt", "tsv", "xlsx", "xls", "ods"],
                                key="survey_upload")
    if uploaded is not None and st.session_state.get("survey_seen") != uploaded.file_id:
        st.session_state["survey_seen"] = uploaded.file_id
        load(uploaded.getvalue(), uploaded.name)
    if "survey" not in st.session_state and bench.data.sample:
        load(SAMPLE_SURVEY.read_bytes(), SAMPLE_SURVEY.name)
    if "survey_problem" in st.session_state:
        st.error(st.session_state["survey_problem"], icon=":material/error:")
    survey = st.session_state.get("survey")
    if survey is None:
        st.info("Upload a survey export: one row per respondent, one column per question.")
    elif not survey.items:
        st.warning(f"No column of {shared.plain(survey.name)} holds Likert answers (Agree … Disagree, 1-5, "
                   "Never … Always).")
    else:
        sample = " (the sample district's belonging survey)" if survey.name == SAMPLE_SURVEY.name else ""
        st.subheader(f"{shared.plain(survey.name)}{sample}")
        st.caption(shared.plain(" ".join(survey.notes)) + f" {survey.table.num_rows:,} respondents, "
                   f"{len(survey.items)} items.")
        term, joined = None, False
        if survey.student_id:
            left, right = st.columns(2)
            joined = left.toggle(f"Take groups from student records (joined on '{shared.plain(survey.student_id)}')",
                                 value=True, key="survey_join")
            terms = data_terms(bench.con)
            if joined and terms:
                term = right.selectbox("Records of term", terms, index=len(terms) - 1, key="survey_term")
        grouping = shared.grouping_picker("survey")
        result = results(bench.con, survey, grouping, bench.min_n, term, joined)
        if joined:
            where = f" in {shared.plain(term)}" if term else ""
            st.caption(f"{result.matched:,} of {result.respondents:,} respondents matched a student record{where}; "
                       "the others are grouped by their own answers or as Not reported.")
        st.caption(f"Groups of fewer than {bench.min_n} respondents are hidden (survey tools often use 5: choose "
                   "'Survey tools' under 'Hide small groups' in the sidebar).")
        st.altair_chart(survey_heat(result), width="stretch")
        st.dataframe(pd.DataFrame([{"Item": code, "Question": text} for text, code in item_codes(result).items()]),
                     hide_index=True)
        with st.expander("Table"):
            st.dataframe(survey_frame(result), hide_index=True,
                         column_config={"% favourable": st.column_config.NumberColumn(format="%.1f")})
