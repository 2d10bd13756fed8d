"""What one browser session (or one script) works with: its private DuckDB connection, the loaded data, an
upload waiting for its mapping, the filters and the minimum group size. No Streamlit here."""

import contextlib
import functools
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import ClassVar

import altair as alt
import duckdb
import pyarrow as pa
from cachetools import LRUCache

from equity.app import access
from equity.app.desks import GoalBook, LogBook, Shelf
from equity.app.sql_console import EXAMPLE, LIMITS, Console, QueryError
from equity.app.sql_download import SIZE_COLUMN, Download, for_download
from equity.data import combine, dataset, derived, first_view
from equity.data.combine import EVENTS, ROSTER, JoinReport, JoinSpec, Keys
from equity.data.dataset import DataError
from equity.data.derived import all_outcomes
from equity.data.ingest import IngestError, Upload, read_upload
from equity.data.mapping import (
    KINDS,
    ROLES,
    ColumnRole,
    Mapping,
    ValueRow,
    edited_kind,
    fitted,
    header_signature,
    new_values,
    unplaced_rows,
    value_maps,
)
from equity.data.normalize import GUESSED, NO, NOT_REPORTED, UNPLACED, YES
from equity.data.normalize import options as value_options
from equity.data.profile import ColumnProfile
from equity.model import terms as term_order
from equity.model.cohorts import Cohort, cohort_choices, cohort_filters, cohort_values
from equity.model.dimensions import COMBINED, DIMENSIONS
from equity.model.filters import FLAG_KEYS, Filters
from equity.model.groups import Grouping
from equity.model.rules import Rule, counting_threshold, default_threshold, meeting_categories
from equity.plans import (
    accountability,
    goals,
    interventions,
    ontrack,
    overview,
    scorecard,
    status_grid,
    survey,
    warning,
)
from equity.plans.accountability import COLOUR_MIN_N
from equity.plans.cut_presets import PRESETS as CUT_PRESETS
from equity.plans.cut_presets import SOURCE as CUT_SOURCE
from equity.plans.cut_presets import YEAR as CUT_YEAR
from equity.plans.cut_presets import suggested as suggested_cuts
from equity.plans.goals import (
    AT_BASELINE,
    ENROLLED,
    GAP,
    HALVE,
    HIGHER,
    LOWER,
    MET,
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
    STRAIGHT,
    VALUE,
    Evaluation,
    Goal,
)
from equity.plans.group_grid import GroupPlacement
from equity.plans.interventions import STAGES, Entry, stage_label
from equity.plans.scorecard import LAGGING, LEADING, METHODS, NO_GOAL, Card, Indicator
from equity.plans.status_grid import default_cuts, read_cuts
from equity.plans.survey import read_notes as survey_notes
from equity.plans.survey import summary as survey_summary
from equity.plans.warning import AREAS, AT_LEAST, BELOW, IN, WarningSign
from equity.present.tables import Table
from equity.report import images
from equity.report import render as exports
from equity.report.render import MIME, file_stem
from equity.report.sections import (
    AccountabilityView,
    Choice,
    GapView,
    GoalsView,
    GroupGridView,
    IntersectionView,
    Report,
    ScorecardView,
    Section,
    chronic_notes,
    compose,
    filter_lines,
    views,
)
from equity.report.student_list import FILE_PREFIX, roster_table, student_table
from equity.sources import cube as cubes
from equity.sources import spark
from equity.sources.cells import Cells, key_text
from equity.sources.cube import filter_options as options
from equity.stats import across as across_views
from equity.stats import matched as matching
from equity.stats.crosstab import CrossTable, crosstab
from equity.stats.disproportionality import Disproportionality, consecutive_flags, disproportionality
from equity.stats.disproportionality import Settings as RiskSettings
from equity.stats.entity import EntityComparison, EntityGroup, ranked, versus_all
from equity.stats.gap_flag_settings import COMPARE, DEFAULTS, HPG, FlagSettings
from equity.stats.gap_flags import Flag
from equity.stats.matched import CohortError
from equity.stats.metrics import COMPARE_ALL, COMPARE_OTHERS, Breakdown, breakdown
from equity.stats.privacy import BOTTOM_CODE, CODING_BELOW_N, TOP_CODE
from equity.stats.privacy import PRESETS as PRIVACY_PRESETS
from equity.stats.rule_check import nobody_meets
from equity.stats.settings import PrivacySettings
from equity.stats.trends import Trend, data_terms, trend
from equity.store import library, workspace
from equity.store import scorecards as scorecard_store
from equity.store.records import WorkspaceError
from equity.words.messages import Text
from equity.words.reader import language

