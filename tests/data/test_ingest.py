"""Uploaded files of every kind a gradebook produces become the same table of text, or a clear error."""

import datetime as dt
import io
import zipfile
from dataclasses import replace
from functools import partial

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equity.data import ingest, limits
from equity.data.ingest import IngestError, Upload, read_upload, sheet_names
from equity.data.limits import LIMITS
from tests import files

ROSTER = [
    ["Student ID", "Name", "Score"],
    ["007", "Ann", "72.5"],
    ["012", "Bob", "NA"],
    ["100", "Cy", "N/A"],
]


def rows(upload: Upload) -> list[dict]:
    return upload.table.to_pylist()


def assert_text_table(upload: Upload) -> None:
    """What every caller relies on: text columns, unique names (ignoring case, as DuckDB does)."""
    assert all(field.type == pa.string() for field in upload.table.schema)
    names = [name.casefold() for name in upload.table.column_names]
    assert len(names) == len(set(names))


def refused(data: bytes, filename: str, sheet: str | None = None) -> str:
    with pytest.raises(IngestError) as caught:
        read_upload(data, filename, sheet)
    return str(caught.value)


# --- CSV ------------------------------------------------------------------------------------------------


def test_utf8_csv_keeps_every_value_as_written():
    data = files.csv_bytes([*ROSTER, ["0042", "Di", "None"], ["5", "Ed", "null"]])
    upload = read_upload(data, "roster.csv")
    assert_text_table(upload)
    assert upload.table.column_names == ["Student ID", "Name", "Score"]
    assert [row["Student ID"] for row in rows(upload)] == ["007", "012", "100", "0042", "5"]
    assert [row["Score"] for row in rows(upload)] == ["72.5", "NA", "N/A", "None", "null"]
    assert (upload.sheet, upload.sheets, upload.header_row, upload.notes) == (None, (), 0, ())


def test_utf8_bom_is_not_part_of_the_first_header():
    upload = read_upload(files.csv_bytes(ROSTER, encoding="utf-8", bom=True), "roster.csv")
    assert upload.table.column_names[0] == "Student ID"
    assert upload.notes == ()


def test_windows_1252_csv_is_decoded_with_a_note():
    data = files.csv_bytes([["Name", "Comment"], ["José", "it’s fine"], ["Nuñez", "ok"]], encoding="cp1252")
    assert b"\x92" in data and b"\xe9" in data
    upload = read_upload(data, "names.csv")
    assert rows(upload) == [{"Name": "José", "Comment": "it’s fine"}, {"Name": "Nuñez", "Comment": "ok"}]
    assert "Read as Windows-1252 text." in upload.notes


def test_bytes_windows_1252_leaves_undefined_are_read_as_latin1():
    upload = read_upload(b"Name,Code\nAnn,\x81\xe9\n", "odd.csv")
    assert rows(upload) == [{"Name": "Ann", "Code": "\x81é"}]


def test_utf16_text_from_excel_unicode_export():
    data = files.csv_bytes(ROSTER, encoding="utf-16", delimiter="\t")
    upload = read_upload(data, "unicode.txt")
    assert upload.table.column_names == ["Student ID", "Name", "Score"]
    assert rows(upload)[0] == {"Student ID": "007", "Name": "Ann", "Score": "72.5"}
    assert upload.notes == ("Read as UTF-16 text.",)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiter_is_detected(delimiter):
    table = [["ID", "Name", "Score"], ["1", "Smith, John", "72,5"], ["2", "Lee; Ann", "80"]]
    upload = read_upload(files.csv_bytes(table, delimiter=delimiter), "scores.csv")
    assert rows(upload) == [{"ID": "1", "Name": "Smith, John", "Score": "72,5"},
                            {"ID": "2", "Name": "Lee; Ann", "Score": "80"}]


def test_semicolon_file_with_decimal_commas():
    data = b"Name;Score;Grade\nAnn;72,5;7\nBob;80,25;8\nCy;91;7\n"
    upload = read_upload(data, "european.csv")
    assert upload.table.column_names == ["Name", "Score", "Grade"]
    assert [row["Score"] for row in rows(upload)] == ["72,5", "80,25", "91"]


