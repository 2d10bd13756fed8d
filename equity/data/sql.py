"""Loading the SQL files in `queries/` and the one helper that quotes identifiers.

Values always travel as bound parameters. Identifiers (column names from a user's file) cannot be bound,
so they pass through `quote_ident`, which doubles embedded quotes: a header such as `x" OR 1=1 --` stays
one identifier instead of closing the quote and injecting SQL.
"""

from functools import cache
from pathlib import Path

QUERIES = Path(__file__).resolve().parents[2] / "queries"


class Fragment(str):
    """SQL assembled from fixed templates and `quote_ident` output only: passed into a query as it is."""


def quote_ident(name: str) -> str:
    """Quote a column or table name for DuckDB, doubling any embedded double quote."""
    if "\x00" in name:
        raise ValueError("A column name cannot contain a NUL character.")
    return '"' + name.replace('"', '""') + '"'


@cache
def _text(name: str) -> str:
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


def query(name: str, **identifiers: str) -> str:
    """The SQL of `queries/<name>.sql`, its `{placeholders}` filled with quoted identifiers (or Fragments)."""
    text = _text(name)
    if not identifiers:
        return text
    return text.format_map({key: value if isinstance(value, Fragment) else quote_ident(value)
                            for key, value in identifiers.items()})
