"""The head of a workbook: each sheet cut after its first rows, the rest of the workbook as it was."""

import io
import re
import zipfile

import fastexcel

from equity.data import workbook_head
from tests import files
from tests.hostile.generate import sheet_xml, table_rows, write_xlsx


def _rows(data: bytes, sheet: str | int = 0) -> list[tuple]:
    batch = fastexcel.read_excel(data).load_sheet(sheet, header_row=None, dtypes="string").to_arrow()
    return list(zip(*batch.to_pydict().values(), strict=True))


def test_each_sheet_keeps_its_first_rows_and_the_workbook_its_other_parts():
    sheet = [["ID", "Score", "Note"], *([f"S{i}", i, "x < y" if i % 2 else None] for i in range(1, 120))]
    data = files.xlsx_bytes({"Long": sheet, "Short": sheet[:5]}, hidden=("Short",))
    head = workbook_head.head(data, 40)
    whole, cut = zipfile.ZipFile(io.BytesIO(data)), zipfile.ZipFile(io.BytesIO(head))
    assert whole.namelist() == cut.namelist()
    for name in whole.namelist():
        if not name.startswith("xl/worksheets/"):
            assert cut.read(name) == whole.read(name)
    assert _rows(head, "Long") == _rows(data, "Long")[:40]
    assert _rows(head, "Short") == _rows(data, "Short")              # shorter than 40 rows: kept whole
    assert [sheet.visible for sheet in map(fastexcel.read_excel(head).load_sheet, ("Long", "Short"))] == [
        "visible", "hidden"]
    assert workbook_head.head(files.xlsx_bytes({"Short": sheet[:40]}), 40) is None       # nothing to cut
    assert workbook_head.head(files.xlsx_bytes({"Short": sheet[:41]}), 40) is not None


def test_a_sheet_written_with_a_namespace_prefix_and_rows_without_cells_is_cut_after_its_rows(tmp_path):
    rows = [["ID", "Score"], *([f"S{i}", i] for i in range(1, 60))]
    body = table_rows(rows[:2]) + '<row r="3" spans="1:2"/>' + table_rows(rows[2:], first=4)   # row 3: no cells
    xml = sheet_xml(body).decode()
    xml = re.sub(r"<(/?)(worksheet|sheetData|row|c|is|t|v)\b", r"<\1x:\2", xml)
    xml = xml.replace("<x:worksheet xmlns=", "<x:worksheet xmlns:x=")
    path = tmp_path / "prefixed.xlsx"
    write_xlsx(path, xml.encode())
    data = path.read_bytes()
    head = workbook_head.head(data, 10)
    sheet = zipfile.ZipFile(io.BytesIO(head)).read("xl/worksheets/sheet1.xml")
    assert sheet.endswith(b"</x:row></x:sheetData></x:worksheet>")
    assert sheet.count(b"<x:row ") == 10        # rows 1-3 (3 without cells), 4-10
    assert _rows(head) == _rows(data)[:10]
