"""Sidebar filters: OR inside one category, AND across categories, applied by SQL to every view."""

from dataclasses import dataclass, fields

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

