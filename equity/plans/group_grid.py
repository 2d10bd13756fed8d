"""Status × change for every student group, as the California School Dashboard colours each group: the
group's latest value placed by the indicator's status cut points, its change from the PRIOR term (not the
earliest) by the change cut points, and the five-by-five colour of the two (equity.plans.status_grid). The
Dashboard's rules: a change only when the group is shown (at least the minimum size) in both terms, no colour
for a group smaller than the colour minimum (its 30 students), and a hidden group never placed nor coloured.
Every cell says its level in words, so colour never carries the meaning alone."""

from dataclasses import dataclass

from equity.plans.status_grid import (
    BASELINE_HIDDEN,
    COLOURS,
    FEW,
    HIDDEN,
    ONE_TERM,
    Cuts,
    change_level,
    colour,
    status_level,
)
from equity.stats.metrics import GroupResult
from equity.stats.privacy import coloured
from equity.stats.trends import Trend, group_key
from equity.words.groupings import grouping_group
from equity.words.i18n import t
from equity.words.numbers import count


@dataclass(frozen=True)
class GroupPlacement:
    label: str                # the group's name in the reader's language
    n: int | None             # students with a result in the latest term; None when hidden
    value: float | None       # the latest value; None when hidden
    change: float | None      # latest minus the prior term's, in points; None unless shown in both
    status: int | None
    change_level: int | None
    colour: int | None        # None unless status and change are known and the group is large enough
    reason: str = ""          # why there is no colour: HIDDEN, ONE_TERM, BASELINE_HIDDEN or FEW
    key: object = None        # the group's key in its grouping (equity.trends.group_key gives it as text)


def _shown(group: GroupResult | None) -> bool:
    return group is not None and not group.suppressed and group.value is not None


def place_one(label: str, key: object, latest: tuple[int, float] | None, prior: float | None, one_term: bool,
              cuts: Cuts, higher_is_better: bool, colour_min_n: int = 0) -> GroupPlacement:
    """One group (or all students) placed: `latest` its size and value, None when hidden; `prior` the prior
    term's value, None when hidden there or when there is no prior term (`one_term`)."""
    if latest is None:
        return GroupPlacement(label, None, None, None, None, None, None, HIDDEN, key)
    n, value = latest
    status = status_level(value, cuts, higher_is_better)
    if prior is None:
        return GroupPlacement(label, n, value, None, status, None, None, ONE_TERM if one_term else BASELINE_HIDDEN,
                              key)
    change = value - prior
    level = change_level(change, cuts, higher_is_better)
    hue = colour(status, level, higher_is_better) if coloured(n, colour_min_n) else None
    return GroupPlacement(label, n, value, change, status, level, hue, "" if hue is not None else FEW, key)


def place_groups(trend: Trend, cuts: Cuts, higher_is_better: bool, colour_min_n: int = 0) -> tuple[GroupPlacement, ...]:
    """Each group of the latest term placed and coloured against the term before it."""
    if not trend.per_term:
        return ()
    latest = trend.per_term[-1]
    prior = {group_key(g.key): g for g in trend.per_term[-2].groups} if len(trend.per_term) > 1 else {}
    found = []
    for g in latest.groups:
        before = prior.get(group_key(g.key))
        found.append(place_one(grouping_group(trend.grouping, g.key), g.key,
                               (g.n, g.value) if _shown(g) else None, before.value if _shown(before) else None,
                               len(trend.per_term) < 2, cuts, higher_is_better, colour_min_n))
    return tuple(found)


def colour_words(p: GroupPlacement) -> str:
    """The colour's name, or why there is none."""
    if p.colour is not None:
        return t(f"grid.colour.{COLOURS[p.colour]}")
    key = "group_grid.prior_hidden" if p.reason == BASELINE_HIDDEN else f"grid.no_colour.{p.reason}"
    return t(key, n=count(p.n or 0))
