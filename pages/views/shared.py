"""Pieces every page draws: the session's workbench, the sidebar filters, the outcome and rule pickers.
They only render; every decision about the data is made in `equity`."""

import streamlit as st

from equity.dataset import DataError
from equity.filters import Filters, label, options
from equity.ingest import IngestError
from equity.mapping import ColumnRole
from equity.metrics import Rule
from equity.privacy import PRESETS
from equity.rules import default_threshold, meeting_categories
from equity.session import Workbench


def workbench() -> Workbench:
    """This browser session's workbench, created on first use with the sample district loaded."""
    if "bench" not in st.session_state:
        bench = Workbench()
        try:
            bench.load_sample()
        except (IngestError, DataError, OSError) as problem:
            st.session_state["startup_problem"] = f"The sample data could not be loaded: {problem}"
        st.session_state["bench"] = bench
    return st.session_state["bench"]


def sidebar(bench: Workbench) -> None:
    """Data source, privacy setting and filters, on every page."""
    with st.sidebar:
        if bench.data is None:
            st.warning("No data loaded yet.")
            return
        source = "Sample data (fictional district)" if bench.data.sample else bench.data.name
        st.caption(f"Data: **{source}** · {bench.data.report.rows:,} rows")
        preset = st.selectbox("Hide small groups", PRESETS, format_func=lambda p: p.name, key="preset")
        bench.min_n = preset.min_n
        with st.expander("Filters", expanded=bench.filters.active):
            choices = options(bench.con)
            chosen = {}
            for field, values in choices.items():
                if len(values) > 1:
                    chosen[field] = tuple(st.multiselect(
                        _FILTER_LABELS[field], values, format_func=lambda v, f=field: label(f, v),
                        key=f"filter_{field}_{bench.data.version}"))
            bench.filters = Filters(**chosen)
        active_filters(bench, container=st)


_FILTER_LABELS = {"race": "Race/ethnicity", "low_income": "Income", "english_learner": "English learner",
                  "special_ed": "Special education", "grade": "Grade", "school": "School", "term": "Term"}


def active_filters(bench: Workbench, container=None) -> None:
    """The filters in force, always in view."""
    target = container or st
    lines = bench.filters.describe()
    if lines:
        target.info("**Filtered to** " + " · ".join(lines), icon=":material/filter_alt:")
    else:
        target.caption("No filters: all students.")


def require_data(bench: Workbench) -> bool:
    problem = st.session_state.get("startup_problem")
    if bench.data is None:
        st.warning(problem or "No data is loaded. Upload a file on the 'Your data' page.")
        st.page_link("pages/views/data.py", label="Upload a file", icon=":material/upload_file:")
        return False
    if bench.data.sample:
        st.caption("Showing **sample data**: a fictional district. Upload your own file on 'Your data'.")
    return True


def analysis_header(title: str, key: str) -> tuple[Workbench, ColumnRole, Rule] | None:
    """The top of every analysis screen: title, which data, the filters in force, the outcome and its rule."""
    bench = workbench()
    st.title(title)
    if not require_data(bench):
        return None
    active_filters(bench)
    picked = outcome_picker(bench, key)
    return (bench, *picked) if picked else None


def outcome_picker(bench: Workbench, key: str) -> tuple[ColumnRole, Rule] | None:
    """Choose an outcome and what counts as meeting it (or its average)."""
    outcomes = bench.data.mapping.outcomes()
    if not outcomes:
        st.warning("No outcome columns are mapped. Mark one as 'Outcome' on the 'Your data' page.")
        return None
    profiles = {p.header: p for p in bench.data.profiles}
    left, right = st.columns([2, 3])
    column = left.selectbox("Outcome", outcomes, format_func=lambda c: c.header, key=f"{key}_outcome")
    values = profiles[column.header].distinct
    with right:
        if column.kind == "numeric":
            how = st.radio("Show", ("Share at or above a threshold", "Average"), horizontal=True,
                           key=f"{key}_how_{column.name}")
            if how == "Average":
                return column, Rule("mean")
            threshold = st.number_input("Threshold (at or above)", value=default_threshold(values),
                                        key=f"{key}_threshold_{column.name}")
            return column, Rule("threshold", float(threshold))
        if column.kind == "boolean":
            st.caption("Share of students marked yes.")
            return column, Rule("boolean")
        categories = [v for v in values if v is not None]
        chosen = st.multiselect("Counts as meeting it", categories,
                                default=list(meeting_categories(categories)) or categories[:1],
                                key=f"{key}_categories_{column.name}")
        if not chosen:
            st.info("Choose at least one category that counts as meeting the outcome.")
            return None
        return column, Rule("categories", categories=tuple(chosen))




FIGURE_FORMATS = {  # how figure columns read in every table: one decimal, gaps signed
    "Value": st.column_config.NumberColumn(format="%.1f"),
    "Gap": st.column_config.NumberColumn(format="%+.1f"),
    "Gap vs all students": st.column_config.NumberColumn(format="%+.1f"),
    "95% low": st.column_config.NumberColumn(format="%.1f"),
    "95% high": st.column_config.NumberColumn(format="%.1f"),
}