def test_quoted_fields_with_delimiters_quotes_and_newlines_and_crlf():
    table = [["ID", "Comment", "Score"], ["1", 'said "hi", left', "5"], ["2", "line one\r\nline two", "6"]]
    data = files.csv_bytes(table, line_end="\r\n", quote_all=True)
    upload = read_upload(data, "comments.csv")
    assert rows(upload) == [{"ID": "1", "Comment": 'said "hi", left', "Score": "5"},
                            {"ID": "2", "Comment": "line one\r\nline two", "Score": "6"}]


def test_empty_and_whitespace_cells_become_null_but_text_is_kept():
    data = b"ID,Name,Score\n1,,  \n2, Bo ,\t\n"
    assert rows(read_upload(data, "blanks.csv")) == [{"ID": "1", "Name": None, "Score": None},
                                                    {"ID": "2", "Name": " Bo ", "Score": None}]


def test_title_rows_above_the_header_are_skipped():
    data = files.csv_bytes(ROSTER, title_lines=("Riverside Middle - Grade 7 ELA", "Final grades 2024-25", ""))
    upload = read_upload(data, "grades.csv")
    assert upload.header_row == 3
    assert upload.table.column_names == ["Student ID", "Name", "Score"]
    assert upload.table.num_rows == 3
    assert "Skipped 3 title rows above the header." in upload.notes


def test_blank_lines_above_the_header_are_skipped():
    upload = read_upload(b"\n\nID,Name\n1,Ann\n", "blank-top.csv")
    assert upload.header_row == 2
    assert upload.notes == ("Skipped 2 blank rows above the header.",)


def test_a_title_with_a_date_beside_it_is_not_the_header():
    data = b"Gradebook export,2024-09-03\n\nID,First,Last,Score\n1,Ann,Lee,90\n2,Bo,Kim,80\n"
    upload = read_upload(data, "export.csv")
    assert upload.header_row == 2
    assert upload.table.column_names == ["ID", "First", "Last", "Score"]


@pytest.mark.parametrize("header", [b"Student,2022,2023", b"Name,1,2", b"2021,2022,2023"])
def test_a_header_of_numbers_keeps_its_place(header):
    upload = read_upload(header + b"\nAnn,Y,N\nBo,N,Y\n", "years.csv")
    assert upload.header_row == 0
    assert upload.table.num_rows == 2


def test_duplicate_headers_are_numbered_with_a_note():
    data = b"Name,Score,Score,score\nAnn,1,2,3\n"
    upload = read_upload(data, "dups.csv")
    assert upload.table.column_names == ["Name", "Score", "Score (2)", "score (3)"]
    assert "3 columns were all called 'Score'; the others are now 'Score (2)', 'score (3)'." in upload.notes
    two = read_upload(b"Name,Score,Score\nAnn,1,2\n", "two.csv")
    assert two.notes == ("Two columns were both called 'Score'; the second is now 'Score (2)'.",)


def test_a_generated_name_never_collides_with_a_real_one():
    upload = read_upload(b"Score,Score,Score (2)\n1,2,3\n", "clash.csv")
    assert upload.table.column_names == ["Score", "Score (3)", "Score (2)"]


def test_rows_repeating_the_header_are_removed_with_a_note():
    data = files.csv_bytes([ROSTER[0], ROSTER[0], ROSTER[1], ROSTER[0], ROSTER[2]])
    upload = read_upload(data, "repeated.csv")
    assert upload.table.num_rows == 2
    assert "Removed 2 rows that repeated the header." in upload.notes


def test_blank_header_cells_are_named_by_position():
    upload = read_upload(b"ID,Name,,Score\n1,Ann,x,5\n", "blank-header.csv")
    assert upload.table.column_names == ["ID", "Name", "Column 3", "Score"]


def test_header_cells_are_stripped_and_newlines_collapsed():
    data = files.csv_bytes([["  ID ", "Score\n(%)", "Name\t"], ["1", "50", "Ann"]])
    assert read_upload(data, "spaces.csv").table.column_names == ["ID", "Score (%)", "Name"]


