"""The identifier-quoting helper: whatever a header holds, it stays one identifier."""

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equity.data.sql import Fragment, query, quote_ident

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
    columns = [row[0] for row in con.execute(query("table_columns"), {"table": "u"}).fetchall()]
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
    sql = query("copy_table", target='t"x', source=Fragment("(SELECT 1)"))
    assert '"t""x"' in sql and "FROM (SELECT 1)" in sql
