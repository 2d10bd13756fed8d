"""What one browser session (or one script) works with: its private DuckDB connection, the loaded data, an
upload waiting for its mapping, the filters and the minimum group size. No Streamlit here."""

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb

from equity.data import combine, dataset, derived
from equity.data.ingest import Upload, read_upload
from equity.data.mapping import Mapping, fitted, header_signature, new_values
from equity.model.cohorts import Cohort, cohort_filters
from equity.model.dimensions import COMBINED, DIMENSIONS
from equity.model.filters import Filters, options
from equity.sources import cube as cubes
from equity.stats import across as across_views
from equity.stats.crosstab import CrossTable, crosstab
from equity.stats.metrics import COMPARE_ALL, Breakdown, Cells, Rule, breakdown
from equity.stats.privacy import DEFAULT_MIN_N
from equity.stats.rule_check import nobody_meets
from equity.store import library, workspace
from equity.store.records import WorkspaceError
from equity.words.messages import Text

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "district.csv"
CACHED_CELLS = 32
CACHED_CUBES = 4                    # outcome and rule pairs kept counted at once, each a temporary table
MAIN = ("race_ethnicity", "low_income", "english_learner", "special_ed")   # summed together on a click


@dataclass
class Workbench:
    con: duckdb.DuckDBPyConnection = field(default_factory=dataset.connect)
    data: dataset.Dataset | None = None
    staged: dataset.Staged | None = None
    remembered: bool = False          # the staged proposal is a mapping confirmed before for this layout
    filters: Filters = field(default_factory=Filters)
    min_n: int = DEFAULT_MIN_N
    coding: bool = False              # top/bottom-code small groups' rates (equity.stats.privacy), a sidebar option
    _memo: dict = field(default_factory=dict, repr=False)   # recent figures, keyed by what they depend on
    _cubes: dict = field(default_factory=dict, repr=False)  # (data version, outcome, rule) -> cubes.Cube

    def load_sample(self) -> dataset.Dataset:
        """The fictional sample district, so the app has something to show before any upload."""
        staged = dataset.stage(self.con, read_upload(SAMPLE.read_bytes(), SAMPLE.name))
        self.data = dataset.activate(self.con, staged, staged.proposal, sample=True, previous=self.data)
        return self.data

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
        self.data = library.open_saved(self.con, tuple(saved[i] for i in ids), previous=self.data)
        self.filters = Filters()
        return self.data

    def save(self, name: str) -> library.SavedDataset:
        """Keep the loaded data in the workspace under `name`."""
        if self.data is None:
            raise dataset.DataError("session.nothing_to_save")
        return library.save(self.con, self.data, name)

    def upload(self, data: bytes, filename: str, sheet: str | None = None,
               progress: Callable[[Text], None] = lambda step: None) -> dataset.Staged:
        """Read and stage a file. A layout confirmed before is applied at once; errors change nothing.
        `progress` hears each step as a Text, for a status line on long uploads."""
        progress(Text("session.step.reading_sheet", filename=filename, sheet=sheet) if sheet
                 else Text("session.step.reading", filename=filename))
        upload = read_upload(data, filename, sheet)
        progress(Text("session.step.looking", columns=upload.table.num_columns, rows=upload.table.num_rows))
        staged = dataset.stage(self.con, upload)
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
        self.data = dataset.activate(self.con, self.staged, mapping, previous=self.data)
        if remember:
            workspace.save_mapping(header_signature(self.staged.upload.table.column_names), mapping)
        self.staged = None
        self.filters = Filters()
        return self.data

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
        key = (self.data.version, outcome, rule)
        if key not in self._cubes:
            stale = [k for k in self._cubes if k[0] != self.data.version]
            fresh = [k for k in self._cubes if k not in stale]
            for old in stale + fresh[:max(0, len(fresh) - CACHED_CUBES + 1)]:     # the oldest go first
                cubes.drop(self.con, self._cubes.pop(old))
            self._cubes[key] = cubes.build(self.con, outcome, rule)
        return self._cubes[key]

    def cells(self, outcome: str, rule: Rule, columns: tuple[str, ...] = MAIN, cohort: Cohort | None = None) -> Cells:
        """Cell counts for the current data, outcome, rule and filters (narrowed to one cohort when given), per
        combination of `columns`, summed from the cube; a rerun with the same ones is free."""
        filters = self.cohort_filters(cohort)
        return self._recent((self.data.version, outcome, rule, filters, columns),
                            lambda: cubes.cells(self.con, self.cube(outcome, rule), filters, columns))

    def _recent(self, key: tuple, make: Callable[[], object]):
        """A figure kept among the CACHED_CELLS most recent ones (the oldest goes first), made when not kept."""
        if key not in self._memo:
            if len(self._memo) >= CACHED_CELLS:
                self._memo.pop(next(iter(self._memo)))
            self._memo[key] = make()
        return self._memo[key]

    def cohort_filters(self, cohort: Cohort | None) -> Filters:
        """The session's filters, narrowed to one cohort (dimension, value) when given (equity.model.cohorts)."""
        return cohort_filters(self.filters, *cohort) if cohort else self.filters

    def nobody_meets(self, outcome: str, rule: Rule, label: str = "") -> Text | None:
        """Why no student in the whole loaded data meets `rule` (stats.rule_check), read once per data and rule."""
        key = ("nobody", self.data.version, outcome, rule)
        if key not in self._memo:
            self._memo[key] = nobody_meets(self.con, outcome, rule, label)
        return self._memo[key]

    def set_min_days(self, days: int) -> None:
        """Change the days enrolled chronic absence asks for, rebuilding `students` when it changes."""
        if self.data is not None and days != self.data.mapping.min_days:
            self.data = dataset.remap(self.con, self.data, replace(self.data.mapping, min_days=days))

    def chronic_note(self, outcome: str, lang: str, cohort: Cohort | None = None) -> str | None:
        """The chronic-absence rule and the students it leaves out under the session's filters, for `outcome`
        when it is the derived indicator (equity.data.derived); None for any other outcome."""
        if outcome != derived.CHRONIC.name or not derived.outcomes(self.data.mapping):
            return None
        short = derived.left_out_shown(self.con, self.data.mapping, self.cohort_filters(cohort), self.min_n)
        return derived.rule_note(self.data.mapping, short, self.min_n, lang)

    def filter_options(self) -> dict[str, list[str]]:
        """The values each sidebar filter offers; read once per version of the data, not on every click."""
        key = ("options", self.data.version)
        if key not in self._memo:
            self._memo[key] = options(self.con)
        return self._memo[key]

    def breakdown(self, outcome: str, rule: Rule, dimension: str, compare: str = COMPARE_ALL,
                  label: str = "", cohort: Cohort | None = None) -> Breakdown:
        """A breakdown of the session's data under its filters, minimum group size and top/bottom coding, within one
        cohort when given. Only cell counts are cached, and they do not depend on the coding, so a change of it takes
        effect at once."""
        column = DIMENSIONS[dimension].column
        # A student counts once per race they report alone or in combination: no cube cell holds that.
        filters = self.cohort_filters(cohort)
        cells = None if dimension == COMBINED else \
            self.cells(outcome, rule, MAIN if column in MAIN else (column,), cohort)
        return breakdown(self.con, outcome, rule, dimension, compare, filters, self.min_n, label, cells, self.coding,
                         self.across(outcome, rule, (column,), filters))

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
        cohort) and the minimum size, summed from the cached cube; a rerun with the same choices is free."""
        return self._recent(("across", self.data.version, outcome, rule, filters, columns, self.min_n),
                            lambda: across_views.find(self.con, outcome, rule, columns, filters, self.min_n,
                                                      self.cube(outcome, rule)))
