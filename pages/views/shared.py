"""Pieces every page draws: the session's workbench, the sidebar filters, the outcome and rule pickers.
They only render; every decision about the data is made in `equity`."""

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

import altair as alt
import streamlit as st
from streamlit import config as streamlit_config

from equity.app.session import (
    BOTTOM_CODE,
    CODING_BELOW_N,
    DIMENSIONS,
    FLAG_KEYS,
    MIME,
    PRIVACY_PRESETS,
    TOP_CODE,
    ColumnRole,
    DataError,
    Filters,
    Flag,
    Grouping,
    IngestError,
    RiskSettings,
    Rule,
    Section,
    Workbench,
    WorkspaceError,
    access,
)
from equity.present.tables import FIGURES, Table
from equity.words.glossary import FLAG_RULES, explain
from equity.words.i18n import DEFAULT, LANGUAGES, t
from equity.words.labels import dimension_label, group_label
from equity.words.messages import Text, words
from equity.words.numbers import chart_locale, count
from equity.words.reader import bound

T = TypeVar("T")


def plain(text: object) -> str:
    """Text from a file or a person shown as it is, not read as Markdown: a header '**Final**', a link or an
    image address in a file name stays literal (Streamlit renders HTML tags as text already, escaped here too).
    Every Streamlit call that renders Markdown gets file text through this (tests/app/test_markdown_from_files.py)."""
    return "".join("\\" + c if c in "\\`*_[]#|$<>~" else c for c in str(text))


def message(problem: object) -> str:
    """An error or note from `equity` in the reader's language, shown as it is (file names stay literal)."""
    return plain(words(problem))


def saved(problems: Sequence[str], save: Callable[[], T]) -> T | None:
    """A record the user filled in (a goal, a log entry), saved; or None, with what is wrong with it or why the
    workspace refused it on screen."""
    if problems:
        st.error(plain(" ".join(problems)), icon=":material/error:")
        return None
    try:
        return save()
    except WorkspaceError as problem:
        st.error(message(problem), icon=":material/error:")
        return None


def signed_in() -> bool:
    """The sign-in gate, passed before anything loads: True when the visitor may use the app, else it draws
    the sign-in screen. Off unless a server install turns it on (see equity.app.access and the README)."""
    try:
        config = access.load(os.environ, _secrets())
    except access.ConfigError as problem:
        st.error(t("signin.misconfigured", problem=message(problem)), icon=":material/lock:")
        return False
    if config.mode == access.OPEN:
        return True
    decision = access.decide(config, identity(), password_ok=st.session_state.get("access_granted", False))
    if decision.allowed:
        _signed_in_sidebar(config)
        return True
    st.title(t("app.title"))
    language_picker(st)
    st.info(message(decision.reason), icon=":material/lock:")
    if decision.action == "sign_in":
        st.button(t("signin.button"), type="primary", on_click=st.login,
                  args=(config.provider,) if config.provider else ())
    elif decision.action == "sign_out":
        st.button(t("signin.sign_out"), on_click=st.logout)
    else:
        _password_form(config)
    return False


def identity() -> access.Identity:
    """The visitor as the identity provider signed them in (st.user)."""
    user = st.user
    verified = user.get("email_verified")
    return access.Identity(bool(user.get("is_logged_in", False)), str(user.get("email") or ""),
                           None if verified is None else bool(verified))


def _secrets() -> dict:
    """st.secrets as a dict, {} without a secrets file; a file that cannot be read keeps the app closed."""
    if st.secrets.load_if_toml_exists():
        return st.secrets.to_dict()
    for path in streamlit_config.get_option("secrets.files"):
        if Path(path).is_file():
            raise access.ConfigError("signin.unreadable_secrets", path=str(path))
    return {}


def _password_form(config: access.AccessConfig) -> None:
    with st.form("sign_in"):
        password = st.text_input(t("signin.password"), type="password")
        if st.form_submit_button(t("signin.open"), type="primary"):
            if access.check_password(password, config.password_hash):
                st.session_state["access_granted"] = True
                st.rerun()
            time.sleep(1)   # each wrong guess costs a second on top of the hash itself
            st.error(t("signin.wrong_password"), icon=":material/error:")


def _signed_in_sidebar(config: access.AccessConfig) -> None:
    with st.sidebar:
        if config.mode == access.OIDC:
            st.caption(t("signin.signed_in_as", email=plain(identity().email)))
            st.button(t("signin.sign_out"), on_click=st.logout, key="sign_out")
        elif st.button(t("signin.lock"), key="lock", help=t("signin.lock_help")):
            st.session_state.pop("access_granted", None)
            st.rerun()


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
            st.session_state["startup_problem"] = Text("ui.sample_failed", problem=problem)
        st.session_state["bench"] = bench
    return st.session_state["bench"]


