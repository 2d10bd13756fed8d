"""One school against all the schools in the file: each group's figure in the school beside the same group's
figure across every school (the district's, or the state's in a state file), for an organizer who asks how
Black students fare at this school compared with the district.

Both figures come from ordinary breakdowns (the school's is the breakdown narrowed to the school), so a group
hidden in either is hidden here, by the same minimum size and rule across views. Whether the school's figure
differs beyond chance is judged, as a gap against all students is, against an independent group: the same
group in the other schools.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from equity.model.rules import Rule
from equity.sources.cells import Cells, Stats
from equity.stats.metrics import Breakdown, GroupResult


@dataclass(frozen=True)
class EntityGroup:
    key: object
    label: str
    n: int | None                    # the group's students at the school; None when hidden
    value: float | None              # at the school
    everywhere: float | None         # the same group across every school
    difference: float | None         # school minus everywhere
    distinguishable: bool | None     # the school's group differs from the group in the other schools beyond chance
    hidden: GroupResult | None = None   # the school's or every school's group, when its figure is hidden


@dataclass(frozen=True)
class EntityComparison:
    school: str
    rule: Rule
    min_n: int
    groups: tuple[EntityGroup, ...]


def versus_all(school: str, here: Breakdown, everywhere: Breakdown, by_school: Cells) -> EntityComparison:
    """`here`: the breakdown narrowed to `school`; `everywhere`: the same breakdown over every school; `by_school`:
    the cells by the breakdown's column and school, for the chance judgement."""
    column, rule = here.dimension.column, here.rule
    _, pairs = by_school.crossed(column, "school")
    wide = {g.key: g for g in everywhere.groups}
    groups = []
    for group in here.groups:
        other = wide.get(group.key)
        shown = not group.suppressed and not group.coded and group.value is not None
        across = other.value if other is not None and not other.suppressed and not other.coded else None
        if not shown:
            groups.append(EntityGroup(group.key, group.label, None, None, across, None, None, group))
            continue
        difference = group.value - across if across is not None else None
        rest = Stats(0, 0.0, 0.0)
        for (key, where), stats in pairs.items():
            if key == group.key and where != school:
                rest = rest.plus(stats)
        distinguishable = None
        own = pairs.get((group.key, school))    # none when the sidebar keeps other schools than this one
        if difference is not None and rest.n > 0 and own is not None:
            lo, hi = own.difference(rest, rule)
            distinguishable = lo > 0 or hi < 0
        groups.append(EntityGroup(group.key, group.label, group.n, group.value, across, difference, distinguishable,
                                  None if across is not None else other))
    return EntityComparison(school, rule, here.min_n, tuple(groups))


def ranked(comparisons: Sequence[EntityComparison], key: object) -> tuple[tuple[str, EntityGroup], ...]:
    """Each school's figure for the group `key`, the school furthest above every school's figure first ("schools
    where Black students' suspension rate is highest against the district"); schools where the group's figure
    is hidden, or that have no such students, come last, in their order."""
    found = [(c.school, next((g for g in c.groups if g.key == key), None)) for c in comparisons]
    shown = sorted(((s, g) for s, g in found if g is not None and g.difference is not None),
                   key=lambda item: -item[1].difference)
    return (*shown, *((s, g) for s, g in found if g is not None and g.difference is None))
