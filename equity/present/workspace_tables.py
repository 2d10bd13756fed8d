"""The saved-data list as a Table, so the workspace screen prints it as every other table: counts and sizes in the
reader's language, the dash where a figure is unknown."""

from equity.present.tables import COUNT, TEXT, Column, Table
from equity.store.library import SavedDataset
from equity.words.i18n import t
from equity.words.numbers import decimal


def saved_table(saved: tuple[SavedDataset, ...]) -> Table:
    """Each saved dataset: its name, terms, rows, outcomes, source file, when it was saved and its size on disk."""
    kinds = {"name": TEXT, "terms": TEXT, "rows": COUNT, "outcomes": COUNT, "source": TEXT, "saved": TEXT,
             "size": TEXT}
    columns = tuple(Column(t(f"page.saved.col_{name}"), kind) for name, kind in kinds.items())
    return Table(columns, tuple((e.name, ", ".join(e.terms) or None, e.rows, len(e.outcomes), e.source,
                                 e.saved_at.replace("T", " "), _megabytes(e)) for e in saved))


def _megabytes(entry: SavedDataset) -> str | None:
    """The size of its file in MB, two decimals; None when the file is gone."""
    return decimal(entry.path.stat().st_size / 1e6, 2) if entry.path.exists() else None