def test_empty_trailing_columns_and_rows_are_dropped():
    data = b"ID,Name,,\n1,Ann,,\n,,,\n2,Bo,,\n\n,,,\n"
    upload = read_upload(data, "trailing.csv")
    assert upload.table.column_names == ["ID", "Name"]
    assert rows(upload) == [{"ID": "1", "Name": "Ann"}, {"ID": "2", "Name": "Bo"}]


def test_rows_consistently_wider_than_the_header_get_named_columns():
    upload = read_upload(b"ID,Name\n1,Ann,90\n2,Bo,80\n", "wide.csv")
    assert upload.table.column_names == ["ID", "Name", "Column 3"]


def test_trailing_delimiters_on_data_rows_are_ignored():
    upload = read_upload(b"ID,Name\n1,Ann,\n2,Bo,\n", "trailing.csv")
    assert rows(upload) == [{"ID": "1", "Name": "Ann"}, {"ID": "2", "Name": "Bo"}]


def test_short_rows_are_padded_and_a_named_empty_column_is_kept():
    upload = read_upload(b"ID,Name,Notes\n1,Ann\n2,Bo\n", "short.csv")
    assert rows(upload) == [{"ID": "1", "Name": "Ann", "Notes": None},
                            {"ID": "2", "Name": "Bo", "Notes": None}]


def test_csv_renamed_xlsx_is_read_as_csv():
    upload = read_upload(files.csv_bytes(ROSTER), "gradebook.xlsx")
    assert upload.table.num_rows == 3 and upload.sheet is None


def test_a_single_column_file():
    assert rows(read_upload(b"Name\nAnn\nBo\n", "names.csv")) == [{"Name": "Ann"}, {"Name": "Bo"}]


@pytest.mark.parametrize("data", [b"", b"   \r\n\t\n", "\ufeff".encode(), "\u3000\u00a0 \n\u2003".encode()])
def test_empty_file(data):
    assert "is empty" in refused(data, "empty.csv")


def test_header_without_data_rows():
    message = refused(b"Student ID,Name,Score\r\n", "header-only.csv")
    assert "'header-only.csv' has column headers but no data rows" in message


def test_header_repeated_with_no_data_has_no_data_rows():
    assert "no data rows" in refused(b"ID,Name\nID,Name\n", "again.csv")


def test_row_with_more_values_than_the_header_is_named():
    data = b"ID,Name\n1,Ann\n2,Smith, John\n3,Cy\n" + b"".join(b"%d,x\n" % i for i in range(4, 60))
    message = refused(data, "extra.csv")
    assert "row 3" in message and "more values than the header" in message


def test_unclosed_quote_is_refused_rather_than_losing_rows():
    data = b"ID,Name\n" + b"".join(b"%d,x\n" % i for i in range(50)) + b'51,"open\n52,y\n53,z\n'
    assert "quote mark" in refused(data, "quote.csv")


def test_stray_quote_inside_a_value_is_kept():
    upload = read_upload(b'ID,Height\n1,5" tall\n2,6\n', "stray.csv")
    assert rows(upload)[0] == {"ID": "1", "Height": '5" tall'}


# --- Workbooks ------------------------------------------------------------------------------------------

INSTRUCTIONS = [["How to use this workbook"], ["Enter one student per row on the Grades sheet."],
                ["Do not rename the columns."], ["Scores are out of 100."], ["Ask the office for help."]]
GRADES = [
    ["Student ID", "Name", "Score", "Tested", "Passed", "Late"],
    [1001, "Ann", 72.5, dt.date(2024, 9, 3), True, None],
    [1002.0, "Bob", 80, dt.datetime(2024, 9, 4, 13, 5), False, 1 / 3],
    [1003, "Cy", 0.125, None, None, 1e20],
]


