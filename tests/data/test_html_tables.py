"""HTML tables saved as .xls (PowerSchool, Infinite Campus, Skyward exports) are read like a workbook: every
cell as text, the largest table unless one is chosen, bounded and parsed in the reading child like any upload."""

import pytest

from equity.data import html_tables, isolation
from equity.data.ingest import IngestError, read_upload, sheet_names
from tests import files

ROSTER = [["Student Number", "Last, First", "Ethnicity", "Lunch Status", "Score"],
          ["007", "Peña, José", "H", "F", "72.5"],
          ["012", "Li, Bo", "A", "P", "NA"],
          ["100", "Ode, Cy", "B", "", "N/A"]]


def _column(upload, name):
    return [row[name] for row in upload.table.to_pylist()]


def test_a_plain_table_keeps_every_value_as_written():
    upload = read_upload(files.html_xls_bytes([files.html_table(ROSTER)]), "students.xls")
    assert upload.table.column_names == ROSTER[0]
    assert _column(upload, "Student Number") == ["007", "012", "100"]
    assert _column(upload, "Score") == ["72.5", "NA", "N/A"]
    assert _column(upload, "Lunch Status") == ["F", "P", None]
    assert upload.sheet == "Table 1" and upload.sheets == ("Table 1",) and upload.header_row == 0
    assert upload.notes[0] == "Read as a web page table saved as a spreadsheet, the way many school systems " \
                              "export to Excel."


@pytest.mark.parametrize("before", [
    "<!-- Exported by the student information system on 12/06/2026 -->\n",
    '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n',
    "\ufeff<?xml version='1.0'?>\n<!DOCTYPE html>\n<style>td {font: 10pt Arial}</style>\n",
    "  \n<!-- one -->\n<!-- two\nlines -->\n<title>Roster</title>\n",
])
def test_what_comes_before_the_table_does_not_make_it_csv(before):
    upload = read_upload(files.html_xls_bytes([files.html_table(ROSTER, header_cells="td")], before), "x.xls")
    assert upload.table.column_names == ROSTER[0]
    assert _column(upload, "Last, First") == ["Peña, José", "Li, Bo", "Ode, Cy"]


def test_excel_web_page_in_windows_1252():
    data = files.html_xls_bytes([files.html_table(ROSTER)], encoding="windows-1252", excel=True)
    assert "Peña".encode("cp1252") in data     # not UTF-8: the declared charset is what reads it right
    upload = read_upload(data, "export.xls")
    assert _column(upload, "Last, First")[0] == "Peña, José"
    assert upload.table.num_rows == 3


def test_utf16_page():
    data = "\ufeff".encode("utf-16-le") + files.html_xls_bytes([files.html_table(ROSTER)]).decode().encode(
        "utf-16-le")
    assert _column(read_upload(data, "export.xls"), "Student Number") == ["007", "012", "100"]


def test_the_largest_of_several_tables_is_read_and_the_others_can_be_chosen():
    title = files.html_table([["Riverside Unified"], ["Run 12/06/2026"]], caption="Report")
    roster = files.html_table([ROSTER[0]] + [[f"{i:03d}", f"S{i}", "W", "P", str(i)] for i in range(30)])
    totals = files.html_table([["Group", "Count"], ["All", "30"], ["Free", "0"]])
    data = files.html_xls_bytes([title, roster, totals], excel=True)
    upload = read_upload(data, "powerschool.xls")
    assert upload.sheet == "Table 2" and upload.table.num_rows == 30
    assert upload.sheets == ("Table 1: Report", "Table 2", "Table 3")
    assert sheet_names(data, "powerschool.xls") == upload.sheets
    chosen = read_upload(data, "powerschool.xls", sheet="Table 3")
    assert chosen.table.column_names == ["Group", "Count"] and _column(chosen, "Count") == ["30", "0"]
    with pytest.raises(IngestError, match="has no sheet called 'Table 9'"):
        read_upload(data, "powerschool.xls", sheet="Table 9")


