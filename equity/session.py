"""What one browser session (or one script) works with: its private DuckDB connection, the loaded data, an
upload waiting for its mapping, the filters and the minimum group size. No Streamlit here."""

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from equity import dataset, workspace
from equity.filters import Filters
from equity.ingest import read_upload
from equity.mapping import Mapping, header_signature
from equity.metrics import COMPARE_ALL, Breakdown, Cells, Rule, breakdown, cell_counts
from equity.privacy import DEFAULT_MIN_N

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "district.csv"
CACHED_CELLS = 32


@dataclass
class Workbench:
    con: duckdb.DuckDBPyConnection = field(default_factory=dataset.connect)
    data: dataset.Dataset | None = None
    staged: dataset.Staged | None = None
    remembered: bool = False          # the staged proposal is a mapping confirmed before for this layout
    filters: Filters = field(default_factory=Filters)
    min_n: int = DEFAULT_MIN_N
    _cells: dict = field(default_factory=dict, repr=False)   # recent cell counts, keyed by what they depend on

    def load_sample(self) -> dataset.Dataset:
        """The fictional sample district, so the app has something to show before any upload."""
        staged = dataset.stage(self.con, read_upload(SAMPLE.read_bytes(), SAMPLE.name))
        self.data = dataset.activate(self.con, staged, staged.proposal, sample=True, previous=self.data)
        return self.data

    def upload(self, data: bytes, filename: str, sheet: str | None = None) -> dataset.Staged:
        """Read and stage a file. A layout confirmed before is applied at once; errors change nothing."""
        upload = read_upload(data, filename, sheet)
        staged = dataset.stage(self.con, upload)
        known = workspace.load_mapping(header_signature(upload.table.column_names))
        self.staged, self.remembered = staged, False
        if known is not None and {c.header for c in known.columns} == set(upload.table.column_names):
            self.staged = dataset.Staged(upload, staged.profiles, known)
            self.remembered = True
            try:
                self.confirm(known, remember=False)
            except dataset.DataError:
                self.remembered = False
        return staged

    def confirm(self, mapping: Mapping, remember: bool = True) -> dataset.Dataset:
        """Make the staged upload the data under `mapping`, and remember the mapping for its layout."""
        if self.staged is None:
            raise dataset.DataError("There is no upload waiting for a mapping. Upload a file first.")
        self.data = dataset.activate(self.con, self.staged, mapping, previous=self.data)
        if remember:
            workspace.save_mapping(header_signature(self.staged.upload.table.column_names), mapping)
        self.staged = None
        self.filters = Filters()
        return self.data

    def discard_upload(self) -> None:
        self.staged = None

    def cells(self, outcome: str, rule: Rule) -> Cells:
        """Cell counts for the current data, outcome, rule and filters; a rerun with the same ones is free."""
        key = (self.data.version, outcome, rule, self.filters)
        if key not in self._cells:
            if len(self._cells) >= CACHED_CELLS:
                self._cells.pop(next(iter(self._cells)))
            self._cells[key] = cell_counts(self.con, outcome, rule, self.filters)
        return self._cells[key]

    def breakdown(self, outcome: str, rule: Rule, dimension: str, compare: str = COMPARE_ALL,
                  label: str = "") -> Breakdown:
        """A breakdown of the session's data under its filters and minimum group size."""
        return breakdown(self.con, outcome, rule, dimension, compare, self.filters, self.min_n, label,
                         self.cells(outcome, rule))