def test_xlsx_data_sheet_beats_an_instructions_sheet():
    data = files.xlsx_bytes({"Instructions": INSTRUCTIONS, "Grades": GRADES})
    upload = read_upload(data, "gradebook.xlsx")
    assert_text_table(upload)
    assert (upload.sheet, upload.sheets, upload.header_row) == ("Grades", ("Instructions", "Grades"), 0)
    assert rows(upload) == [
        {"Student ID": "1001", "Name": "Ann", "Score": "72.5", "Tested": "2024-09-03", "Passed": "TRUE",
         "Late": None},
        {"Student ID": "1002", "Name": "Bob", "Score": "80", "Tested": "2024-09-04 13:05:00",
         "Passed": "FALSE", "Late": "0.3333333333333333"},
        {"Student ID": "1003", "Name": "Cy", "Score": "0.125", "Tested": None, "Passed": None,
         "Late": "1e+20"},
    ]


def test_explicit_sheet_is_read_even_when_smaller():
    data = files.xlsx_bytes({"Grades": GRADES, "Instructions": INSTRUCTIONS})
    upload = read_upload(data, "gradebook.xlsx", sheet="Instructions")
    assert upload.sheet == "Instructions"
    assert upload.table.column_names == ["How to use this workbook"]
    assert upload.table.num_rows == 4


def test_missing_sheet_lists_the_sheets():
    data = files.xlsx_bytes({"Grades": GRADES, "Instructions": INSTRUCTIONS})
    message = refused(data, "gradebook.xlsx", sheet="Period 3")
    assert "no sheet called 'Period 3'" in message and "'Grades', 'Instructions'" in message


def test_hidden_sheet_loses_to_a_visible_one():
    lookups = [["Code"], *[[f"C{i}"] for i in range(50)]]
    data = files.xlsx_bytes({"Lists": lookups, "Grades": GRADES}, hidden=("Lists",))
    assert read_upload(data, "gradebook.xlsx").sheet == "Grades"


def test_xlsx_title_rows_blank_header_duplicates_and_repeated_header():
    header = ["ID", "Score", None, "Score"]
    sheet = [["Riverside Middle - Grade 7 ELA"], ["Final grades 2024-25"], [],
             header, [1, 90, "x", 91], header, [2, 80, None, 81]]
    upload = read_upload(files.xlsx_bytes({"Sheet1": sheet}), "titled.xlsx")
    assert upload.header_row == 3
    assert upload.table.column_names == ["ID", "Score", "Column 3", "Score (2)"]
    assert rows(upload) == [{"ID": "1", "Score": "90", "Column 3": "x", "Score (2)": "91"},
                            {"ID": "2", "Score": "80", "Column 3": None, "Score (2)": "81"}]
    assert upload.notes == ("Skipped 3 title rows above the header.",
                            "Removed 1 row that repeated the header.",
                            "Two columns were both called 'Score'; the second is now 'Score (2)'.")


def test_text_beyond_the_first_thousand_rows_of_a_number_column_is_kept():
    sheet = [["ID", "Score"], *[[i, i / 2] for i in range(1500)], [1500, "ABS"]]
    upload = read_upload(files.xlsx_bytes({"S": sheet}), "long.xlsx")
    assert rows(upload)[-1] == {"ID": "1500", "Score": "ABS"}
    assert rows(upload)[3] == {"ID": "3", "Score": "1.5"}


def test_time_of_day_cells_read_as_times():
    sheet = [["Name", "Arrived"], ["Ann", dt.time(8, 30)], ["Bo", dt.time(9, 5, 10)]]
    upload = read_upload(files.xlsx_bytes({"S": sheet}), "times.xlsx")
    assert [row["Arrived"] for row in rows(upload)] == ["08:30:00", "09:05:10"]


