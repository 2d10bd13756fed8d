"""SQL (read-only): one SELECT at a time over a locked copy of this session's tables, for power users."""

import pandas as pd
import streamlit as st

from equity.app.session import EXAMPLE, LIMITS, SIZE_COLUMN, Console, QueryError
from equity.words.i18n import t, tn
from equity.words.numbers import count, decimal
from pages.views import shared


def console(bench) -> Console:
    """The session's console, copied again whenever the data changes (the old copy is closed)."""
    held = st.session_state.get("sql_console")
    if held is None or held[0] is not bench.data:
        if held is not None:
            held[1].close()
        st.session_state.pop("sql_result", None)
        held = (bench.data, bench.console())
        st.session_state["sql_console"] = held
    return held[1]


def schema(box: Console) -> None:
    """The tables and their columns, beside the editor."""
    st.markdown(f"**{t('page.sql.tables')}**")
    columns = pd.DataFrame([vars(c) for c in box.schema()])
    headings = {"name": st.column_config.TextColumn(t("page.sql.column")),
                "type": st.column_config.TextColumn(t("page.sql.type"))}
    for table in sorted(columns["table"].unique(), key=lambda name: (name != "students", name)):
        with st.expander(shared.plain(table), expanded=table == "students"):
            st.dataframe(columns[columns["table"] == table][["name", "type"]], hide_index=True, width="stretch",
                         column_config=headings)


def result_section(bench, sql: str, result) -> None:
    """The result as the query returned it, and a download under the app's rule (or why not)."""
    key = "page.sql.rows_more" if result.truncated else "page.sql.rows"
    st.caption(t(key, rows=count(result.table.num_rows), limit=count(LIMITS.rows),
                 seconds=decimal(result.seconds, 2)))
    st.dataframe(result.table.to_pandas(), hide_index=True)
    download = bench.sql_download(sql, result.table)
    if download.csv is None:
        st.info(shared.message(download.refusal), icon=":material/lock:")
        return
    st.download_button(t("page.sql.download"), download.csv, "query.csv", "text/csv",
                       icon=":material/download:")
    hidden = tn("page.sql.hidden", download.hidden) if download.hidden else t("page.sql.hidden_none")
    st.caption(t("page.sql.hidden_rule", hidden=hidden, min_n=f"{bench.min_n:d}", column=SIZE_COLUMN))


bench = shared.workbench()
st.title(t("nav.sql"))
if shared.require_data(bench) and shared.student_rows(bench):
    st.caption(t("page.sql.intro", rows=count(LIMITS.rows), seconds=decimal(LIMITS.seconds, 0)))
    box = console(bench)
    editor, beside = st.columns([3, 2])
    with beside:
        schema(box)
    with editor:
        sql = st.text_area(t("page.sql.query"), EXAMPLE, height=200, key="sql_text")
        if st.button(t("page.sql.run"), type="primary", icon=":material/play_arrow:"):
            try:
                st.session_state["sql_result"] = (sql, box.run(sql))
                st.session_state.pop("sql_problem", None)
            except QueryError as problem:
                st.session_state["sql_problem"] = problem
                st.session_state.pop("sql_result", None)
        if "sql_problem" in st.session_state:
            st.error(shared.message(st.session_state["sql_problem"]), icon=":material/error:")
    ran = st.session_state.get("sql_result")
    if ran is not None:
        result_section(bench, *ran)
    with st.expander(t("page.sql.why_title", column=SIZE_COLUMN)):
        st.markdown(t("page.sql.why", column=SIZE_COLUMN))