def language() -> str:
    """The language chosen in the sidebar ('en' until one is chosen)."""
    chosen = st.session_state.get("lang", DEFAULT)
    return chosen if chosen in LANGUAGES else DEFAULT


def language_picker(container=None) -> None:
    """The language of every screen; on the sign-in screen too, before the sidebar is drawn."""
    (container or st).selectbox(t("language.label"), list(LANGUAGES), format_func=LANGUAGES.get, key="lang")


def sidebar(bench: Workbench) -> None:
    """Language, data source, privacy setting and filters, on every page."""
    with st.sidebar:
        language_picker(st)
        if bench.data is None:
            st.warning(t("ui.no_data_yet"))
            return
        source = t("ui.sample_source") if bench.data.sample else plain(bench.data.name)
        st.caption(t("ui.data_caption", source=source, rows=count(bench.data.report.rows)))
        if "start_note" in st.session_state:
            st.warning(message(st.session_state["start_note"]), icon=":material/warning:")
        preset = st.selectbox(t("ui.hide_small"), PRIVACY_PRESETS, format_func=bound(lambda p: p.label()),
                              key="preset", help=explain("n_size", "suppression"))
        coding = st.checkbox(t("ui.top_bottom_code"), key="top_bottom_code",
                             help=explain("top_bottom_coding", before=t(
                                 "ui.top_bottom_code_help", top=TOP_CODE, bottom=BOTTOM_CODE, n=CODING_BELOW_N)))
        bench.privacy = replace(bench.privacy, min_n=preset.min_n, colour_min_n=preset.colour_min_n, coding=coding)
        with st.expander(t("ui.filters"), expanded=bench.filters.active):
            choices = bench.filter_options()
            chosen = {}
            for field, values in choices.items():
                if len(values) > 1:
                    dim = DIMENSIONS[field]
                    chosen[field] = tuple(st.multiselect(
                        plain(dimension_label(dim)), values,
                        format_func=bound(lambda v, d=dim: group_label(d, FLAG_KEYS[v] if d.flag else v)),
                        key=f"filter_{field}_{bench.data.version}", placeholder=t("ui.choose_options")))
            bench.filters = Filters(**chosen)
        active_filters(bench, container=st)


def active_filters(bench: Workbench, container=None) -> None:
    """The filters in force, always in view."""
    target = container or st
    lines = bench.filter_lines()
    if lines:
        target.info(t("ui.filtered_to", filters=plain(" · ".join(lines))), icon=":material/filter_alt:")
    else:
        target.caption(t("ui.no_filters"))


def require_data(bench: Workbench) -> bool:
    problem = st.session_state.get("startup_problem")
    if bench.data is None:
        st.warning(message(problem) if problem else t("ui.no_data"))
        st.page_link("pages/views/data.py", label=t("ui.upload_link"), icon=":material/upload_file:")
        return False
    if bench.data.sample:
        st.caption(t("ui.sample_caption"))
    return True


def student_rows(bench: Workbench) -> bool:
    """Loaded data of student rows; published counts and a Spark table have none here, and a view that needs them
    says so."""
    why = bench.without_rows()
    if why:
        st.info(t(why), icon=":material/table_rows:")
    return why is None


def analysis_header(title: str, key: str) -> tuple[Workbench, ColumnRole, Rule] | None:
    """The top of every analysis screen: title, which data, the filters in force, the outcome and its rule."""
    bench = workbench()
    st.title(plain(title))
    if not require_data(bench):
        return None
    active_filters(bench)
    picked = outcome_picker(bench, key)
    if picked:
        rule_warning(bench, *picked)
    return (bench, *picked) if picked else None


def rule_warning(bench: Workbench, column: ColumnRole, rule: Rule) -> None:
    """Say so when no student in the whole loaded data meets the rule (a category nobody has, a threshold above
    every value), rather than show 0% everywhere."""
    problem = bench.nobody_meets(column.name, rule, column.header)
    if problem:
        st.warning(message(problem))


_SHOW = {"Share at or above a threshold": "ui.share_threshold", "Average": "ui.average"}   # values stay English


