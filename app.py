"""Entry point: `streamlit run app.py`. Sets up the session, the sidebar filters and the pages."""

import streamlit as st

from pages import shared

st.set_page_config(page_title="Equity dashboard", page_icon="⚖️", layout="wide")

bench = shared.workbench()
navigation = st.navigation([
    st.Page("pages/overview.py", title="Overview", icon="🏠", default=True),
    st.Page("pages/data.py", title="Your data", icon="📤", url_path="data"),
    st.Page("pages/gaps.py", title="Gaps by group", icon="📊", url_path="gaps"),
    st.Page("pages/intersections.py", title="Intersections", icon="🔀", url_path="intersections"),
])
shared.sidebar(bench)
navigation.run()