# What pages may use besides the Workbench: plain vocabulary (types, constants, errors) and the few functions that
# only turn a result into a file or words. tests/app/test_page_imports.py keeps pages to this, equity.words and
# equity.present; whatever decides what data means is a Workbench method instead.
__all__ = [
    "Workbench", "AREAS", "AT_BASELINE", "AT_LEAST", "ENROLLED", "BELOW", "IN", "BOTTOM_CODE", "Breakdown",
    "CODING_BELOW_N", "COLOUR_MIN_N", "COMBINED", "COMPARE", "COMPARE_ALL",
    "COMPARE_OTHERS", "CUT_PRESETS", "CUT_SOURCE", "CUT_YEAR", "Card", "Choice", "Cohort", "CohortError",
    "ColumnRole", "Console", "DEFAULTS", "DIMENSIONS", "DataError", "EVENTS", "EXAMPLE", "Entry", "Evaluation",
    "FILE_PREFIX", "FLAG_KEYS", "Filters", "Flag", "FlagSettings", "GAP", "GUESSED", "Goal", "Grouping", "HALVE",
    "HIGHER", "HPG", "Indicator", "IngestError", "JOIN_ERRORS", "JoinReport", "JoinSpec", "KINDS", "Keys",
    "LAGGING", "LEADING", "LIMITS", "LOWER", "MET", "METHODS", "MIME", "Mapping", "NO", "NOT_REPORTED", "NO_DATA",
    "NO_GOAL", "OFF_TRACK", "ON_TRACK", "PRIVACY_PRESETS", "QueryError", "ROLES", "ROSTER", "Report",
    "RiskSettings", "Rule", "SIZE_COLUMN", "STAGES", "STRAIGHT", "Section", "TOP_CODE", "Table", "UNPLACED",
    "Upload", "VALUE", "WorkspaceError", "YES", "access", "default_cuts", "file_stem", "key_text", "read_cuts",
    "stage_label", "suggested_cuts", "survey_notes", "survey_summary",
]
JOIN_ERRORS = (ValueError, DataError, duckdb.Error)    # what a join the person set up may fail with

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "district.csv"
SAMPLE_COUNTS = SAMPLE.with_name("crdc_district.csv")


@functools.cache
def _staged_sample(path: Path) -> dataset.Staged:
    """A sample read, profiled and proposed once per process: every new browser session opens on it, and the
    read (in a child process) and the proposal cost more than building its students."""
    with contextlib.closing(dataset.connect()) as con:
        return dataset.stage(con, read_upload(path.read_bytes(), path.name))


CACHED_FIGURES = 32                 # recent figures kept; the least recently used goes first
# Trends kept apart from the figures: the overview asks for every indicator by every student group twice (its
# answers, then the accountability grid), more trends than the figures' memo keeps.
CACHED_TRENDS = 64
CACHED_CUBES = 4                    # outcome and rule pairs kept counted at once, each a temporary table
MAIN = ("race_ethnicity", "low_income", "english_learner", "special_ed")   # summed together on a click


@contextlib.contextmanager
def spark_problems() -> Iterator[None]:
    """A Spark table that cannot be reached or cannot answer, as the message a page shows."""
    try:
        yield
    except spark.SparkError as problem:
        raise dataset.DataError("session.spark_failed", problem=str(problem)) from None