def outcome_picker(bench: Workbench, key: str, default: tuple[str, Rule] | None = None, rates_only: bool = False
                   ) -> tuple[ColumnRole, Rule] | None:
    """Choose an outcome and what counts as meeting it (or its average); `default` (outcome name, rule)
    pre-selects them, e.g. when a saved goal is edited. `rates_only` offers no average, and starts a count
    (incidents, AP courses) at 'at least one'."""
    outcomes = bench.outcomes()
    if not outcomes:
        st.warning(t("ui.no_outcomes"))
        return None
    left, right = st.columns([2, 3])
    names = [c.name for c in outcomes]
    start = names.index(default[0]) if default and default[0] in names else bench.likeliest_outcome(outcomes)
    column = left.selectbox(t("ui.outcome"), outcomes, index=start, format_func=bound(outcome_label),
                            key=f"{key}_outcome")
    values = bench.outcome_values(column)
    rule = default[1] if default and default[0] == column.name else None
    with right:
        if column.kind == "numeric":
            how = "Share" if rates_only else st.radio(
                t("ui.show"), tuple(_SHOW), horizontal=True, format_func=bound(lambda o: t(_SHOW[o])),
                index=1 if rule and rule.kind == "mean" else 0, key=f"{key}_how_{column.name}")
            if how == "Average":
                return column, Rule("mean")
            threshold = st.number_input(t("ui.threshold"),
                                        value=rule.threshold if rule and rule.threshold is not None
                                        else bench.start_threshold(column, rates_only),
                                        key=f"{key}_threshold_{column.name}")
            return column, Rule("threshold", float(threshold))
        if column.kind in ("boolean", "count"):
            st.caption(t("ui.share_counted" if column.kind == "count" else "ui.share_yes"))
            return column, Rule("boolean")
        categories = [v for v in values if v is not None]
        chosen = st.multiselect(t("ui.counts_as"), categories,
                                default=[c for c in rule.categories if c in categories] if rule else
                                bench.start_categories(categories),
                                key=f"{key}_categories_{column.name}")
        if not chosen:
            st.info(t("ui.choose_category"))
            return None
        return column, Rule("categories", categories=tuple(chosen))




def outcome_label(column: ColumnRole) -> str:
    """An outcome as pickers list it: its header, and the kind of result it is when that is known."""
    if not column.measure:
        return column.header
    return t("ui.outcome_of_kind", header=column.header, kind=t(f"measure.{column.measure}"))


def offered_dimensions(bench: Workbench) -> tuple[str, ...]:
    """The dimensions the loaded file has a column for: the only ones a page offers."""
    return bench.offered_dimensions()


def needed_dimensions(bench: Workbench) -> tuple[str, ...]:
    """The dimensions offered, for a page that compares groups: without any, it says so, links to the mapping
    screen and stops."""
    offered = offered_dimensions(bench)
    if not offered:
        st.info(t("ui.no_dimensions"), icon=":material/group_off:")
        st.page_link("pages/views/data.py", label=t("ui.upload_link"), icon=":material/upload_file:")
        st.stop()
    return offered


def flag_choice(rate: bool, key: str) -> Flag:
    """How gaps are flagged: a choice for shares of students; averages have Newcombe-style intervals only."""
    if not rate:
        st.caption(t("flag.means_only"))
        return Flag.NEWCOMBE
    method = Flag(st.selectbox(t("flag.label"), list(Flag), key=key,
                               help=explain("interval", "beyond_chance", before=t("flag.help")),
                               format_func=bound(lambda f: t(f"flag.{Flag(f).value}.name"))))
    if method is not Flag.NEWCOMBE:
        st.caption(t(f"flag.{method.value}.how"), help=explain(FLAG_RULES[method.value]))
    return method


def grouping_picker(key: str, first_label: str | None = None, columns=None) -> Grouping:
    """A dimension, and optionally a second one to cross it with (e.g. race × income)."""
    left, right = columns or st.columns(2)
    first = left.selectbox(plain(first_label or t("ui.compare_by")), needed_dimensions(workbench()),
                           key=f"{key}_dimension",
                           format_func=bound(lambda d: dimension_label(DIMENSIONS[d])))
    return Grouping(first, crossed_with(first, key, right))


def crossed_with(first: str, key: str, container=None) -> str | None:
    """An optional second dimension to cross `first` with: the intersections of the two."""
    offered = offered_dimensions(workbench())
    others = [None, *(d for d in offered if DIMENSIONS[d].column != DIMENSIONS[first].column)]
    return (container or st).selectbox(
        t("ui.crossed_with"), others, key=f"{key}_second_{first}",
        format_func=bound(lambda d: t("ui.one_dimension") if d is None else dimension_label(DIMENSIONS[d])),
        help=t("ui.crossed_help"))


