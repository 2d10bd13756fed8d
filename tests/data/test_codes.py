"""`students` built from an upload's dictionary codes is the table built from its text, value for value.

The independent method is the build from text (each row's string through the value map), which every CSV and
workbook upload takes: the same upload is built both ways and every column, row and type compared.
"""

import random

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from equity.data import dataset, students
from equity.data.codes import values_of, with_codes
from equity.data.ingest import Upload, read_upload
from equity.data.profile import column_values
from tests.files import parquet_bytes

LABELS = {  # each label column's raw values: placed, multi-race, unplaced, missing, blank, odd spacing (the app's
    # reader reads a Parquet column holding blanks as plain text: Lunch and ELL then take the text path)
    "Year": ["2023-24", "2024-25", " 2022-23 ", None],
    "School": ["North", "South  ", "East", None],
    "Grade": ["03", "KG", "Grade 4", "13", None],
    "Race": ["Hispanic or Latino", "White", "Black/White", "B,W", "Asian", "Martian", "Unknown", None],
    "Lunch": ["F", "R", "Paid", "Unknown", " ", None],
    "ELL": ["Y", "N", "  ", None],
    "Race_Black": ["Y", "N", None],
    "Hispanic": ["Yes", "No", None],
    "Passed": ["Yes", "No", "maybe", None],
    "Level": ["Met", "Not Met", " Exceeded", "EX", "inc", None],
    "Points": ["85", "90%", " 71.5 ", "EX", "--", None],
}
ROWS, CHUNK = 600, 50


