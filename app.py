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
])
shared.sidebar(bench)
navigation.run()
