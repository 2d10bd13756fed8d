"""Cells a spreadsheet would run as formulas leave every CSV and Excel export as plain text."""

import csv
import io
import re
import unicodedata

import pytest
from openpyxl import load_workbook

from equity.data.ingest import read_upload
from equity.present.tables import Column, Table
from equity.report import render as exports
from equity.report.safe_cells import safe_cell, to_csv
from tests.hostile.generate import FORMULA_GAPS, formula_gaps


def runs_as_formula(cell: object) -> bool:
    """What a spreadsheet does with a cell, worked out independently of the guard: a tab or carriage return
    first, or any piece an import splits on `,` `;`, tab or a line break that starts (after blanks, which some programs
    strip) with a sign that reads as = + - @ in Unicode's compatibility form."""
    if not isinstance(cell, str):
        return False
    if cell.startswith(("\t", "\r")):
        return True
    return any(unicodedata.normalize("NFKC", piece.lstrip())[:1] in {"=", "+", "-", "@"}
               for piece in re.split(r"[,;\t\r\n]", cell))


@pytest.mark.parametrize("text", FORMULA_GAPS)
def test_every_spelling_of_a_formula_is_neutralised(text):
    assert runs_as_formula(text)
    assert not runs_as_formula(safe_cell(text))
    assert safe_cell(text).replace("'", "") == text.replace("'", "")   # only apostrophes are added


@pytest.mark.parametrize("text", ["plain", "Doe, Jane", "a - b", "3-4", "e-mail", "x@y.org", "", "1,5"])
def test_ordinary_text_is_left_alone(text):
    assert safe_cell(text) == text


def test_an_upload_full_of_formulas_exports_inert_as_csv_and_xlsx(tmp_path):
    path = tmp_path / "formula_gaps.xlsx"
    formula_gaps(path)
    table = read_upload(path.read_bytes(), path.name).table
    assert sum(map(runs_as_formula, table.column("Note").to_pylist())) == len(FORMULA_GAPS)

    text = to_csv(table.to_pandas()).decode("utf-8-sig")
    for delimiter in (",", ";"):      # as imported in a comma locale and in a semicolon one
        cells = [cell for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) for cell in row]
        assert not [cell for cell in cells if runs_as_formula(cell)]

    report_table = Table(tuple(Column(name) for name in table.column_names),
                         tuple(tuple(row.values()) for row in table.to_pylist()))
    for exported in (exports.table_csv(report_table, "=title").decode("utf-8-sig"),):
        assert not [c for row in csv.reader(io.StringIO(exported, newline="")) for c in row if runs_as_formula(c)]
    sheet = load_workbook(io.BytesIO(exports.table_xlsx(report_table, "＝title"))).active
    cells = [cell.value for row in sheet.iter_rows() for cell in row]
    assert len([c for c in cells if isinstance(c, str)]) > len(FORMULA_GAPS) ** 2
    assert not [c for c in cells if runs_as_formula(c)]
