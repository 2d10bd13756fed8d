"""The one table model: every result's table is built once as a `Table`, which the screen shows (`frame`) and
every export writes (HTML, PDF, slides, XLSX, CSV), so a figure, a flag, a note on why a group is hidden and a
column's name are worked out in one place.

Cells are plain values: numbers, words, None where a figure is hidden. In a figure column, text stands for a
figure that is printed rather than computed: a hidden group's '<10', a coded rate's '≥ 95%'; the row's note says
why. Screens and exports print cells the same way (`cell_text`).
"""

from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup

from equity.present.html import fragment
from equity.words.labels import figure
from equity.words.numbers import count, decimal

TEXT, COUNT, VALUE, GAP, INDEX = "text", "count", "value", "gap", "index"
FIGURES = (COUNT, VALUE, GAP, INDEX)


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = TEXT          # TEXT, COUNT (students), VALUE (a rate or mean), GAP (signed points), INDEX (a ratio)
    unit: str = ""            # "%" for rates


@dataclass(frozen=True)
class Table:
    """A view's figures as rows of plain values (None where hidden), with the notes that explain them."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]
    notes: tuple[str, ...] = ()

    def text_rows(self) -> list[list[str]]:
        """Every cell as it is printed: one decimal, gaps signed, thousands separated, a dash where hidden."""
        return [[cell_text(value, column) for value, column in zip(row, self.columns, strict=True)]
                for row in self.rows]

    def compact(self) -> "Table":
        """Without the columns no row fills (the note column when nothing is hidden), for pages and slides."""
        texts = self.text_rows()
        keep = [j for j in range(len(self.columns)) if j == 0 or any(row[j] for row in texts)]
        return Table(tuple(self.columns[j] for j in keep), tuple(tuple(row[j] for j in keep) for row in self.rows),
                     self.notes)

    def hidden_row(self, i: int) -> bool:
        """Row `i` shows no figure at all: a hidden group (a table without figure columns has none)."""
        figures = [v for v, c in zip(self.rows[i], self.columns, strict=True) if c.kind in (VALUE, GAP)]
        return bool(figures) and all(v is None for v in figures)

    def frame(self) -> pd.DataFrame:
        """The table for a screen, every cell as its exports print it: figures in the reader's language (72,9 %
        and 15.104 in Spanish), a hidden or undefined figure as the exports' dash, never an empty cell; headers
        exactly as exports print them."""
        return pd.DataFrame(self.text_rows(), columns=[c.header for c in self.columns])

    def accessible_html(self, caption: str) -> Markup:
        """The table as an accessible HTML table (caption, headers scoped to their column or row), printed as
        the screen and exports print it: a chart's text version for screen readers and keyboards. Every text
        is escaped."""
        figures = [c.kind in FIGURES for c in self.columns]
        rows = [(row[0], *zip(row[1:], figures[1:], strict=True)) for row in self.text_rows()]
        return fragment("data_table.html", caption=caption, headers=[c.header for c in self.columns], rows=rows,
                        notes=self.notes)


def cell_text(value: object, column: Column) -> str:
    """A cell as exports print it, in the reader's language (15.104, 72,9 %, +1,5 in Spanish)."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if column.kind == COUNT:
        return count(int(value))
    if column.kind == GAP:
        return decimal(value, signed=True)
    if column.kind == VALUE:
        return figure(value, column.unit == "%")
    if column.kind == INDEX:
        return decimal(value, 2)
    return str(value)