def risk_settings(bench: Workbench, key: str) -> RiskSettings:
    """Minimum cell size, n-size and flag threshold for risk ratios, kept in the session's privacy settings
    across pages, always on screen. A change is stored before the page reruns, so figures drawn above these
    inputs use it at once."""
    current = bench.privacy.risk

    def store() -> None:
        bench.privacy = replace(bench.privacy, risk=RiskSettings(int(st.session_state[f"{key}_cell"]),
                                                             int(st.session_state[f"{key}_nsize"]),
                                                             float(st.session_state[f"{key}_threshold"])))
    cell, size, limit = st.columns(3)
    cell.number_input(t("risk.cell"), 0, 100, current.cell_size, key=f"{key}_cell", on_change=store,
                      help=explain("cell_size", before=t("risk.cell_help")))
    size.number_input(t("risk.n_size"), 1, 500, current.n_size, key=f"{key}_nsize", on_change=store,
                      help=explain("n_size", before=t("risk.n_size_help")))
    limit.number_input(t("risk.threshold"), 1.0, 10.0, current.threshold, 0.1, key=f"{key}_threshold",
                       on_change=store,
                       help=explain("risk_ratio", "disproportionality", before=t("risk.threshold_help")))
    store()
    return bench.privacy.risk


def table(shown: Table) -> None:
    """A result's table as its exports print it, in the reader's language; figures aligned right."""
    st.dataframe(shown.frame(), hide_index=True, column_config={
        c.header: st.column_config.TextColumn(alignment="right") for c in shown.columns if c.kind in FIGURES})


def chart(figure: alt.TopLevelMixin, data: Table, caption: str = "") -> None:
    """A chart across the page with its text version beneath: `data`, the table the screen and exports show,
    as an HTML table a screen reader or keyboard can walk, captioned with the chart's title (or `caption`).
    Its spec is not validated against Vega-Lite's schema on every rerun (that cost more than the figures): the
    charts' shapes are validated by the tests, and a rerun brings new figures only. Its numbers are written
    the reader's way (`config.locale`)."""
    spec = figure.to_dict(validate=False)
    spec["config"] = {**spec.get("config", {}), "locale": chart_locale()}
    st.vega_lite_chart(spec, width="stretch")
    with st.expander(t("chart.text_version"), icon=":material/table:"):
        st.html(data.accessible_html(caption or chart_title(spec)))


def chart_title(spec: dict) -> str:
    """A chart's title as its spec gives it: plain text, or the text of a title with a subtitle."""
    title = spec.get("title", "")
    text = title.get("text", "") if isinstance(title, dict) else title
    return " ".join(text) if isinstance(text, list) else text


def section_downloads(section: Section, stem: str, key: str) -> None:
    """A view's chart as PNG or SVG and its table as CSV or XLSX; each file is made when its button is pressed.
    Only the view's group totals go into them, hidden groups as hidden."""
    files = []
    if section.chart is not None:
        files += [("png", t("page.report.chart_png"), lambda: Workbench.chart_png(section.chart)),
                  ("svg", t("page.report.chart_svg"), lambda: Workbench.chart_svg(section.chart))]
    files += [(fmt, t(f"page.report.table_{fmt}"),
               lambda fmt=fmt: Workbench.table_file(section.table, section.title, fmt)) for fmt in ("csv", "xlsx")]
    for column, (fmt, label, make) in zip(st.columns(len(files) + 2), files, strict=False):
        column.download_button(plain(label), make, file_name=f"{stem}.{fmt}", mime=MIME[fmt], on_click="ignore",
                               icon=":material/download:", key=f"{key}_{fmt}")


def min_days_setting(bench: Workbench, key: str) -> None:
    """The days enrolled chronic absence asks for (the federal rule's 10 by default). A change rebuilds the data
    before the page runs again, so every figure on it follows the new rule."""

    def change() -> None:
        try:
            bench.set_min_days(int(st.session_state[key]))
        except DataError as problem:
            st.session_state[f"{key}_problem"] = problem

    st.number_input(t("chronic.min_days"), min_value=1, max_value=366, step=1, key=key, on_change=change,
                    value=bench.data.mapping.min_days,
                    help=explain("chronic_absence", before=t("chronic.min_days_help")))
    if f"{key}_problem" in st.session_state:
        st.warning(message(st.session_state.pop(f"{key}_problem")), icon=":material/warning:")