def _columns(seed: int = 3) -> dict[str, list]:
    """Columns of generated students; each chunk of rows draws from its own share of each column's values, so
    the chunks' dictionaries differ in what they hold and in order."""
    rng = random.Random(seed)
    columns: dict[str, list] = {"Student ID": [f"S{i:04d}" for i in range(ROWS)],
                                "Score": [round(rng.uniform(0, 100), 1) for _ in range(ROWS)]}
    for header, values in LABELS.items():
        cells = []
        for _ in range(ROWS // CHUNK):
            share = rng.sample(values, rng.randint(1, len(values)))
            cells += [rng.choice(share) for _ in range(CHUNK)]
        columns[header] = cells
    return columns


def _parquet_upload(columns: dict[str, list]) -> Upload:
    """The columns as a user's Parquet file, one row group per chunk, read as the app reads it."""
    upload = read_upload(parquet_bytes(columns, row_group_size=CHUNK), "students.parquet", typed=True)
    race = upload.table["Race"]
    assert pa.types.is_dictionary(race.type) and race.num_chunks > 1
    assert len({tuple(chunk.dictionary.to_pylist()) for chunk in race.chunks}) > 1
    return upload


def _arrow_upload(columns: dict[str, list]) -> Upload:
    """The columns as an Arrow table whose labels are dictionary-encoded as they are, blanks and spaces kept
    (a reader may hand the build such text), in chunks each with its own dictionary."""
    def chunked(header: str, values: list) -> pa.ChunkedArray:
        if header not in LABELS:
            return pa.chunked_array([values])
        return pa.chunked_array([pa.array(values[start:start + CHUNK], pa.string()).dictionary_encode()
                                 for start in range(0, ROWS, CHUNK)])

    return Upload("students.arrow", pa.table({h: chunked(h, v) for h, v in columns.items()}), None, (), 0, ())


def _both_ways(upload: Upload, change=lambda mapping: mapping):
    """`students` (every row, in order) and its column types, and the build report: built from the text of
    `upload`, then through the user's path (staged, mapped, activated), which reads its codes."""
    con = dataset.connect()
    staged = dataset.stage(con, upload)
    mapping = change(staged.proposal)
    built = []
    for table in (None, upload.table):
        report = students.build_students(con, dataset.PENDING, mapping, table) if table is None else \
            dataset.activate(con, staged, mapping).report
        built.append((con.execute("SELECT * FROM students ORDER BY student_id").fetchall(),
                      con.execute("DESCRIBE students").fetchall(), report))
    return built


def _same(mapping):
    return mapping


def _without_flags(mapping):
    """The race column alone, without the race flag columns the proposal maps."""
    return mapping.with_role("Race_Black", "ignore").with_role("Hispanic", "ignore")


def _overridden(mapping):
    """A person's value map over the proposal: an unplaced value placed, a multi-race value read as one group, a
    recognised one moved, a blank given a meaning; a yes/no outcome."""
    return mapping.with_values("race_ethnicity", {"Martian": "Asian", "Black/White": "Black or African American",
                                                  "White": "Two or More Races"}) \
        .with_values("low_income", {"Unknown": "true", "Paid": "false", "": "false"}) \
        .with_role("Passed", "outcome", "boolean")


def _single_race(columns):
    return {**columns, "Race": [None if v in ("Black/White", "B,W") else v for v in columns["Race"]]}


def _no_race(mapping):
    return mapping.with_role("Race", "ignore")


@pytest.fixture
def coded(monkeypatch) -> list:
    """The columns each `students` statement read by their codes, in the order built."""
    seen: list = []
    build = students.students_sql

    def spied(counted, source, mapping, types=None, codes=None):
        seen.append(set(codes or ()))
        return build(counted, source, mapping, types, codes)

    monkeypatch.setattr(students, "students_sql", spied)
    return seen


@pytest.mark.parametrize("make", [_parquet_upload, _arrow_upload])
@pytest.mark.parametrize("shape, change", [
    (dict, _same),                                              # race flags and values naming several races
    (dict, _without_flags),                                     # values naming several races
    (dict, _overridden),
    (dict, lambda m: _overridden(_without_flags(m))),
    (_single_race, _same),
    (_single_race, _without_flags),                             # one race a student: race_list NULL
    (dict, _no_race),
    (dict, lambda m: _no_race(_without_flags(m))),
])
def test_students_from_codes_match_students_from_text(make, shape, change, coded):
    (text_rows, text_types, text_report), (rows, types, report) = _both_ways(make(shape(_columns())), change)
    assert not coded[0] and coded[1] >= {"Year", "School", "Grade", "Race"}   # each way taken
    assert types == text_types
    assert len(rows) == ROWS
    assert rows == text_rows
    assert report == text_report


def test_the_mapping_is_proposed_for_the_columns_the_test_reads():
    con = dataset.connect()
    mapping = dataset.stage(con, _parquet_upload(_columns())).proposal
    assert {r: mapping.header_for(r) for r in ("term", "school", "grade", "race_ethnicity", "low_income",
                                               "english_learner", "race_black", "hispanic")} == {
        "term": "Year", "school": "School", "grade": "Grade", "race_ethnicity": "Race", "low_income": "Lunch",
        "english_learner": "ELL", "race_black": "Race_Black", "hispanic": "Hispanic"}
    assert {c.header: c.kind for c in mapping.outcomes()} == {"Score": "numeric", "Points": "numeric",
                                                              "Level": "category", "Passed": "category"}
    multi = con.execute("SELECT count(*) FROM raw_pending WHERE \"Race\" IN ('Black/White', 'B,W')").fetchall()
    assert multi[0][0] > 0


def test_values_read_from_codes_are_the_values_of_each_row(coded):
    """Worked by hand: three chunks with different dictionaries, a missing value and a blank."""
    chunks = [pa.DictionaryArray.from_arrays(pa.array(codes, pa.int8()), pa.array(values)) for codes, values in [
        ([0, 1, 0], ["White", "Asian"]), ([1, None, 0], ["Asian", "Black"]), ([0, 1], [" ", "Black/White"])]]
    upload = Upload("x.arrow", pa.table({"ID": [str(i) for i in range(8)], "Race": pa.chunked_array(chunks),
                                         "Score": [float(i) for i in range(8)]}), None, (), 0, ())
    con = dataset.connect()
    staged = dataset.stage(con, upload)
    dataset.activate(con, staged, staged.proposal)
    assert coded == [{"Race"}]
    got = con.execute("SELECT CAST(race_ethnicity AS VARCHAR), list_sort(race_list) FROM students ORDER BY "
                      "CAST(student_id AS INTEGER)").fetchall()
    assert got == [("White", ["White"]), ("Asian", ["Asian"]), ("White", ["White"]), ("Black or African American",
                   ["Black or African American"]), ("Not reported", ["Not reported"]), ("Asian", ["Asian"]),
                   ("Not reported", ["Not reported"]), ("Two or More Races", ["Black or African American", "White"])]


def test_codes_sit_beside_the_upload_columns_which_stay_as_they_are():
    first = pa.DictionaryArray.from_arrays(pa.array([0, 1, 0], pa.int8()), pa.array(["a", "b"]))
    second = pa.DictionaryArray.from_arrays(pa.array([0, None], pa.int8()), pa.array(["c"]))
    table = pa.table({"x": pa.chunked_array([first, second]), "X CODE": ["p"] * 5, "n": [1, 2, 3, 4, 5]})
    coded, codes = with_codes(table, ["x", "n", "X CODE", "absent"])
    assert list(codes) == ["x"]
    name = codes["x"].column
    assert name.casefold() not in {n.casefold() for n in table.column_names}    # DuckDB ignores case in names
    assert coded.select(table.column_names).equals(table)
    dictionary = codes["x"].dictionary
    assert [None if c is None else dictionary[c] for c in coded[name].to_pylist()] == ["a", "b", "a", "c", None]


def test_chunks_whose_dictionaries_together_outgrow_their_index_type_get_wider_codes():
    chunks = [pa.DictionaryArray.from_arrays(pa.array(range(100), pa.int8()),
                                             pa.array([f"{side}{i}" for i in range(100)])) for side in "ab"]
    table = pa.table({"x": pa.chunked_array(chunks)})
    coded, codes = with_codes(table, ["x"])
    values = [codes["x"].dictionary[c] for c in coded[codes["x"].column].to_pylist()]
    assert values == pc.cast(table["x"], pa.string()).to_pylist()


def test_a_remap_reads_the_codes_too(coded):
    upload = _parquet_upload(_columns())
    con = dataset.connect()
    staged = dataset.stage(con, upload)
    data = dataset.activate(con, staged, staged.proposal)
    data = dataset.remap(con, data, _overridden(data.mapping))
    rows = con.execute("SELECT * FROM students ORDER BY student_id").fetchall()
    students.build_students(con, dataset.CURRENT, data.mapping)
    assert coded[1] >= {"Race", "Grade"} and not coded[2]
    assert rows == con.execute("SELECT * FROM students ORDER BY student_id").fetchall()


def test_values_counted_on_codes_are_the_values_counted_on_text():
    """Ties in count, missing values, a value no row uses: as DuckDB groups the text
    (equity.data.profile.column_values, the independent method), and as worked by hand."""
    chunks = [pa.DictionaryArray.from_arrays(pa.array(codes, pa.int8()), pa.array(values)) for codes, values in [
        ([0, 1, 1, None, 3], ["b", "a", "unused", "c"]), ([1, 0, None, 1, 2], ["c", "a", "d"])]]
    table = pa.table({"x": pa.chunked_array(chunks)})
    coded, codes = with_codes(table, ["x"])
    assert values_of(coded, codes["x"], 10) == (("a", 4), ("c", 2), (None, 2), ("b", 1), ("d", 1))
    con = dataset.connect()
    con.register("t", table)
    for limit in (10, 3):
        assert values_of(coded, codes["x"], limit) == column_values(con, "t", "x", limit)


def test_the_views_of_the_upload_keep_its_own_columns_and_the_codes_are_gone_once_built():
    upload = _parquet_upload(_columns())
    con = dataset.connect()
    staged = dataset.stage(con, upload)
    before = con.execute('SELECT * FROM raw_pending ORDER BY "Student ID"').fetchall()
    dataset.activate(con, staged, staged.proposal)
    assert [c[0] for c in con.execute("DESCRIBE raw").fetchall()] == upload.table.column_names
    assert con.execute('SELECT * FROM raw ORDER BY "Student ID"').fetchall() == before
    assert con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = $name",
                       {"name": students.CODED}).fetchall() == [(0,)]
