"""Loading the SQL files in `queries/` and the one helper that quotes identifiers.

Values always travel as bound parameters. Identifiers (column names from a user's file) cannot be bound,
so they pass through `quote_ident`, which doubles embedded quotes: a header such as `x" OR 1=1 --` stays
one identifier instead of closing the quote and injecting SQL.

Every piece of SQL text lives in `queries/` (in folders by what it serves: `query("columns/text")` reads
`queries/columns/text.sql`). A statement that needs a variable list of columns holds the fixed parts and a
named `{placeholder}` that only `query` fills: with a quoted identifier (a str), with SQL that `query` itself
returned (a Fragment: an expression template already filled), with a whole number (a parameter's suffix, a
cut point from the code), or with a list of those, joined by commas.
"""

import re
from functools import cache
from pathlib import Path

QUERIES = Path(__file__).resolve().parents[2] / "queries"
_TYPE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\[\])?")


class Fragment(str):
    """SQL that `query` (or `sql_name`) made: filled into a template as it is."""


def quote_ident(name: str) -> str:
    """Quote a column or table name for DuckDB, doubling any embedded double quote."""
    if "\x00" in name:
        raise ValueError("A column name cannot contain a NUL character.")
    return '"' + name.replace('"', '""') + '"'


def sql_name(name: str) -> Fragment:
    """A bare name from the code's own constants, never a user's: a type (VARCHAR, race_label, VARCHAR[]) or a
    word inside the names of a macro and a parameter (the filter `race` in keep_race and $f_race)."""
    if not _TYPE.fullmatch(name):
        raise ValueError(f"not a SQL type name: {name!r}")
    return Fragment(name)


@cache
def _text(name: str) -> str:
    """A template's SQL, without the comment lines that open it (they are for its reader)."""
    lines = (QUERIES / f"{name}.sql").read_text(encoding="utf-8").splitlines()
    while lines and lines[0].lstrip().startswith("--"):
        lines.pop(0)
    return "\n".join(lines).strip()


def query(name: str, **fills: object) -> Fragment:
    """The SQL of `queries/<name>.sql`, its `{placeholders}` filled (see the module's docstring)."""
    text = _text(name)
    return Fragment(text.format_map({key: _filled(value) for key, value in fills.items()}) if fills else text)


def _filled(value: object) -> str:
    if isinstance(value, Fragment):
        return value
    if isinstance(value, str):
        return quote_ident(value)
    if isinstance(value, bool):
        raise TypeError("a placeholder takes an identifier, SQL from query(), a whole number or a list of them")
    if isinstance(value, int):
        return str(value)
    return ", ".join(_filled(item) for item in value)