def test_dates_in_a_column_of_text_are_written_as_dates_and_text_that_only_looks_long_is_kept():
    """A column mixing words and dates arrives as text: its dates are tidied like a date column's, however far
    down they are, and text of the same length that is not a date stays as typed."""
    filler = [[f"ID-{i:020d}", "absent"] for i in range(3000)]
    sheet = [["Student", "Tested"], *filler, ["ABCD-EF-GH 00:00:00", dt.date(2024, 9, 3)],
             ["x", dt.datetime(2024, 9, 4, 13, 5)], ["y", "2024-09-05T10:30:00.000"]]
    upload = read_upload(files.xlsx_bytes({"S": sheet}), "mixed.xlsx")
    assert [row["Tested"] for row in rows(upload)[-4:]] == ["absent", "2024-09-03", "2024-09-04 13:05:00",
                                                             "2024-09-05 10:30:00"]
    assert rows(upload)[-3]["Student"] == "ABCD-EF-GH 00:00:00"
    assert rows(upload)[0]["Student"] == "ID-00000000000000000000"


def test_a_sheet_of_too_many_cells_is_refused_alike_whether_alone_or_chosen_among_others(monkeypatch):
    """A sheet that needs no comparing is peeked at from its first rows only; its height, known once it is
    read, is held to the same limit as a sheet whose height was known before."""
    monkeypatch.setenv("EQUITY_ISOLATE", "0")   # the smaller limit below exists in this process only
    monkeypatch.setattr(limits, "shape_problem", partial(limits.shape_problem, limits=replace(LIMITS, cells=300)))
    sheet = [["Gradebook"], ["ID", "Score", "Note"], *([i, i / 2, "ok"] for i in range(100))]   # 102 × 3 = 306
    alone = refused(files.xlsx_bytes({"S": sheet}), "big.xlsx")
    among = refused(files.xlsx_bytes({"S": sheet, "Notes": [["a"]]}), "big.xlsx")
    assert alone == among and "102" in alone and "306" not in alone
    assert refused(files.xlsx_bytes({"S": sheet}), "big.xlsx", "S") == alone
    fits = read_upload(files.xlsx_bytes({"S": sheet[:99]}), "fits.xlsx")      # 99 × 3 = 297
    assert (fits.table.num_rows, fits.header_row) == (97, 1)


def test_sheet_names_for_a_picker():
    data = files.xlsx_bytes({"Instructions": INSTRUCTIONS, "Grades": GRADES})
    assert sheet_names(data, "gradebook.xlsx") == ("Instructions", "Grades")
    assert sheet_names(files.csv_bytes(ROSTER), "roster.csv") == ()
    assert sheet_names(files.parquet_bytes({"a": [1]}), "a.parquet") == ()
    with pytest.raises(IngestError, match="not a spreadsheet"):
        sheet_names(files.pdf_like_bytes(), "report.xlsx")


def test_empty_sheet_chosen_explicitly():
    data = files.xlsx_bytes({"Grades": GRADES, "Blank": []})
    assert "has no table" in refused(data, "gradebook.xlsx", sheet="Blank")


def test_workbook_with_only_a_header():
    data = files.xlsx_bytes({"Grades": [GRADES[0]]})
    assert "no data rows" in refused(data, "gradebook.xlsx")


def test_xls():
    upload = read_upload(files.xls_bytes({"Instructions": INSTRUCTIONS, "Grades": GRADES}), "old.xls")
    assert (upload.sheet, upload.sheets) == ("Grades", ("Instructions", "Grades"))
    first, second = rows(upload)[:2]
    assert first == {"Student ID": "1001", "Name": "Ann", "Score": "72.5", "Tested": "2024-09-03",
                     "Passed": "TRUE", "Late": None}
    assert second["Tested"] == "2024-09-04 13:05:00" and second["Student ID"] == "1002"


def test_ods():
    upload = read_upload(files.ods_bytes({"Instructions": INSTRUCTIONS, "Grades": GRADES}), "libre.ods")
    assert upload.sheet == "Grades"
    first, second = rows(upload)[:2]
    assert first == {"Student ID": "1001", "Name": "Ann", "Score": "72.5", "Tested": "2024-09-03",
                     "Passed": "TRUE", "Late": None}
    assert second["Tested"] == "2024-09-04 13:05:00"


def test_xlsx_renamed_csv_is_read_as_a_workbook():
    assert read_upload(files.xlsx_bytes({"Grades": GRADES}), "export.csv").sheet == "Grades"


