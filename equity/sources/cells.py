"""Cells: what crosses the seam between a source of figures and everything computed from them. Per combination
of some dimension columns, the number of students, the sum and sum of squares of the outcome and the number
missing; a breakdown by any of the columns, and all students, is a sum over them."""

from dataclasses import dataclass

from equity.model.rules import Rule
from equity.stats import intervals


@dataclass(frozen=True)
class Stats:
    """Sufficient statistics of one group: students with an outcome, sum and sum of squares of y."""

    n: int
    total: float
    squares: float
    missing: int = 0

    def value(self, rule: Rule) -> float:
        return self.total / self.n * (100 if rule.is_rate else 1)

    def minus(self, other: "Stats") -> "Stats":
        return Stats(self.n - other.n, self.total - other.total, self.squares - other.squares)

    def plus(self, other: "Stats") -> "Stats":
        return Stats(self.n + other.n, self.total + other.total, self.squares + other.squares,
                     self.missing + other.missing)

    def interval(self, rule: Rule) -> tuple[float, float]:
        if rule.is_rate:
            lo, hi = intervals.wilson(self.total, self.n)
            return lo * 100, hi * 100
        return intervals.mean_interval(self.n, self.total, self.squares)

    def difference(self, other: "Stats", rule: Rule) -> tuple[float, float]:
        """95% interval of this group's value minus an independent group's."""
        if rule.is_rate:
            lo, hi = intervals.newcombe(self.total, self.n, other.total, other.n)
            return lo * 100, hi * 100
        return intervals.mean_difference((self.n, self.total, self.squares),
                                         (other.n, other.total, other.squares))


def key_text(key: object) -> str:
    """A group key as text: labels as they are, flags as 'true' / 'false' / 'null'."""
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


@dataclass(frozen=True)
class Cells:
    """Statistics per combination of some dimension columns (a few hundred rows at most): a breakdown by any
    of them, and all students, is a sum over these. Made by equity.sources.cube."""

    columns: tuple[str, ...]
    rows: tuple[tuple[tuple, Stats], ...]

    def by(self, column: str) -> tuple[Stats, dict[object, Stats]]:
        i = self.columns.index(column)
        overall = Stats(0, 0.0, 0.0)
        groups: dict[object, Stats] = {}
        for key, stats in self.rows:
            overall = overall.plus(stats)
            groups[key[i]] = groups.get(key[i], Stats(0, 0.0, 0.0)).plus(stats)
        return overall, {k: s for k, s in groups.items() if s.n > 0}

    def per(self, column: str) -> dict[object, "Cells"]:
        """The cells split by one column's value (a school's share of cells counted for every school at once)."""
        i, shares = self.columns.index(column), {}
        for key, stats in self.rows:
            shares.setdefault(key[i], []).append((key, stats))
        return {value: Cells(self.columns, tuple(rows)) for value, rows in shares.items()}

    def crossed(self, first: str, second: str) -> tuple[Stats, dict[tuple, Stats]]:
        """All students' statistics and each non-empty pair of groups' of two of the columns."""
        i, j = self.columns.index(first), self.columns.index(second)
        overall = Stats(0, 0.0, 0.0)
        pairs: dict[tuple, Stats] = {}
        for key, stats in self.rows:
            overall = overall.plus(stats)
            pairs[(key[i], key[j])] = pairs.get((key[i], key[j]), Stats(0, 0.0, 0.0)).plus(stats)
        return overall, {k: s for k, s in pairs.items() if s.n > 0}


