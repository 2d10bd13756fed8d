"""Entry point: `streamlit run app.py`. Sets up the session, the sidebar filters and the pages."""

import streamlit as st

from equity.words.i18n import t
from equity.words.reader import read_in
from pages.views import shared

read_in(shared.language())   # the reader's language for all this rerun writes, figures included
st.set_page_config(page_title=t("app.title"), page_icon=":material/balance:", layout="wide")
if not shared.signed_in():   # off on a laptop; on a server nothing below runs before sign-in
    st.stop()

bench = shared.workbench()
navigation = st.navigation([
    st.Page("pages/views/overview.py", title=t("nav.overview"), icon=":material/home:", default=True),
    st.Page("pages/views/data.py", title=t("nav.data"), icon=":material/upload_file:", url_path="data"),
    st.Page("pages/views/gaps.py", title=t("nav.gaps"), icon=":material/bar_chart:", url_path="gaps"),
    st.Page("pages/views/intersections.py", title=t("nav.intersections"), icon=":material/grid_view:",
            url_path="intersections"),
    st.Page("pages/views/scorecard.py", title=t("nav.scorecard"), icon=":material/dashboard:",
            url_path="scorecard"),
    st.Page("pages/views/disproportionality.py", title=t("nav.disproportionality"), icon=":material/balance:",
            url_path="disproportionality"),
    st.Page("pages/views/survey.py", title=t("nav.survey"), icon=":material/forum:", url_path="survey"),
    st.Page("pages/views/trends.py", title=t("nav.trends"), icon=":material/timeline:", url_path="trends"),
    st.Page("pages/views/cohort.py", title=t("nav.matched"), icon=":material/group:", url_path="cohort"),
    st.Page("pages/views/ontrack.py", title=t("nav.ontrack"), icon=":material/school:", url_path="ontrack"),
    st.Page("pages/views/warning.py", title=t("nav.warning"), icon=":material/notification_important:",
            url_path="warning"),
    st.Page("pages/views/goals.py", title=t("nav.goals"), icon=":material/flag:", url_path="goals"),
    st.Page("pages/views/log.py", title=t("nav.log"), icon=":material/edit_note:", url_path="log"),
    st.Page("pages/views/report.py", title=t("nav.report"), icon=":material/summarize:", url_path="report"),
    st.Page("pages/views/workspace.py", title=t("nav.saved"), icon=":material/folder_open:", url_path="saved"),
    st.Page("pages/views/sql.py", title=t("nav.sql"), icon=":material/terminal:", url_path="sql"),
    st.Page("pages/views/glossary.py", title=t("nav.glossary"), icon=":material/menu_book:", url_path="glossary"),
], expanded=True)   # every page in view: past ten, Streamlit tucks the rest under "View more"
with bench.busy:               # a rerun stopped by this one finishes its DuckDB work first
    shared.sidebar(bench)
    navigation.run()
