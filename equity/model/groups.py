"""Groups of students to compare: one dimension, or two crossed (e.g. Black students from low-income
families), so every page that lets a user pick a dimension can also show intersections, with one set of
labels and one order for both (their figures: equity.stats.grouped)."""

from dataclasses import dataclass

from equity.data.normalize import NOT_REPORTED
from equity.model.dimensions import DIMENSIONS, Dimension

CROSS = " × "      # between two dimensions crossed: "Race/ethnicity × Income"
PART = " · "       # between the two parts of a crossed group: "Black or African American · Low income"


@dataclass(frozen=True)
class Grouping:
    """A dimension (a key of DIMENSIONS), optionally crossed with a second one. Crossed keys are pairs."""

    first: str
    second: str | None = None

    def __post_init__(self) -> None:
        if self.second is not None and DIMENSIONS[self.first].column == DIMENSIONS[self.second].column:
            raise ValueError("Choose two different dimensions to cross.")

    @property
    def crossed(self) -> bool:
        return self.second is not None

    @property
    def dimensions(self) -> tuple[Dimension, ...]:
        return tuple(DIMENSIONS[k] for k in (self.first, self.second) if k)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(d.column for d in self.dimensions)

    @property
    def label(self) -> str:
        return CROSS.join(d.label for d in self.dimensions)

    def parts(self, key: object) -> tuple:
        return tuple(key) if self.crossed else (key,)

    def group_label(self, key: object) -> str:
        return PART.join(d.group_label(k) for d, k in zip(self.dimensions, self.parts(key), strict=True))

    def order(self, key: object) -> tuple:
        return tuple(d.order(k) for d, k in zip(self.dimensions, self.parts(key), strict=True))

    def reported(self, key: object) -> bool:
        """No part of the group is 'Not reported' (such a group is shown but is not a finding)."""
        return all(k is not None and k != NOT_REPORTED for k in self.parts(key))


def ordered(grouping: Grouping, keys) -> list:
    return sorted(keys, key=grouping.order)