# --- Parquet --------------------------------------------------------------------------------------------


def test_parquet_columns_become_text():
    table = pa.table({
        "id": pa.array([1001, 1002]),
        "score": pa.array([72.5, float("nan")]),
        "whole": pa.array([3.0, None]),
        "passed": pa.array([True, False]),
        "day": pa.array([dt.date(2024, 9, 3), None]),
        "at": pa.array([dt.datetime(2024, 9, 3), dt.datetime(2024, 9, 3, 8, 30)]),
        "group": pa.array(["A", "B"]).dictionary_encode(),
        "tags": pa.array([["x", "y"], []]),
        "single": pa.array([0.1, 2.0], pa.float32()),
    })
    upload = read_upload(files.parquet_bytes(table), "export.parquet")
    assert_text_table(upload)
    assert (upload.sheet, upload.sheets, upload.header_row) == (None, (), 0)
    assert rows(upload) == [
        {"id": "1001", "score": "72.5", "whole": "3", "passed": "TRUE", "day": "2024-09-03",
         "at": "2024-09-03", "group": "A", "tags": "[x, y]", "single": "0.1"},
        {"id": "1002", "score": None, "whole": None, "passed": "FALSE", "day": None,
         "at": "2024-09-03 08:30:00", "group": "B", "tags": "[]", "single": "2"},
    ]


def test_truncated_parquet():
    assert "damaged" in refused(files.truncated(files.parquet_bytes({"a": list(range(100))})), "a.parquet")


# --- Files that are not spreadsheets --------------------------------------------------------------------


@pytest.mark.parametrize(("data", "what"), [
    (files.pdf_like_bytes(), "PDF"),
    (files.png_bytes(), "PNG image"),
    (files.docx_like_zip_bytes(), "Word document"),
    (files.junk_bytes(), "binary file"),
    (b"<!DOCTYPE html><html><body><p>Signed out</p></body></html>", "web page"),
])
def test_not_a_spreadsheet(data, what):
    message = refused(data, "grades.xlsx")
    assert message.startswith("'grades.xlsx' is not a spreadsheet: it looks like")
    assert what in message and "Export it from your gradebook as .xlsx or .csv" in message


def test_zip_of_other_files():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert "a zip archive" in refused(out.getvalue(), "grades.xlsx")


def test_password_protected_workbook():
    message = refused(files.encrypted_xlsx_bytes({"Grades": GRADES}), "locked.xlsx")
    assert "password" in message and "Encrypt with Password" in message
    with pytest.raises(IngestError, match="password"):
        sheet_names(files.encrypted_xlsx_bytes({"Grades": GRADES}), "locked.xlsx")


def test_an_xls_whose_cells_name_office_streams_is_read_as_a_workbook():
    """A cell holding "WordDocument" (stored as UTF-16 by the € beside it) is text, not the container's stream."""
    rows = [["Student ID", "Note"], ["1", "WordDocument €"], ["2", "EncryptedPackage €"]]
    upload = read_upload(files.xls_bytes({"Grades": rows}), "old.xls")
    assert upload.table.column("Note").to_pylist() == ["WordDocument €", "EncryptedPackage €"]


@pytest.mark.parametrize("fraction", [0.5, 0.2])
def test_truncated_xls_is_damaged(fraction):
    data = files.truncated(files.xls_bytes({"Grades": GRADES}), fraction)
    assert "damaged or incomplete" in refused(data, "cut.xls")


@pytest.mark.parametrize("fraction", [0.5, 0.9, 0.2])
def test_truncated_xlsx(fraction):
    data = files.truncated(files.xlsx_bytes({"Grades": GRADES}), fraction)
    assert "damaged or incomplete" in refused(data, "cut.xlsx")


def test_xlsx_with_a_corrupt_sheet():
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(files.xlsx_bytes({"Grades": GRADES}))) as source, \
            zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item)
            target.writestr(item, b"<worksheet><sheetData><row" if "worksheets/" in item.filename else body)
    message = refused(out.getvalue(), "broken.xlsx")
    assert "'broken.xlsx'" in message