@dataclass
class Workbench:
    con: duckdb.DuckDBPyConnection = field(default_factory=dataset.connect)
    data: dataset.Dataset | None = None
    staged: dataset.Staged | None = None
    remembered: bool = False          # the staged proposal is a mapping confirmed before for this layout
    filters: Filters = field(default_factory=Filters)
    privacy: PrivacySettings = field(default_factory=PrivacySettings)   # n-size, coding, colour minimum, risk
    _memo: LRUCache = field(default_factory=lambda: LRUCache(CACHED_FIGURES), repr=False)  # key: what it depends on
    _trends: LRUCache = field(default_factory=lambda: LRUCache(CACHED_TRENDS), repr=False)  # the same, for trends
    _cubes: dict = field(default_factory=dict, repr=False)  # (data version, outcome, rule) -> cubes.Cube
    _lasting: dict = field(default_factory=dict, repr=False)  # read once per data version (see _once)
    # One rerun at a time uses the connection: a rerun that Streamlit stops goes on until its next Streamlit call,
    # and DuckDB refuses a second call on a busy connection instead of waiting.
    busy: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)
    # What pages keep on this machine besides the loaded data (equity.app.desks): no state, one of each.
    shelf: ClassVar[Shelf] = Shelf()            # saved datasets and the workspace
    goal_book: ClassVar[GoalBook] = GoalBook()  # saved goals, and what the goal form proposes
    log_book: ClassVar[LogBook] = LogBook()     # the intervention log

    @property
    def min_n(self) -> int:
        """The n-size: a group with fewer students shows nothing."""
        return self.privacy.min_n

    @min_n.setter
    def min_n(self, value: int) -> None:
        self.privacy = replace(self.privacy, min_n=value)

    @property
    def coding(self) -> bool:
        """Whether small groups' rates are top/bottom-coded."""
        return self.privacy.coding

    @coding.setter
    def coding(self, value: bool) -> None:
        self.privacy = replace(self.privacy, coding=value)

    def load_sample(self, counts: bool = False) -> dataset.Dataset:
        """The fictional sample district, so the app has something to show before any upload: its students, or
        with `counts` twenty fictional schools' published counts in the CRDC's layout."""
        staged = dataset.restage(self.con, _staged_sample(SAMPLE_COUNTS if counts else SAMPLE))
        return self._use(dataset.activate(self.con, staged, staged.proposal, sample=True, previous=self.data))

    def _use(self, data: dataset.Dataset) -> dataset.Dataset:
        """`data`, student rows or published counts in the session's `students`, becomes the session's data (cells
        are no longer counted by a Spark table used before)."""
        cubes.attach(self.con, None)
        self.data = data
        return data

    def start(self) -> Text | None:
        """Open the saved datasets chosen to open at start, else the sample; says why when they could not.
        Student rows that a killed save left in the workspace are removed first."""
        with contextlib.suppress(OSError):     # an unreadable workspace is reported where it is used
            library.clean_leftovers()
        chosen, note = library.startup(), None
        if chosen:
            try:
                self.open_saved(chosen)
                return None
            except (WorkspaceError, dataset.DataError, OSError) as problem:
                note = Text("session.start_failed", problem=problem)
        self.load_sample()
        return note

    def open_saved(self, ids: tuple[str, ...]) -> dataset.Dataset:
        """Saved datasets (one per term or year, say) become the data together; errors change nothing."""
        saved = {e.id: e for e in library.catalogue()[0]}
        if any(i not in saved for i in ids):
            raise WorkspaceError("session.saved_gone")
        self._use(library.open_saved(self.con, tuple(saved[i] for i in ids), previous=self.data))
        self.filters = Filters()
        return self.data

    def save(self, name: str) -> library.SavedDataset:
        """Keep the loaded data in the workspace under `name`."""
        if self.data is None:
            raise dataset.DataError("session.nothing_to_save")
        if cubes.elsewhere(self.con):
            raise dataset.DataError("session.spark_not_saved")
        return library.save(self.con, self.data, name)

    def upload(self, data: bytes, filename: str, sheet: str | None = None,
               progress: Callable[[Text], None] = lambda step: None) -> dataset.Staged:
        """Read and stage a file. A layout confirmed before is applied at once; errors change nothing.
        `progress` hears each step as a Text, for a status line on long uploads."""
        progress(Text("session.step.reading_sheet", filename=filename, sheet=sheet) if sheet
                 else Text("session.step.reading", filename=filename))
        upload = read_upload(data, filename, sheet, typed=True)
        progress(Text("session.step.looking", columns=upload.table.num_columns, rows=upload.table.num_rows))
        staged = dataset.stage(self.con, upload)
        upload = staged.upload      # as staged: a wide file of published counts is reshaped to long
        known = workspace.load_mapping(header_signature(upload.table.column_names))
        self.staged, self.remembered = staged, False
        if known is not None and {c.header for c in known.columns} == set(upload.table.column_names):
            known = fitted(known, staged.profiles)
            self.staged = dataset.Staged(upload, staged.profiles, known)
            self.remembered = True
            if new_values(known, staged.profiles):
                return staged       # values the saved map never saw: the person places them first
            progress(Text("session.step.remembered"))
            try:
                self.confirm(known, remember=False)
            except dataset.DataError:
                self.remembered = False
        return staged

    def confirm(self, mapping: Mapping, remember: bool = True) -> dataset.Dataset:
        """Make the staged upload the data under `mapping`, and remember the mapping for its layout."""
        if self.staged is None:
            raise dataset.DataError("session.nothing_staged")
        if isinstance(self.staged, spark.SparkStaged):
            self.use_spark(self.staged, mapping)
        else:
            self._use(dataset.activate(self.con, self.staged, mapping, previous=self.data))
        if remember:
            workspace.save_mapping(header_signature(self.staged.upload.table.column_names), mapping)
        self.staged = None
        self.filters = Filters()
        return self.data

    def connect_spark(self, url: str, table: str, token: str | None = None) -> dataset.Staged:
        """Stage a Spark table of student rows for its mapping, as an upload is: its columns profiled from counts,
        no row read (equity.sources.spark). The token (the app's secret, else the environment's) is used to
        connect, never kept."""
        with spark_problems():
            self.staged, self.remembered = spark.stage(url, table, token=token), False
        return self.staged

    def use_spark(self, staged: spark.SparkStaged, mapping: Mapping) -> dataset.Dataset:
        """The staged Spark table under `mapping` as the data: the mapping applies there, as SQL, and every figure
        is summed from the cells Spark counts."""
        with spark_problems():
            self.data = spark.activate(self.con, staged, mapping, self.data)
        return self.data

    def without_rows(self) -> str | None:
        """Why a view that reads student rows cannot (a catalogue key): the data is published counts, or its
        students stay in a Spark table; None for student rows."""
        if self.data is not None and self.data.mapping.counts:
            return "ui.needs_student_rows"
        return "ui.needs_student_rows_spark" if cubes.elsewhere(self.con) else None

    def discard_upload(self) -> None:
        self.staged = None

    def join_base(self) -> Upload | None:
        """The file a roster or event file joins to: the upload waiting for its mapping, else the loaded one."""
        if self.staged is not None:
            return self.staged.upload
        return self.data.upload if self.data is not None else None

    def preview_join(self, other: Upload, spec: combine.JoinSpec) -> combine.Combined:
        """`other` joined to the base file, with its report; nothing is staged until `accept_join`."""
        base = self.join_base()
        if base is None:
            raise dataset.DataError("session.no_base")
        return combine.combine(self.con, base, other, spec)

    def accept_join(self, combined: combine.Combined) -> dataset.Staged:
        """Stage the joined table for its mapping, as a fresh upload is."""
        self.staged, self.remembered = dataset.stage(self.con, combined.upload), False
        return self.staged

    def cube(self, outcome: str, rule: Rule) -> cubes.Cube:
        """The current data's cube for `outcome` and `rule`, built on first use; cubes of older data are dropped."""
        return self._kept_cube((outcome, rule), lambda: cubes.build(self.con, outcome, rule))

    def _kept_cube(self, key: tuple, make: Callable[[], cubes.Cube]) -> cubes.Cube:
        """The current data's cube for `key`, made on first use; cubes of older data are dropped, and past
        CACHED_CUBES the oldest."""
        key = (self.data.version, *key)
        if key not in self._cubes:
            stale = [k for k in self._cubes if k[0] != self.data.version]
            fresh = [k for k in self._cubes if k not in stale]
            for old in stale + fresh[:max(0, len(fresh) - CACHED_CUBES + 1)]:     # the oldest go first
                cubes.drop(self.con, self._cubes.pop(old))
            self._cubes[key] = make()
        return self._cubes[key]

    def cells(self, outcome: str, rule: Rule, columns: tuple[str, ...] = MAIN, cohort: Cohort | None = None) -> Cells:
        """Cell counts for the current data, outcome, rule and filters (narrowed to one cohort when given), per
        combination of `columns`, summed from the cube; a rerun with the same ones is free."""
        filters = self.cohort_filters(cohort)
        return self._recent((self.data.version, outcome, rule, filters, columns),
                            lambda: cubes.cells(self.con, self.cube(outcome, rule), filters, columns))

    def _recent(self, key: tuple, make: Callable[[], object], memo: LRUCache | None = None):
        """A figure kept among the CACHED_FIGURES most recently used ones (or in `memo`), made when not kept."""
        memo = self._memo if memo is None else memo
        if key not in memo:
            memo[key] = make()
        return memo[key]

    def _once(self, key: tuple, make: Callable[[], object]):
        """Read once per version of the data (a scan of every student), kept apart from the recent figures: a
        click with many groups (schools ranked) makes more figures than those keep, and pushed these out, so every
        click scanned the students twice."""
        key = (self.data.version, *key)
        if key not in self._lasting:
            self._lasting = {k: v for k, v in self._lasting.items() if k[0] == self.data.version}
            self._lasting[key] = make()
        return self._lasting[key]

    def cohort_filters(self, cohort: Cohort | None) -> Filters:
        """The session's filters, narrowed to one cohort (dimension, value) when given (equity.model.cohorts)."""
        return cohort_filters(self.filters, *cohort) if cohort else self.filters

    def nobody_meets(self, outcome: str, rule: Rule, label: str = "") -> Text | None:
        """Why no student in the whole loaded data meets `rule` (stats.rule_check), read once per data and rule."""
        return self._once(("nobody", outcome, rule, label), lambda: nobody_meets(self.con, outcome, rule, label))

    def set_min_days(self, days: int) -> None:
        """Change the days enrolled chronic absence asks for, rebuilding `students` when it changes."""
        if self.data is not None and days != self.data.mapping.min_days:
            remap = spark.remap if isinstance(cubes.elsewhere(self.con), spark.SparkSource) else dataset.remap
            with spark_problems():
                self.data = remap(self.con, self.data, replace(self.data.mapping, min_days=days))

    def chronic_note(self, outcome: str, cohort: Cohort | None = None) -> str | None:
        """The chronic-absence rule and the students it leaves out under the session's filters, for `outcome`
        when it is the derived indicator (equity.data.derived); None for any other outcome."""
        if outcome != derived.CHRONIC.name or not derived.has_chronic(self.data.mapping) or self.data.mapping.counts:
            return None
        filters = self.cohort_filters(cohort)
        short = self._recent((self.data.version, "left out", filters, self.min_n), lambda: derived.left_out_shown(
            self.con, self.data.mapping, filters, self.min_n, self.cube))
        return derived.rule_note(self.data.mapping, short, self.min_n)

    def filter_options(self) -> dict[str, list[str]]:
        """The values each sidebar filter offers; read once per version of the data, not on every click."""
        return self._once(("options",), lambda: options(self.con))

    def breakdown(self, outcome: str, rule: Rule, dimension: str, compare: str = COMPARE_ALL,
                  label: str = "", cohort: Cohort | None = None) -> Breakdown:
        """A breakdown of the session's data under its filters, minimum group size and top/bottom coding, within one
        cohort when given. Only cell counts are cached, and they do not depend on the coding, so a change of it takes
        effect at once."""
        column = DIMENSIONS[dimension].column
        # A student counts once per race they report alone or in combination: no cube cell holds that.
        if dimension == COMBINED and self.without_rows():
            raise dataset.DataError(self.without_rows())
        filters = self.cohort_filters(cohort)
        # MAIN's cells are summed down to any of its columns, unless the rows describe one dimension each (a
        # report card's races and incomes): then only the dimension's own rows are summed (sources.counts).
        together = column in MAIN and len(self.cube(outcome, rule).kinds) < 2
        cells = None if dimension == COMBINED else self.cells(outcome, rule, MAIN if together else (column,), cohort)
        return self._breakdown(outcome, rule, dimension, compare, label, filters, cells)

    def _breakdown(self, outcome: str, rule: Rule, dimension: str, compare: str, label: str, filters: Filters,
                   cells: Cells | None) -> Breakdown:
        return breakdown(self.con, outcome, rule, dimension, compare, filters, self.min_n, label, cells, self.coding,
                         self.across(outcome, rule, (DIMENSIONS[dimension].column,), filters))

    def versus_all(self, outcome: str, rule: Rule, dimension: str, school: str, label: str = "") -> EntityComparison:
        """One school's groups against the same groups across every school the filters keep (stats.entity)."""
        return self._versus_every(outcome, rule, dimension, (school,), label)[0]

    def schools_ranked(self, outcome: str, rule: Rule, dimension: str, key: object, label: str = ""
                       ) -> tuple[tuple[str, EntityGroup], ...]:
        """Every school the filters keep by the group `key`'s figure against every school's (stats.entity)."""
        schools = self.filters.school or tuple(self.filter_options()["school"])
        return ranked(self._versus_every(outcome, rule, dimension, schools, label), key)

    def _versus_every(self, outcome: str, rule: Rule, dimension: str, schools: tuple[str, ...], label: str
                      ) -> list[EntityComparison]:
        """Each of `schools` against every school. The schools' cells come from one grouped query, each school's
        breakdown sums its own share of them (as narrowed to the school, whatever schools the sidebar keeps), and
        the rule across views judges each from the cube's kept sizes: no query per school."""
        columns = (DIMENSIONS[dimension].column, "school")
        everywhere = self.breakdown(outcome, rule, dimension, COMPARE_ALL, label)
        by_school = self.cells(outcome, rule, columns)
        any_school = replace(self.filters, school=())
        key = (self.data.version, outcome, rule, any_school, columns, "per school")
        shares = self._recent(key, lambda: cubes.cells(self.con, self.cube(outcome, rule), any_school, columns).per(
            "school"))
        return [versus_all(school, self._breakdown(outcome, rule, dimension, COMPARE_ALL, label,
                                                   cohort_filters(self.filters, "school", school),
                                                   shares.get(school, Cells(columns, ()))), everywhere, by_school)
                for school in schools]

    def crosstab(self, outcome: str, rule: Rule, first: str, second: str, label: str = "",
                 cohort: Cohort | None = None) -> CrossTable:
        """Two dimensions crossed over the session's data, filters (within one cohort when given), minimum group
        size and coding."""
        columns = (DIMENSIONS[first].column, DIMENSIONS[second].column)
        filters = self.cohort_filters(cohort)
        cells = self.cells(outcome, rule, columns, cohort) if columns[0] != columns[1] else None
        return crosstab(self.con, outcome, rule, first, second, filters, self.min_n, label, self.coding, cells,
                        self.across(outcome, rule, columns, filters) if cells is not None else None)

    def across(self, outcome: str, rule: Rule, columns: tuple[str, ...], filters: Filters) -> across_views.Hidden:
        """What the rule across views hides among these groups under `filters` (the session's, or narrowed to a
        cohort) and the minimum size, from the cached cube: its cells are read once per outcome and every
        breakdown and click sums them (equity.stats.across); a rerun with the same choices is free."""
        return self._recent(("across", self.data.version, outcome, rule, filters, columns, self.min_n),
                            lambda: across_views.find(self.con, outcome, rule, columns, filters, self.min_n,
                                                      self.cube(outcome, rule)))

    # What pages ask of the loaded data. Each applies the session's filters and minimum group size unless the
    # page names others, so a page reads: ask the workbench, render the answer; no page holds a connection.

    def terms(self, filtered: bool = False, cohort: Cohort | None = None) -> tuple[str, ...]:
        """The loaded terms in time order; only those the sidebar keeps (within one cohort when given) when
        `filtered`."""
        found = self._recent(("terms", self.data.version), lambda: data_terms(self.con))
        chosen = self.cohort_filters(cohort).term if filtered else ()
        return tuple(term for term in found if term in chosen) if chosen else found

    def trend(self, outcome: str, rule: Rule, dimension: str, compare: str = COMPARE_ALL, label: str = "",
              second: str | None = None, cohort: Cohort | None = None) -> Trend:
        """One outcome by one dimension (or two crossed) in every loaded term, under the session's filters
        (within one cohort when given)."""
        filters = self.cohort_filters(cohort)
        return self._recent(
            (self.data.version, outcome, rule, dimension, compare, label, second, filters, self.min_n),
            lambda: trend(self.con, outcome, rule, dimension, compare, filters, self.min_n, label, second,
                          self.cube(outcome, rule), self.terms(filtered=True, cohort=cohort)), self._trends)

    def risk(self, outcome: str, rule: Rule, grouping: Grouping, label: str = "",
             term: str | None = None) -> Disproportionality:
        """Risk ratios under the session's filters (in one term when given) and risk settings, against every
        loaded student, summed from the outcome's cached cube: a click costs in proportion to the groups, not
        to the students or schools."""
        filters = replace(self.filters, term=(term,)) if term else self.filters
        return disproportionality(self.con, outcome, rule, grouping, filters, Filters(), self.privacy.risk,
                                  self.min_n, label, cube=self.cube(outcome, rule))

    def risk_streaks(self, outcome: str, rule: Rule, grouping: Grouping, terms: Sequence[str]) -> dict[object, int]:
        """How many terms in a row, up to the last of `terms`, each group was flagged."""
        return consecutive_flags(self.con, outcome, rule, grouping, self.filters, terms, self.privacy.risk,
                                 self.min_n, self.cube(outcome, rule))

    def usual_risk_outcome(self) -> tuple[str, Rule] | None:
        """The outcome and rule the scorecard would flag by risk ratio (suspension, say), the risk page's first
        choice; None when the data has none."""
        return next(((i.outcome, i.rule) for i in scorecard.default_indicators(self.data.mapping, self.data.profiles)
                     if i.method == scorecard.RISK_RATIO), None)

    def levels(self, header: str) -> tuple[str, ...] | None:
        """A category outcome's levels, lowest first, when they are in a recognised order (Not Met, Met, ...)."""
        profile = next((p for p in self.data.profiles if p.header == header), None)
        return matching.level_order(profile.distinct) if profile else None

    def matched(self, outcome: str, rule: Rule, dimension: str, first: str, second: str, label: str = "",
                levels: Sequence[str] = ()) -> matching.Cohort:
        """The students present in both terms and their change, by group (equity.stats.matched)."""
        return matching.cohort(self.con, outcome, rule, dimension, first, second, self.filters, self.min_n, label,
                              levels)

    def transitions(self, result: matching.Cohort) -> tuple[matching.Transition, ...]:
        return matching.transitions(self.con, result)

    def growth(self, result: matching.Cohort) -> tuple[matching.Growth, ...]:
        return matching.growth(self.con, result)

    def student_list(self, outcome: str, label: str, rule: Rule) -> Table:
        """The labelled student-level export: one row per student the filters keep."""
        return student_table(self.con, outcome, label, rule, self.filters)

    def warning_signs(self) -> tuple[WarningSign, ...]:
        """The early-warning indicators the loaded data has, at their default thresholds (equity.plans.warning)."""
        return warning.find(self.data.mapping, self.data.profiles)

    def warning_summary(self, signs: tuple[WarningSign, ...], dimension: str, term: str | None,
                        area: str | None = None) -> Breakdown:
        """The share of students flagged (in any area, or in `area`) by group in `term` (None: data without terms),
        under the session's filters, minimum group size and coding: group totals, suppressed like every figure."""
        filters = replace(self.filters, term=(term,)) if term else self.filters
        counted = self._kept_cube(("warning", signs, area),
                                  lambda: warning.cube(self.con, signs, self.data.mapping, area))
        found = self._recent(("warning", self.data.version, signs, dimension, filters, area, self.min_n, self.coding),
                             lambda: warning.summary(self.con, counted, dimension, filters, self.min_n, self.coding))
        return replace(found, outcome=warning.label(area))

    def warning_roster(self, signs: tuple[WarningSign, ...], term: str | None) -> Table:
        """The labelled student-level roster of `term` under the session's filters, the most areas flagged first."""
        return roster_table(self.con, signs, self.data.mapping, term, self.filters)

    def on_track_rule(self) -> ontrack.OnTrackRule | None:
        """The on-track indicator's columns (credits, core courses failed, graduated), None without credits and a
        grade column (equity.plans.ontrack)."""
        return ontrack.find(self.data.mapping)

    def on_track(self, rule: ontrack.OnTrackRule, dimension: str, term: str) -> Breakdown:
        """The share of `term`'s 9th graders on track by group, under the session's filters and privacy settings."""
        counted = self._kept_cube(("ontrack", rule), lambda: ontrack.cube(self.con, rule))
        found = self._recent(("ontrack", self.data.version, rule, dimension, term, self.filters, self.min_n,
                              self.coding),
                             lambda: ontrack.summary(self.con, counted, dimension, term, self.filters, self.min_n,
                                                     self.coding))
        return replace(found, outcome=ontrack.label())

    def graduation(self, rule: ontrack.OnTrackRule, term: str) -> ontrack.Graduation | None:
        """How many of `term`'s on-track and off-track 9th graders graduated in a later term, suppressed."""
        return ontrack.graduation(self.con, rule, term, ontrack.later_terms(self.terms(), term), self.filters,
                                  self.min_n)

    def graduation_by_group(self, rule: ontrack.OnTrackRule, dimension: str,
                            term: str) -> tuple[ontrack.GroupGraduation, ...] | None:
        """`graduation` for each group of the on-track table by `dimension`, suppressed as a crossed table."""
        overall = self.graduation(rule, term)
        if overall is None:
            return None
        return ontrack.graduation_by_group(self.con, rule, term, ontrack.later_terms(self.terms(), term),
                                           self.filters, self.min_n, overall, self.on_track(rule, dimension, term))

    def column_values(self, header: str) -> tuple[str, ...]:
        """The values a column of the loaded file holds (the most frequent first), for a picker of categories."""
        profile = next((p for p in self.data.profiles if p.header == header), None)
        return tuple(v for v in profile.distinct if v is not None) if profile else ()

    def group_names(self) -> dict[str, str]:
        """Every reported group in the loaded data, for the log's pickers (none before any data)."""
        return interventions.group_names(self.con) if self.data is not None else {}

    def suggest_join(self, other: Upload) -> combine.JoinSpec:
        """The likely keys for joining `other` to the base file (see `join_base`)."""
        return combine.suggest(self.con, self.join_base(), other)

    def console(self) -> Console:
        """A fresh copy of the session's tables for the SQL console; close it when the data changes."""
        return Console(self.con)

    def sql_download(self, sql: str, table: pa.Table) -> Download:
        """A console result as a CSV under the minimum group size, or why not."""
        return for_download(self.con, sql, table, self.min_n)

    def assess_goals(self, saved: Sequence[goals.Goal]) -> list[goals.Evaluation]:
        """Where each goal stands on the loaded data (its outcome missing from it said so)."""
        outcomes = {c.name for c in self.data.mapping.outcomes()} if self.data else set()
        return [goals.assess(self.con, g, outcomes, self.min_n) for g in saved]

    def goal_groups(self, outcome: str, rule: Rule, dimension: str, second: str) -> dict[str, str]:
        """The groups a goal may name for this outcome: key as text -> name in the reader's language."""
        return goals.group_choices(self.con, outcome, rule, dimension, second)

    def goal_actual(self, goal: goals.Goal) -> tuple[goals.Point, ...]:
        """A goal's figure in every loaded term."""
        return goals.actual(self.con, goal, self.min_n)

    def read_survey(self, upload: Upload) -> survey.Survey:
        return survey.read_survey(self.con, upload)

    def survey_results(self, found: survey.Survey, grouping: Grouping, term: str | None, joined: bool,
                       reverse: tuple[str, ...]) -> survey.SurveyResults:
        """Percent favourable per item and group, joined to students' records (in one term) when `joined`."""
        return survey.results(self.con, found, grouping, self.min_n, term, joined, reverse)

    def accountability_grid(self, indicators: Sequence[scorecard.Indicator], cuts: dict[str, status_grid.Cuts],
                            colour_min_n: int) -> accountability.Grid:
        """Every student group the file has on every indicator (its chosen cut points, else its default ones),
        against the prior term, under the session's filters."""
        def make() -> accountability.Grid:
            columns = [accountability.column(i, cuts.get(i.label, status_grid.default_cuts(i)),
                                             [h for _, h in self.group_trends((i,))], colour_min_n)
                       for i in indicators]
            return accountability.grid(columns, self.min_n, colour_min_n)
        return self._recent(("accountability", self.data.version, tuple(indicators), tuple(sorted(cuts.items())),
                             self.filters, self.min_n, colour_min_n, language()), make)   # its words too

    def group_trends(self, indicators: Sequence[scorecard.Indicator]) -> list[tuple[scorecard.Indicator, Trend]]:
        """Each indicator's trend by every student group the file has (accountability.STUDENT_GROUPS), under the
        session's filters."""
        return [(i, self.trend(i.outcome, i.rule, d, label=i.outcome_label)) for i in indicators
                for d in self.student_groups()]

    def student_groups(self) -> list[str]:
        """The dimensions of accountability.STUDENT_GROUPS the file has."""
        return [d for d in accountability.STUDENT_GROUPS if d in first_view.dimensions(self.data.mapping)]

    def overview(self, colour_min_n: int) -> list[tuple[str, list[overview.Answer]]]:
        """The overview's answers on the loaded data, by question (equity.plans.overview): the dataset's
        scorecard indicators (saved, else the defaults) with their cut points, and the saved goals."""
        saved, _ = scorecard_store.chosen(self.data.name, self.data.mapping, self.data.profiles)
        indicators = scorecard.available(saved.indicators, self.data.mapping)
        trends = self.group_trends(indicators) if self.terms() else [   # no terms: the file's records as one
            (i, Trend(i.outcome_label, i.rule, DIMENSIONS[d], COMPARE_ALL, self.min_n, (),
                      (self.breakdown(i.outcome, i.rule, d, label=i.outcome_label),)))
            for i in indicators for d in self.student_groups()]
        return overview.answers(trends, self.assess_goals(goals.load()[0]),
                                self.accountability_grid(indicators, saved.cuts, colour_min_n))

    def scorecard(self, indicators: Sequence[scorecard.Indicator]) -> list[scorecard.Card]:
        """Each indicator's card under the session's filters and risk settings, with the status of a saved goal
        on it."""
        goal = scorecard.goal_lookup(self.con, self.min_n)
        return [scorecard.evaluate(self.con, i, self.filters, self.min_n, self.privacy.risk, goal) for i in indicators]

    # The data page: the staged upload's columns and values as the mapping screen edits them, and joined files.

    def staged_new_values(self) -> tuple[tuple[str, str], ...]:
        """(header, raw value) the staged file has that its remembered layout never saw."""
        return new_values(self.staged.proposal, self.staged.profiles) if self.staged is not None else ()

    @staticmethod
    def unplaced_rows(profile: ColumnProfile, role: str, mapping: Mapping) -> int:
        return unplaced_rows(profile, role, mapping)

    @staticmethod
    def edited_kind(profile: ColumnProfile, role: str, kind: str = "") -> str:
        return edited_kind(profile, role, kind)

    @staticmethod
    def value_maps(profiles: Sequence[ColumnProfile], mapping: Mapping
                   ) -> tuple[Mapping, tuple[tuple[str, str, tuple[ValueRow, ...]], ...]]:
        return value_maps(mapping, profiles)

    @staticmethod
    def value_options(role: str) -> tuple[str, ...]:
        """The canonical values a raw value of `role` can be placed at."""
        return value_options(role)

    def groups_found(self) -> first_view.Groups:
        """Which student groups the loaded file has and which it lacks."""
        return first_view.groups(self.data.mapping)

    @staticmethod
    def read_join_file(data: bytes, filename: str) -> Upload:
        """A roster or event file to join to the base file, read but not staged."""
        return read_upload(data, filename)

    # Goals kept in the workspace, as far as they read the loaded terms (the rest: self.goal_book).

    def baseline_terms(self, kept: str | None = None) -> tuple[str, ...]:
        """The terms a goal's baseline may be in: the loaded ones and the one a goal already has, in time order."""
        return term_order.ordered([*self.terms(), *([kept] if kept else [])])

    def target_term(self, fallback: str) -> str:
        """Three terms after the latest loaded one (after `fallback` when none is loaded): a goal's usual horizon."""
        found = self.terms()
        return term_order.shift(found[-1] if found else fallback, 3) or ""

    # Reports and exports.

    def report_scorecard(self, chosen: tuple | None, cuts: dict) -> tuple[tuple[Indicator, ...], dict]:
        """The scorecard as the person set it up: `chosen` (dataset name, indicators) from the scorecard page with
        its `cuts` when it is for the loaded data, else the one saved for this dataset, else the defaults."""
        if chosen is not None and chosen[0] == self.data.name:
            indicators = chosen[1]
        else:
            saved, _ = self.scorecard_choice()
            indicators, cuts = saved.indicators, saved.cuts
        return tuple(scorecard.available(indicators, self.data.mapping)), cuts

    def report(self, choice: Choice, title: str, notes: str) -> Report:
        """The chosen views of the session's data as a report in the reader's language, its figures and notes
        worked out in it (a report in another language is made under `reading(that language)`)."""
        return compose(views(self, choice), self, title, notes)

    @staticmethod
    def export(report: Report, fmt: str) -> bytes:
        """The report as a file: pdf, pptx, html or xlsx."""
        return exports.report_xlsx(report) if fmt == "xlsx" else exports.render(report, fmt)

    @staticmethod
    def table_file(table: Table, title: str, fmt: str) -> bytes:
        """One table as csv or xlsx."""
        return exports.table_csv(table, title) if fmt == "csv" else exports.table_xlsx(table, title)

    @staticmethod
    def chart_png(chart: alt.TopLevelMixin, width: int = images.WIDTH) -> bytes:
        return images.chart_png(chart, width)

    @staticmethod
    def chart_svg(chart: alt.TopLevelMixin) -> str:
        return images.chart_svg(chart)

    # What the analysis pages ask besides figures: the choices a page offers for the loaded data, and results put
    # into the sections that the screen shows and the exports write.

    def offered_dimensions(self) -> tuple[str, ...]:
        """The dimensions the loaded file has a column for: the only ones a page offers."""
        return first_view.dimensions(self.data.mapping)

    def outcomes(self) -> list[ColumnRole]:
        """The outcomes a page offers, derived ones included (equity.data.derived)."""
        return all_outcomes(self.data.mapping)

    def likeliest_outcome(self, outcomes: Sequence[ColumnRole]) -> int:
        """Which of `outcomes` a page opens on (equity.data.first_view)."""
        return first_view.likeliest(outcomes, self.data.profiles)

    def outcome_values(self, column: ColumnRole) -> tuple:
        """The distinct values of an outcome's column, as profiled at upload."""
        profile = next((p for p in self.data.profiles if p.header == column.header), None)
        return profile.distinct if profile else ()

    def start_threshold(self, column: ColumnRole, counting: bool = False) -> float:
        """The threshold a numeric outcome's picker starts at; `counting` starts a count (incidents) at one."""
        values = self.outcome_values(column)
        return (counting_threshold(values) if counting else None) or default_threshold(values, column.measure)

    def start_categories(self, categories: Sequence[str]) -> list[str]:
        """The categories a category outcome's picker starts with as meeting it (Met, Exceeded ...)."""
        return list(meeting_categories(categories)) or list(categories[:1])

    def filter_lines(self) -> list[str]:
        """One line per filter in force, in words."""
        return filter_lines(self.filters)

    def cohort_choices(self) -> list[str]:
        """The dimensions that split the data the filters keep into two cohorts or more."""
        return cohort_choices(self.filter_options(), self.filters)

    def cohort_values(self, dimension: str) -> list[str]:
        """The cohorts of `dimension` the filters keep, in order."""
        return cohort_values(self.filter_options(), dimension, self.filters)

    def intersection(self, outcome: str, rule: Rule, first: str, second: str, label: str = "",
                     cohort: Cohort | None = None) -> Section:
        """Two dimensions crossed, as the screen shows it and its downloads write it."""
        return IntersectionView(self.crosstab(outcome, rule, first, second, label, cohort), cohort).section()

    def gap_view(self, result: Breakdown, flag: Flag, settings: FlagSettings, cohort: Cohort | None = None,
                 outcome_note: str = "") -> GapView:
        """A breakdown with its gaps flagged once, for the sentence, chart, table and downloads."""
        return GapView(result, flag=flag, colour_min_n=self.privacy.colour_min_n, settings=settings, cohort=cohort,
                       outcome_note=outcome_note)

    def log_markers(self, terms: Sequence[str]) -> tuple[tuple[interventions.Marker, ...], int]:
        """The intervention log's entries that fall among `terms`, placed for a trend chart, and how many entries
        the log holds."""
        entries, _ = interventions.load()
        return interventions.markers(entries, tuple(terms)), len(entries)

    def survey_file(self, data: bytes, name: str) -> survey.Survey:
        """A survey export read and recognised (IngestError or ValueError when it cannot be)."""
        return self.read_survey(read_upload(data, name))

    def scorecard_choice(self) -> tuple[scorecard_store.Saved, str | None]:
        """The loaded dataset's saved scorecard (else the defaults) and why a saved one could not be used."""
        return scorecard_store.chosen(self.data.name, self.data.mapping, self.data.profiles)

    def available(self, indicators: Sequence[Indicator]) -> list[Indicator]:
        """The indicators whose outcome the loaded data has."""
        return scorecard.available(indicators, self.data.mapping)

    def save_scorecard(self, indicators: Sequence[Indicator], cuts: dict) -> None:
        """Keep the scorecard's indicators and cut points for the loaded dataset (OSError, WorkspaceError)."""
        scorecard_store.save(self.data.name, indicators, cuts)

    def clear_scorecard(self) -> None:
        """The loaded dataset's scorecard back to the defaults."""
        scorecard_store.clear(self.data.name)

    def placements(self, cards: Sequence[Card], cuts: dict) -> list[status_grid.Placement]:
        """Each card on the status × change grid, by its chosen cut points or else its defaults."""
        return [status_grid.place(c, cuts.get(c.indicator.label, status_grid.default_cuts(c.indicator)),
                                  self.privacy.colour_min_n) for c in cards]

    def group_grid(self, indicator: Indicator, dimension: str, cuts: dict, colour_min_n: int
                   ) -> tuple[tuple[GroupPlacement, ...], Section]:
        """One indicator's status × change for every group of `dimension` against the prior term, and its section."""
        history = self.trend(indicator.outcome, indicator.rule, dimension, label=indicator.outcome_label)
        view = GroupGridView(history, indicator, cuts.get(indicator.label, status_grid.default_cuts(indicator)),
                             colour_min_n)
        placed = view.placed()
        return placed, view.section(placed)

    def chronic_notes(self, indicators: Sequence[Indicator]) -> tuple[str, ...]:
        """The chronic-absence rule's note, once, when an indicator is chronic absence."""
        return chronic_notes(self, indicators)

    def accountability_section(self, grid: accountability.Grid) -> Section:
        """Every student group on every indicator as the screen's table and every export write it."""
        return AccountabilityView(grid).section()

    def identified(self, grid: accountability.Grid) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The sentences naming the groups a state would identify: red on two indicators or more, and the lowest
        group on each indicator."""
        return (tuple(f.sentence for f in accountability.red_on_two(grid)),
                tuple(f.sentence for f in accountability.lowest(grid)))

    def goals_section(self, evaluations: Sequence[Evaluation]) -> Section:
        """Every goal's status as one table, as the goals screen shows it and the report writes it."""
        return GoalsView(tuple(evaluations), self.min_n).section()

    def scorecard_section(self, cards: Sequence[Card], cuts: dict) -> Section:
        """The cards as one table (value, change, status, colour, finding, goal), as the report writes it."""
        return ScorecardView(tuple(cards), self.min_n, tuple(sorted(cuts.items())), self.privacy.colour_min_n,
                             self.chronic_notes([c.indicator for c in cards])).section()
