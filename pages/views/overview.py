"""Overview: the answers a meeting asks for first (equity.plans.overview), each with a link to its page, then
what is loaded and where to go next."""

import streamlit as st

from equity.app.session import COLOUR_MIN_N
from equity.words.i18n import t
from equity.words.numbers import count
from pages.views import shared

PAGES = {"gaps": "pages/views/gaps.py", "goals": "pages/views/goals.py", "scorecard": "pages/views/scorecard.py",
         "trends": "pages/views/trends.py"}

bench = shared.workbench()
st.title(t("page.overview.title"))
st.write(t("page.overview.intro"))

if shared.require_data(bench):
    data = bench.data
    if data.sample:
        counts = data.mapping.counts
        st.info(t("page.overview.counts_sample" if counts else "page.overview.sample"), icon=":material/science:")
        if st.button(t("page.overview.open_students" if counts else "page.overview.open_counts"),
                     key="sample_switch", icon=":material/swap_horiz:"):
            bench.load_sample(counts=not counts)
            st.rerun()
    for title, answers in bench.overview(st.session_state.get("accountability_min", COLOUR_MIN_N)):
        st.subheader(shared.plain(title))
        for answer in answers:
            st.markdown(shared.plain(answer.text))
        st.page_link(page=PAGES[answers[0].page], label=t(f"nav.{answers[0].page}"),
                     icon=":material/arrow_forward:")
    cols = st.columns(4)
    cols[0].metric(t("page.overview.rows"), count(data.report.rows))
    cols[1].metric(t("page.overview.outcomes"), len(data.mapping.outcomes()))
    cols[2].metric(t("page.overview.hidden_below"), t("page.overview.students", n=bench.min_n))
    cols[3].metric(t("page.overview.data"),
                   t("page.overview.sample_short" if data.sample else "page.overview.upload_short"))
    st.subheader(t("page.overview.start"))
    st.markdown(t("page.overview.steps"))
    st.page_link("pages/views/gaps.py", label=t("nav.gaps"), icon=":material/bar_chart:")
    st.page_link("pages/views/intersections.py", label=t("page.overview.intersections"),
                 icon=":material/grid_view:")
    st.page_link("pages/views/report.py", label=t("page.overview.report"), icon=":material/summarize:")
    st.page_link("pages/views/data.py", label=t("page.overview.own_file"), icon=":material/upload_file:")