class PanicException(BaseException):
    """Stands in for the Rust reader's panic, which Python sees as a BaseException of this name."""


def test_a_panic_in_the_spreadsheet_reader_becomes_an_ingest_error(monkeypatch):
    def panic(data):
        raise PanicException("range start index out of range")

    monkeypatch.setenv("EQUITY_ISOLATE", "0")  # the patch below exists in this process only
    monkeypatch.setattr("equity.data.ingest.fastexcel.read_excel", panic)
    data = files.xls_bytes({"Grades": GRADES})
    assert "damaged or incomplete" in refused(data, "old.xls")
    with pytest.raises(IngestError, match="damaged"):
        sheet_names(data, "old.xls")


def test_interrupts_are_not_swallowed(monkeypatch):
    def interrupt(data):
        raise KeyboardInterrupt

    monkeypatch.setenv("EQUITY_ISOLATE", "0")  # the patch below exists in this process only
    monkeypatch.setattr("equity.data.ingest.fastexcel.read_excel", interrupt)
    with pytest.raises(KeyboardInterrupt):
        read_upload(files.xlsx_bytes({"Grades": GRADES}), "a.xlsx")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["a.csv", "a.xlsx", "a.xls", "a.parquet"]))
def test_any_bytes_give_an_upload_or_an_ingest_error(data, filename):
    try:
        upload = read_upload(data, filename)
    except IngestError as error:
        assert str(error)
    else:
        assert_text_table(upload)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_any_cut_of_a_workbook_gives_an_upload_or_an_ingest_error(cut):
    data = files.xlsx_bytes({"Grades": GRADES})[:cut]
    try:
        upload = read_upload(data, "cut.xlsx")
    except IngestError as error:
        assert "'cut.xlsx'" in str(error)
    else:
        assert_text_table(upload)


# --- Public files ---------------------------------------------------------------------------------------


def test_students_performance(shared_data):
    path = shared_data / "students_performance_kaggle" / "StudentsPerformance.csv"
    upload = read_upload(path.read_bytes(), path.name)
    assert upload.table.shape == (1000, 8)
    assert upload.table.column_names[:2] == ["gender", "race/ethnicity"]
    assert rows(upload)[0]["math score"] == "72"
    assert (upload.header_row, upload.notes) == (0, ())


def test_uci_student_mat_semicolons_and_duplicated_header(shared_data):
    path = shared_data / "uci_student_mat_messy" / "student-mat.csv"
    upload = read_upload(path.read_bytes(), path.name)
    assert upload.table.shape == (395, 33)
    assert upload.table.column_names[-3:] == ["G1", "G2", "G3"]
    assert upload.notes == ("Removed 1 row that repeated the header.",)


def test_delaware_test_log_keeps_literal_na(shared_data):
    path = shared_data / "delaware_training_data" / "deid_test_multi_row.csv"
    upload = read_upload(path.read_bytes(), path.name)
    assert upload.table.num_rows == 500
    raw = upload.table.column("test_raw_score").to_pylist()
    assert raw.count("NA") == 25


def test_delaware_large_sample(shared_data):
    path = shared_data / "delaware_training_data" / "sample_test_data_ggplot2.csv"
    upload = read_upload(path.read_bytes(), path.name)
    assert upload.table.num_rows == 40_559
    assert_text_table(upload)


def test_parquet_read_typed_keeps_types_and_holds_few_labels_once():
    table = pa.table({"id": [f"S{i:05d}" for i in range(1000)], "label": ["A", "B"] * 500,
                      "note": ["x", " ", "y", "z"] * 250, "score": [1.5] * 1000, "passed": [True, False] * 500})
    upload = read_upload(files.parquet_bytes(table), "export.parquet", typed=True)
    kinds = dict(zip(upload.table.column_names, upload.table.schema.types, strict=True))
    assert kinds == {"id": pa.string(), "label": pa.dictionary(pa.int8(), pa.string()), "note": pa.string(),
                     "score": pa.float64(), "passed": pa.bool_()}
    assert upload.table.column("note").to_pylist()[:4] == ["x", None, "y", "z"]     # a blank is missing
    assert upload.table.column("label").to_pylist()[:3] == ["A", "B", "A"]


