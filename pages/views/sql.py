"""SQL (read-only): one SELECT at a time over a locked copy of this session's tables, for power users."""

import pandas as pd
import streamlit as st

from equity.sqlconsole import LIMITS, SIZE_COLUMN, Console, QueryError, for_download
from pages.views import shared

EXAMPLE = ("SELECT race_ethnicity, low_income, count(*) AS n, avg(final_grade_pct) AS mean_final\n"
           "FROM students\nGROUP BY ALL\nORDER BY ALL")


def console(bench) -> Console:
    """The session's console, copied again whenever the data changes (the old copy is closed)."""
    held = st.session_state.get("sql_console")
    if held is None or held[0] is not bench.data:
        if held is not None:
            held[1].close()
        st.session_state.pop("sql_result", None)
        held = (bench.data, Console(bench.con))
        st.session_state["sql_console"] = held
    return held[1]


bench = shared.workbench()
st.title("SQL (read-only)")
if shared.require_data(bench):
    st.caption(f"One SELECT (or WITH … SELECT) at a time, over a copy of this session's tables. Files, the network, "
               f"extensions and settings are switched off; results stop at {LIMITS.rows:,} rows and queries at "
               f"{LIMITS.seconds:.0f} seconds.")
    box = console(bench)
    editor, schema = st.columns([3, 2])
    with schema:
        st.markdown("**Tables**")
        columns = pd.DataFrame([vars(c) for c in box.schema()])
        for table in sorted(columns["table"].unique(), key=lambda name: (name != "students", name)):
            with st.expander(table, expanded=table == "students"):
                st.dataframe(columns[columns["table"] == table][["name", "type"]], hide_index=True,
                             width="stretch")
    with editor:
        sql = st.text_area("Query", EXAMPLE, height=200, key="sql_text")
        if st.button("Run", type="primary", icon=":material/play_arrow:"):
            try:
                st.session_state["sql_result"] = box.run(sql)
                st.session_state.pop("sql_problem", None)
            except QueryError as problem:
                st.session_state["sql_problem"] = str(problem)
                st.session_state.pop("sql_result", None)
        if "sql_problem" in st.session_state:
            st.error(shared.plain(st.session_state["sql_problem"]), icon=":material/error:")
    result = st.session_state.get("sql_result")
    if result is not None:
        more = f" (the first {LIMITS.rows:,}: the query returned more)" if result.truncated else ""
        st.caption(f"{result.table.num_rows:,} rows{more} in {result.seconds:.2f} s, shown as the query returned "
                   "them: this is your own data, as on 'Your data'.")
        st.dataframe(result.table.to_pandas(), hide_index=True)
        download = for_download(result.table, bench.min_n)
        if download.csv is None:
            st.info(shared.plain(download.refusal), icon=":material/lock:")
        else:
            st.download_button("Download as CSV", download.csv, "query.csv", "text/csv", icon=":material/download:")
            hidden = f"{download.hidden} group{'s' if download.hidden != 1 else ''}" if download.hidden else "No group"
            st.caption(f"{hidden} hidden in the download (fewer than {bench.min_n} students in `{SIZE_COLUMN}`, or "
                       "hidden so that a smaller one cannot be worked out from the total).")
    with st.expander("Why downloads need a column named n"):
        st.markdown(
            "A download leaves this computer, so it follows the same small-group rule as every other export: "
            f"it must be a table of groups with each group's size in a column named `{SIZE_COLUMN}` (write "
            f"`count(*) AS {SIZE_COLUMN}`). In a group smaller than the minimum size chosen in the sidebar, every "
            "other number is blanked and the row says why; when exactly one group is hidden, the next smallest is "
            "hidden too. Student IDs and lists are never downloaded from here. Text is not checked, so do not "
            "group by or list names.")
