"""'Connect to a Spark table' on the data page: a lakehouse table of student rows, named by its Spark Connect address
and table, is profiled from counts and then mapped on the same screen as an upload; only cells come back from
Spark. The token comes from the app's secrets or the environment and is never shown or saved."""

import streamlit as st

from equity.app.session import Workbench
from equity.words.i18n import t
from equity.words.messages import Message
from pages.views.shared import message, plain


def _secrets() -> dict:
    """The [spark] section of the app's secrets (url, table, token), when the app has one."""
    try:
        return dict(st.secrets.get("spark", {}))
    except Exception:  # noqa: BLE001 - no secrets file (the usual case) raises; there is nothing to read then
        return {}


def spark_connect(bench: Workbench) -> None:
    """The address and table, and Connect: the table is staged for its mapping, or the problem is said."""
    secrets = _secrets()
    with st.expander(t("page.spark.title"), icon=":material/cloud:"):
        st.caption(t("page.spark.intro"))
        url = st.text_input(t("page.spark.url"), value=secrets.get("url", ""), key="spark_url",
                            placeholder=t("page.spark.url_example"))
        table = st.text_input(t("page.spark.table"), value=secrets.get("table", ""), key="spark_table",
                              placeholder=t("page.spark.table_example"))
        if not st.button(t("page.spark.connect"), key="spark_connect"):
            return
        if not (url.strip() and table.strip()):
            st.error(t("page.spark.missing"), icon=":material/error:")
            return
        try:
            with st.spinner(t("page.spark.connecting", table=plain(table.strip()))):
                bench.connect_spark(url.strip(), table.strip(), secrets.get("token"))
        except Message as problem:
            st.error(message(problem), icon=":material/error:")
            return
        st.rerun()
