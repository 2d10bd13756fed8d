"""Report builder: pick the views, add a title and notes, preview, and download the report (PDF, slides, web
page) or any one chart or table; or show it on a projector, one view at a time. Only group totals leave, with
the same suppression as on screen; a student-level list is a separate, labelled, explicit download."""

from itertools import combinations

import streamlit as st

from equity.app.session import (
    COMPARE_ALL,
    COMPARE_OTHERS,
    DIMENSIONS,
    FILE_PREFIX,
    MIME,
    Choice,
    Report,
    file_stem,
)
from equity.words.i18n import LANGUAGES, t
from equity.words.labels import comparison_label, dimension_label
from equity.words.numbers import count
from equity.words.reader import bound, language, reading
from pages.views import flag_controls, shared
from pages.views.shared import plain

KEEP = "report_"                  # widget keys kept while presentation mode hides the controls
DEFAULT_DIMENSIONS = ("race", "low_income", "english_learner")
PRESENT_WIDTH = 560               # px: a chart drawn this wide and shown across a projector reads from the back
PRESENTATION_STYLE = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"] {display: none !important;}
[data-testid="stMainBlockContainer"] {max-width: 100%; padding-top: 1.5rem;}
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li {font-size: 1.6rem;
 line-height: 1.4;}
[data-testid="stMainBlockContainer"] h1 {font-size: 2.8rem;}
</style>"""


def keep_choices() -> None:
    """Widgets that are not drawn lose their value; writing each back keeps the builder's choices while the
    presentation hides it."""
    for key in [k for k in st.session_state if str(k).startswith(KEEP)]:
        st.session_state[key] = st.session_state[key]


def preview(report: Report) -> None:
    st.subheader(t("page.report.preview"))
    st.markdown(f"### {plain(report.title)}")
    for line in report.context:
        st.caption(plain(line))
    if report.notes:
        st.markdown(plain(report.notes))
    for number, section in enumerate(report.sections, start=1):
        with st.container(border=True):
            st.markdown(f"#### {number:d}. {plain(section.title)}")
            for sentence in section.summary:
                st.markdown(plain(sentence))
            if section.chart is not None:
                shared.chart(section.chart, section.table.compact(), section.title)   # with its text version
            shared.table(section.table.compact())
            st.caption(plain(" ".join(section.table.notes)))
            shared.section_downloads(section, f"{file_stem(report.title)}-{number}-{report.lang}",
                                     f"dl_{number}")


def downloads(report: Report) -> None:
    st.subheader(t("page.report.download"))
    with reading(report.lang):          # the report's own words, in its language
        st.caption(plain(t("report.aggregates_only") + " " + report.privacy))
    stem = f"{file_stem(report.title)}-{report.lang}"
    files = [("pdf", t("page.report.pdf"), ":material/picture_as_pdf:"),
             ("pptx", t("page.report.pptx"), ":material/slideshow:"),
             ("html", t("page.report.html"), ":material/language:")]
    columns = st.columns(4)
    for column, (fmt, label, icon) in zip(columns, files, strict=False):
        column.download_button(plain(label), lambda f=fmt: bench.export(report, f), file_name=f"{stem}.{fmt}",
                               mime=MIME[fmt], on_click="ignore", icon=icon, type="primary",
                               key=f"dl_report_{fmt}")
    columns[3].download_button(t("page.report.xlsx"), lambda: bench.export(report, "xlsx"),
                               file_name=f"{stem}.xlsx", mime=MIME["xlsx"], on_click="ignore",
                               icon=":material/table:", key="dl_report_xlsx")


def student_export(bench, column, rule) -> None:
    """The student-level list, behind an explicit confirmation and labelled as student data."""
    with st.expander(t("page.report.student_title"), icon=":material/warning:"):
        st.warning(t("page.report.student_intro"))
        if not shared.student_rows(bench) or not st.checkbox(t("page.report.student_confirm"),
                                                              key="student_confirm"):
            return
        table = bench.student_list(column.name, column.header, rule)
        st.caption(t("page.report.student_rows", rows=count(len(table.rows))))
        title = t("student.title", outcome=column.header)
        stem = f"{FILE_PREFIX}-{file_stem(column.header)}"
        left, right, _ = st.columns([1, 1, 2])
        left.download_button(t("page.report.student_csv"), lambda: bench.table_file(table, title, "csv"),
                             file_name=f"{stem}.csv", mime=MIME["csv"], on_click="ignore",
                             key="dl_students_csv")
        right.download_button(t("page.report.student_xlsx"), lambda: bench.table_file(table, title, "xlsx"),
                              file_name=f"{stem}.xlsx", mime=MIME["xlsx"], on_click="ignore",
                              key="dl_students_xlsx")


def builder(bench) -> None:
    st.title(t("nav.report"))
    if not shared.require_data(bench):
        return
    st.write(t("page.report.intro", min_n=f"{bench.min_n:d}"))
    shared.active_filters(bench)
    picked = shared.outcome_picker(bench, "report")
    if not picked:
        return
    column, rule = picked
    shared.rule_warning(bench, column, rule)
    left, right = st.columns(2)
    offered = shared.offered_dimensions(bench)
    dimensions = left.multiselect(t("page.report.dimensions"), offered,
                                  default=[d for d in DEFAULT_DIMENSIONS if d in offered] or offered[:1],
                                  key="report_dimensions", placeholder=t("ui.choose_options"),
                                  format_func=bound(lambda d: dimension_label(DIMENSIONS[d])))
    compare = right.selectbox(t("page.report.compare"), (COMPARE_ALL, COMPARE_OTHERS), key="report_compare",
                              format_func=bound(lambda c: comparison_label(c, DIMENSIONS["race"])))
    with right:
        method = shared.flag_choice(rule.is_rate, "report_flag")
        settings = flag_controls.flag_settings(method, "report_flagset")
    cohort = flag_controls.cohort_by(bench, "report")
    crossings = st.multiselect(
        t("page.report.crossings"), list(combinations(dimensions, 2)), key=f"report_cross_{'-'.join(dimensions)}",
        placeholder=t("ui.choose_options"),
        format_func=bound(lambda pair: " × ".join(dimension_label(DIMENSIONS[d]) for d in pair)))
    first, second, third = st.columns(3)
    history = first.checkbox(t("page.report.history"), value=True, key="report_history")
    changes = first.checkbox(t("page.report.changes"), value=False, key="report_changes")
    goals = second.checkbox(t("page.report.goals"), value=True, key="report_goals")
    goal_table = second.checkbox(t("page.report.goal_table"), value=False, key="report_goal_table")
    scorecard = second.checkbox(t("page.report.scorecard"), value=False, key="report_scorecard")
    group_grids = scorecard and second.checkbox(t("page.report.group_grids"), value=False,
                                                key="report_group_grids")
    accountable = scorecard and second.checkbox(t("page.report.accountability"), value=False,
                                                key="report_accountability")
    rows = bench.without_rows() is None
    warning = rows and bool(bench.warning_signs()) and first.checkbox(t("page.report.warning"), value=False,
                                                                      key="report_warning")
    on_track = rows and bench.on_track_rule() is not None and first.checkbox(t("page.report.on_track"), value=False,
                                                                             key="report_on_track")
    languages, reader = list(LANGUAGES), language()
    report_lang = third.radio(t("page.report.language"), languages, index=languages.index(reader),
                              horizontal=True, format_func=LANGUAGES.get, key=f"report_language_{reader}")
    with reading(report_lang):
        default_title = t("report.default_title")
    title = st.text_input(t("page.report.heading"), placeholder=default_title, key="report_title")
    notes = st.text_area(t("page.report.notes"), key="report_notes", height=90)
    if not dimensions and not crossings and not goal_table and not scorecard:
        st.info(t("page.report.none"))
        return
    chosen, cuts = st.session_state.get("scorecard"), st.session_state.get("grid_cuts", {})
    indicators, cuts = bench.report_scorecard(chosen, cuts) if scorecard else ((), {})
    choice = Choice(column.name, column.header, rule, tuple(dimensions), compare, tuple(crossings), history, goals,
                    changes, goal_table, indicators, tuple(cuts.items()), method, settings, cohort, group_grids,
                    accountable, st.session_state.get("accountability_min", 30), warning, on_track)
    with reading(report_lang):
        report = bench.report(choice, title, notes)
    st.session_state["report_built"] = report
    downloads(report)
    preview(report)
    student_export(bench, column, rule)


def step(by: int, total: int) -> None:
    st.session_state["present_index"] = (st.session_state.get("present_index", 0) + by) % total


def presentation(report: Report) -> None:
    """One view at a time, large, for a projector; the figures behind each chart one click away."""
    st.html(PRESENTATION_STYLE)
    total = len(report.sections)
    index = min(st.session_state.get("present_index", 0), total - 1)
    section = report.sections[index]
    back, where, forward = st.columns([1, 4, 1])
    back.button(t("page.report.previous"), icon=":material/arrow_back:", on_click=step, args=(-1, total),
                key="present_previous", width="stretch")
    position = t("page.report.position", current=f"{index + 1:d}", total=total)
    where.markdown(f"{plain(report.title)} · {position}", text_alignment="center")
    forward.button(t("page.report.next"), icon=":material/arrow_forward:", on_click=step, args=(1, total),
                   key="present_next", width="stretch")
    st.title(plain(section.title))
    if section.chart is not None:
        # Drawn narrow and shown full width, so its text, marks and labels grow together.
        st.image(bench.chart_png(section.chart, PRESENT_WIDTH), alt=section.alt_text, width="stretch")
    for sentence in section.summary:
        st.markdown(plain(sentence))
    with st.expander(t("page.report.figures")):
        shared.table(section.table.compact())
        st.caption(plain(" ".join(section.table.notes)))
    st.caption(plain(report.privacy))


bench = shared.workbench()
presenting = st.toggle(t("page.report.present"), key="present_mode", help=t("page.report.present_help"))
built = st.session_state.get("report_built")
if presenting and built is not None and built.sections:
    keep_choices()
    presentation(built)
else:
    if presenting:
        st.info(t("page.report.present_empty"))
    builder(bench)
