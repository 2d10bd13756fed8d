"""Sidebar filters: OR inside one category, AND across categories, applied by SQL to every view."""

from dataclasses import dataclass, fields

from equity.dimensions import DIMENSIONS

FLAG_KEYS = {"true": True, "false": False, "null": None}


@dataclass(frozen=True)
class Filters:
    """Chosen values per category; an empty tuple keeps everyone. Flags use 'true', 'false', 'null'."""

    race: tuple[str, ...] = ()
    low_income: tuple[str, ...] = ()
    english_learner: tuple[str, ...] = ()
    special_ed: tuple[str, ...] = ()
    grade: tuple[str, ...] = ()
    school: tuple[str, ...] = ()
    term: tuple[str, ...] = ()

    def params(self) -> dict[str, list[str]]:
        """Bound parameters for `filtered_students(...)` in the queries."""
        return {f"f_{f.name}": list(getattr(self, f.name)) for f in fields(self)}

    def describe(self) -> list[str]:
        """One line per active filter, in words, e.g. 'Income: Low income'."""
        lines = []
        for f in fields(self):
            chosen = getattr(self, f.name)
            if chosen:
                dim = DIMENSIONS[f.name]
                words = [dim.group_label(FLAG_KEYS[c]) if dim.flag else c for c in chosen]
                lines.append(f"{dim.label}: {', '.join(words)}")
        return lines

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))