def test_a_title_row_spanning_the_table_is_skipped_and_spans_keep_columns_in_place():
    table = ('<table><tr><td colspan="3"><b>Grade 7 ELA</b></td></tr>'
             "<tr><th>ID</th><th colspan=2>Name</th><th>Score</th></tr>"
             "<tr><td>1</td><td>Ann</td><td>Lee</td><td>90</td></tr>"
             "<tr><td>2</td><td>Bo</td><td>Li</td><td>&nbsp;</td></tr></table>")
    upload = read_upload(files.html_xls_bytes([table]), "gradebook.xls")
    assert upload.header_row == 1
    assert upload.table.column_names == ["ID", "Name", "Column 3", "Score"]
    assert _column(upload, "Column 3") == ["Lee", "Li"] and _column(upload, "Score") == ["90", None]


def test_a_table_nested_in_a_cell_is_not_mixed_into_its_rows():
    inner = "<table><tr><td>x</td><td>y</td></tr></table>"
    outer = f"<table><tr><th>ID</th><th>Note</th></tr><tr><td>1</td><td>{inner}</td></tr>" \
            "<tr><td>2</td><td>b</td></tr></table>"
    tables = html_tables.read_tables(outer.encode())
    assert [name for name, _ in tables] == ["Table 1", "Table 2"]
    assert tables[0][1] == [["ID", "Note"], ["1", "xy"], ["2", "b"]]
    assert tables[1][1] == [["x", "y"]]


def test_a_web_page_without_a_table_is_refused():
    data = b"<!DOCTYPE html><html><body><p>Your session has expired.</p></body></html>"
    with pytest.raises(IngestError, match="it looks like a web page"):
        read_upload(data, "grades.xls")


def test_too_many_columns_is_refused_like_any_upload():
    wide = [[f"c{i}" for i in range(1001)], [str(i) for i in range(1001)]]
    with pytest.raises(IngestError, match="1,001 columns"):
        read_upload(files.html_xls_bytes([files.html_table(wide)]), "wide.xls")


def test_pages_are_parsed_in_the_reading_child(monkeypatch):
    calls = []
    original = isolation.run

    def spy(function, *args, **limits):
        calls.append(([f.__name__ for f in (function, *args) if callable(f)], sorted(limits)))
        return original(function, *args, **limits)

    monkeypatch.setattr(isolation, "run", spy)
    data = files.html_xls_bytes([files.html_table(ROSTER)])
    read_upload(data, "x.xls")
    sheet_names(data, "x.xls")
    assert calls == [(["_within_limits", "_read_html"], ["memory", "seconds"]),
                     (["_sheet_names"], ["memory", "seconds"])]


@pytest.mark.parametrize(("start", "html"), [
    (b"<table><tr><td>a</td></tr></table>", True),
    (b"<!-- c --><META charset=utf-8><table>", True),
    (b"<?xml version='1.0'?><html><body>", True),
    (b"<?xml version='1.0'?><Workbook xmlns='urn:schemas-microsoft-com:office:spreadsheet'>", False),
    (b"Name,Score\n<b>,1\n", False),
    (b"<Student>,Score\n", False),
])
def test_what_counts_as_a_web_page(start, html):
    assert html_tables.looks_like_html(start) is html


def test_a_cell_spanning_rows_keeps_the_next_rows_values_under_their_headers():
    table = ("<table><tr><th>School</th><th>ID</th><th>Score</th></tr>"
             '<tr><td rowspan="2">North</td><td>1</td><td>80</td></tr>'
             "<tr><td>2</td><td>75<br>retest</td></tr>"
             "<tr><td>South</td><td>3</td><td>90</td></tr></table>")
    (name, rows), = html_tables.read_tables(table.encode())
    assert rows == [["School", "ID", "Score"], ["North", "1", "80"], [None, "2", "75 retest"],
                    ["South", "3", "90"]]
