"""Pieces every page draws: the session's workbench, the sidebar filters, the outcome and rule pickers.
They only render; every decision about the data is made in `equity`."""

import streamlit as st

from equity.dataset import DataError
from equity.derived import all_outcomes
from equity.dimensions import DIMENSIONS, GAP_DIMENSIONS
from equity.disproportionality import Settings
from equity.filters import Filters, label
from equity.groups import Grouping
from equity.ingest import IngestError
from equity.mapping import ColumnRole
from equity.metrics import Rule
from equity.privacy import PRESETS
from equity.rules import counting_threshold, default_threshold, meeting_categories
from equity.session import Workbench


def workbench() -> Workbench:
    """This browser session's workbench, created on first use with the saved datasets chosen to open at start,
    or else the sample district, loaded."""
    if "bench" not in st.session_state:
        bench = Workbench()
        try:
            note = bench.start()
            if note:
                st.session_state["start_note"] = note
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
        if "start_note" in st.session_state:
            st.warning(st.session_state["start_note"], icon=":material/warning:")
        preset = st.selectbox("Hide small groups", PRESETS, format_func=lambda p: p.name, key="preset")
        bench.min_n = preset.min_n
        with st.expander("Filters", expanded=bench.filters.active):
            choices = bench.filter_options()
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


def outcome_picker(bench: Workbench, key: str, default: tuple[str, Rule] | None = None, rates_only: bool = False
                   ) -> tuple[ColumnRole, Rule] | None:
    """Choose an outcome and what counts as meeting it (or its average); `default` (outcome name, rule)
    pre-selects them, e.g. when a saved goal is edited. `rates_only` offers no average, and starts a count
    (incidents, AP courses) at 'at least one'."""
    outcomes = all_outcomes(bench.data.mapping)
    if not outcomes:
        st.warning("No outcome columns are mapped. Mark one as 'Outcome' on the 'Your data' page.")
        return None
    profiles = {p.header: p for p in bench.data.profiles}
    left, right = st.columns([2, 3])
    names = [c.name for c in outcomes]
    start = names.index(default[0]) if default and default[0] in names else 0
    column = left.selectbox("Outcome", outcomes, index=start, format_func=lambda c: c.header,
                            key=f"{key}_outcome")
    values = profiles[column.header].distinct if column.header in profiles else ()
    rule = default[1] if default and default[0] == column.name else None
    with right:
        if column.kind == "numeric":
            how = "Share" if rates_only else st.radio(
                "Show", ("Share at or above a threshold", "Average"), horizontal=True,
                index=1 if rule and rule.kind == "mean" else 0, key=f"{key}_how_{column.name}")
            if how == "Average":
                return column, Rule("mean")
            start = (counting_threshold(values) if rates_only else None) or default_threshold(values)
            threshold = st.number_input("Threshold (at or above)",
                                        value=rule.threshold if rule and rule.threshold is not None
                                        else start,
                                        key=f"{key}_threshold_{column.name}")
            return column, Rule("threshold", float(threshold))
        if column.kind == "boolean":
            st.caption("Share of students marked yes.")
            return column, Rule("boolean")
        categories = [v for v in values if v is not None]
        chosen = st.multiselect("Counts as meeting it", categories,
                                default=[c for c in rule.categories if c in categories] if rule else
                                list(meeting_categories(categories)) or categories[:1],
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


def grouping_picker(key: str, first_label: str = "Compare groups by", columns=None) -> Grouping:
    """A dimension, and optionally a second one to cross it with (e.g. race × income)."""
    left, right = columns or st.columns(2)
    first = left.selectbox(first_label, GAP_DIMENSIONS, key=f"{key}_dimension",
                           format_func=lambda d: DIMENSIONS[d].label)
    return Grouping(first, crossed_with(first, key, right))


def crossed_with(first: str, key: str, container=None) -> str | None:
    """An optional second dimension to cross `first` with: the intersections of the two."""
    others = [None, *(d for d in GAP_DIMENSIONS if DIMENSIONS[d].column != DIMENSIONS[first].column)]
    return (container or st).selectbox(
        "Crossed with (optional)", others, key=f"{key}_second_{first}",
        format_func=lambda d: "Nothing: one dimension" if d is None else DIMENSIONS[d].label,
        help="Crossed groups (e.g. Black students with low income) are smaller, so more of them are hidden.")


def risk_settings(key: str) -> Settings:
    """Minimum cell size, n-size and flag threshold for risk ratios, kept across pages, always on screen."""
    current = st.session_state.setdefault("risk_settings", Settings())
    cell, size, limit = st.columns(3)
    chosen = Settings(
        int(cell.number_input("Minimum cell size", 0, 100, current.cell_size, key=f"{key}_cell",
                              help="Fewest students with the outcome, in the group and in its comparison")),
        int(size.number_input("Minimum n-size", 1, 500, current.n_size, key=f"{key}_nsize",
                              help="Fewest students, in the group and in its comparison")),
        float(limit.number_input("Flag a risk ratio above", 1.0, 10.0, current.threshold, 0.1,
                                 key=f"{key}_threshold")))
    st.session_state["risk_settings"] = chosen
    return chosen
