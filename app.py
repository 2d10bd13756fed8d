"""Entry point: `streamlit run app.py`. Sets up the session, the sidebar filters and the pages."""

import streamlit as st

from pages.views import shared

st.set_page_config(page_title="Equity dashboard", page_icon=":material/balance:", layout="wide")

bench = shared.workbench()
navigation = st.navigation([
    st.Page("pages/views/overview.py", title="Overview", icon=":material/home:", default=True),
    st.Page("pages/views/data.py", title="Your data", icon=":material/upload_file:", url_path="data"),
    st.Page("pages/views/gaps.py", title="Gaps by group", icon=":material/bar_chart:", url_path="gaps"),
    st.Page("pages/views/intersections.py", title="Intersections", icon=":material/grid_view:",
            url_path="intersections"),
    st.Page("pages/views/scorecard.py", title="Scorecard", icon=":material/dashboard:", url_path="scorecard"),
    st.Page("pages/views/disproportionality.py", title="Disproportionality", icon=":material/balance:",
            url_path="disproportionality"),
    st.Page("pages/views/survey.py", title="Survey results", icon=":material/forum:", url_path="survey"),
    st.Page("pages/views/trends.py", title="Trends", icon=":material/timeline:", url_path="trends"),
    st.Page("pages/views/goals.py", title="Goals", icon=":material/flag:", url_path="goals"),
    st.Page("pages/views/log.py", title="Intervention log", icon=":material/edit_note:", url_path="log"),
    st.Page("pages/views/workspace.py", title="Saved data", icon=":material/folder_open:", url_path="saved"),
])
shared.sidebar(bench)
navigation.run()