def _row_groups_of(table: pa.Table, rows: int) -> bytes:
    out = io.BytesIO()
    pq.write_table(table, out, row_group_size=rows)
    return out.getvalue()


SPACES = "".join(chr(code) for code in range(0x3001) if chr(code).isspace())   # Unicode's, 29 of them


def test_blank_cells_of_every_kind_of_space_are_missing_in_every_row_group():
    """Blank means only space characters, Unicode's included (Python's own `isspace` is the reference); a cell
    that merely starts or ends with a space, or holds an invisible character that is not a space, is kept."""
    cells = ["", *SPACES, " \u00a0\u3000 ", "\t\n", " Ann", "Bob\u2003", "\u00e9", "\u4e2d", "\u200b", "\ufeff",
             "S001", None, "\u2028x\u2029"]
    column = cells * 7
    table = pa.table({"id": [f"S{i:04d}" for i in range(len(column))], "note": column})
    upload = read_upload(_row_groups_of(table, 33), "notes.parquet", typed=True)   # chunks start mid-list
    expected = [cell if cell is not None and not all(char.isspace() for char in cell) else None for cell in column]
    assert len(SPACES) == 29 and expected.count(None) == 7 * 33
    assert upload.table.column("note").to_pylist() == expected
    assert upload.table.column("id").to_pylist() == table.column("id").to_pylist()


def test_labels_whose_row_groups_need_indices_of_different_widths_are_read_as_written():
    """Each row group's labels are held with the narrowest indices its dictionary allows (a byte for under 128
    labels); a later row group with 300 labels widens the whole column to two bytes, typed or as text."""
    labels = [f"L{i % 100}" for i in range(1000)] + [f"M{i % 300}" for i in range(1000)]
    table = pa.table({"id": [f"S{i:05d}" for i in range(2000)], "label": labels})
    data = _row_groups_of(table, 1000)
    typed = read_upload(data, "labels.parquet", typed=True).table.column("label")
    assert typed.type == pa.dictionary(pa.int16(), pa.string())
    assert typed.to_pylist() == labels
    assert read_upload(data, "labels.parquet").table.column("label").to_pylist() == labels


def test_blank_cells_of_a_csv_are_missing_the_same_way():
    data = "ID,Note\n1,\u00a0\u2003\n2,\u00a0x\n3,\u3000\n".encode()
    assert read_upload(data, "notes.csv").table.column("Note").to_pylist() == [None, "\u00a0x", None]


def test_parquet_ids_of_many_values_are_read_without_a_dictionary_and_give_the_same_table(monkeypatch):
    """200,000 distinct IDs overflow Arrow's 1 MB dictionary into plain pages: the column is read as plain text
    (Arrow would otherwise hash every ID to rebuild a dictionary), few labels still as a dictionary, and the
    table is the one written."""
    table = pa.table({"Student ID": [f"{i:07d}" for i in range(200_000)], "School": ["Adams", "Baker"] * 100_000,
                      "Score": [float(i % 101) for i in range(200_000)]})
    asked = []
    real = ingest.pq.ParquetFile

    def recording(source, **options):
        asked.append(options.get("read_dictionary"))
        return real(source, **options)

    monkeypatch.setenv("EQUITY_ISOLATE", "0")  # the patch below exists in this process only
    monkeypatch.setattr("equity.data.ingest.pq.ParquetFile", recording)
    upload = read_upload(files.parquet_bytes(table), "district.parquet", typed=True)
    assert [a for a in asked if a is not None] == [["School"]]
    assert upload.table.column("Student ID").type == pa.string()
    assert upload.table.column("Student ID").to_pylist() == table.column("Student ID").to_pylist()
    assert upload.table.column("School").to_pylist()[:3] == ["Adams", "Baker", "Adams"]
    assert upload.table.column("Score").to_pylist() == table.column("Score").to_pylist()
