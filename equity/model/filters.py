"""Sidebar filters: OR inside one category, AND across categories, applied by SQL to every view."""

from dataclasses import dataclass, fields

import duckdb

from equity.data.normalize import NOT_REPORTED
from equity.data.sql import query
from equity.model.dimensions import DIMENSIONS

FLAG_KEYS = {"true": True, "false": False, "null": None}


@dataclass(frozen=True)
class Filters:
    """Chosen values per category; an empty tuple keeps everyone. Flags use 'true', 'false', 'null'."""

    race: tuple[str, ...] = ()
    low_income: tuple[str, ...] = ()
    english_learner: tuple[str, ...] = ()
    special_ed: tuple[str, ...] = ()
    section_504: tuple[str, ...] = ()
    gender: tuple[str, ...] = ()
    grade: tuple[str, ...] = ()
    school: tuple[str, ...] = ()
    term: tuple[str, ...] = ()

    def params(self) -> dict[str, list[str]]:
        """Bound parameters for `filtered_students(...)` in the queries."""
        return {f"f_{f.name}": list(getattr(self, f.name)) for f in fields(self)}

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


FILTER_NAMES = tuple(f.name for f in fields(Filters))


def options(con: duckdb.DuckDBPyConnection, table: str | None = None) -> dict[str, list[str]]:
    """The values each filter can take in the loaded data, in the dimension's display order; read from a cube's
    table (which has every filter's column) when given, else from the students or the groups of a source that
    counts them elsewhere."""
    if table is None:
        from equity.sources.cube import groups_table  # here: equity.sources.cube reads this module
        table = groups_table(con)
    choices = {}
    for f in fields(Filters):
        dim = DIMENSIONS[f.name]
        missing = "null" if dim.flag else NOT_REPORTED
        values = [row[0] for row in con.execute(query("students/distinct_values", column=dim.column, table=table),
                                                {"missing": missing}).fetchall()]
        choices[f.name] = sorted(values, key=lambda v: dim.order(FLAG_KEYS[v] if dim.flag else v))
    return choices

