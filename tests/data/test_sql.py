"""The identifier-quoting helper: whatever a header holds, it stays one identifier."""

import ast

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equity.data.sql import QUERIES, Fragment, query, quote_ident, sql_name
from equity.data.students import CELL_MACROS, MACROS

HOSTILE = ['x"; DROP TABLE t; --', "a]b", "[x]", "x' OR '1'='1", "-- comment", "/* c */", 'a""b', "Ünïcödé %",
           "a;b", "`tick`", "\" OR 1=1 --", "]; DROP TABLE t; --", "\\", "\n", " "]


def test_quote_doubles_embedded_quotes():
    assert quote_ident('a"b') == '"a""b"'
    assert quote_ident("plain") == '"plain"'


def test_nul_is_refused():
    with pytest.raises(ValueError):
        quote_ident("a\x00b")


def _round_trip(name: str) -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE t (keep INTEGER)")
    con.execute(f"CREATE TABLE u AS SELECT 1 AS {quote_ident(name)}")
    columns = [row[0] for row in con.execute(query("profile/table_columns"), {"table": "u"}).fetchall()]
    assert columns == [name]
    assert con.execute(f"SELECT {quote_ident(name)} FROM u").fetchall() == [(1,)]
    assert con.execute("SELECT count(*) FROM t").fetchone() == (0,)   # nothing was dropped


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_headers_stay_one_identifier(name):
    _round_trip(name)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
               min_size=1, max_size=30).filter(lambda s: s.strip() != "" or s == " "))
def test_fuzzed_headers_stay_one_identifier(name):
    _round_trip(name)


def test_query_quotes_identifiers_but_passes_fragments():
    sql = query("tables/copy_table", target='t"x', source=Fragment("(SELECT 1)"))
    assert '"t""x"' in sql and "FROM (SELECT 1)" in sql


def test_a_list_fills_its_items_each_quoted_and_joined_by_commas():
    sql = query("console/download_sizes", groups=["race_ethnicity", 'a"b'], counts=query("console/no_sizes"))
    assert '"race_ethnicity", "a""b",' in sql and "0 AS n_none" in sql


def test_a_whole_number_fills_a_parameter_suffix_and_anything_else_is_refused():
    assert query("joins/value_count", i=3, column="x", target="y").startswith(
        'CAST(count(*) FILTER (WHERE list_contains($value_3, "x"))')
    with pytest.raises(TypeError):
        query("joins/value_count", i=True, column="x", target="y")
    with pytest.raises(TypeError):
        query("joins/value_count", i=1.5, column="x", target="y")


def test_a_type_name_passes_only_as_a_bare_name():
    assert sql_name("VARCHAR[]") == "VARCHAR[]" and sql_name("race_label") == "race_label"
    for bad in ("VARCHAR); DROP TABLE t; --", "INT EGER", "", 'x"'):
        with pytest.raises(ValueError):
            sql_name(bad)


def test_templates_open_with_a_comment_that_the_loaded_sql_leaves_out():
    templates = sorted(QUERIES.rglob("*.sql"))
    assert len(templates) > 80
    for path in templates:
        name = path.relative_to(QUERIES).with_suffix("").as_posix()
        assert path.read_text(encoding="utf-8").startswith("-- "), f"{name}.sql opens without a comment"
        assert not query(name).lstrip().startswith("--"), name


def test_expression_templates_run_inside_a_statement():
    con = duckdb.connect()
    con.execute("CREATE TABLE raw AS SELECT * FROM (VALUES (' 12 % '), ('n/a'), (NULL)) t(\"Score %\")")
    number = query("values/number_of_text", text="Score %")
    con.execute(query("profile/text_view", target="v", source="raw", columns=[
        query("columns/as", value=number, target="score"), query("columns/as_text", column="Score %")]))
    assert con.execute("SELECT * FROM v").fetchall() == [(12.0, " 12 % "), (None, "n/a"), (None, None)]


def test_every_template_the_code_names_exists():
    package = QUERIES.parent / "equity"
    named = {(path.relative_to(package.parent).as_posix(), node.args[0].value)
             for path in package.rglob("*.py") for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "query" and node.args
             and isinstance(node.args[0], ast.Constant)}
    assert len(named) > 100
    missing = sorted((where, name) for where, name in named if not (QUERIES / f"{name}.sql").is_file())
    assert not missing, missing
    for name in (*MACROS, *CELL_MACROS):
        assert (QUERIES / f"{name}.sql").is_file(), name


def test_only_the_loader_makes_sql_fragments():
    package = QUERIES.parent / "equity"
    made = sorted(path.relative_to(package.parent).as_posix() for path in package.rglob("*.py")
                  if path.name != "sql.py" or path.parent.name != "data"
                  for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                  if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("Fragment", "quote_ident"))
    assert not made, f"SQL assembled outside queries/ and equity/data/sql.py: {made}"
