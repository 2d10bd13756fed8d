"""The rule across views: a figure shown under filters must not be recoverable by subtracting another view.

Each view alone hides groups under `min_n`, but two views the app can show may differ by a few students: a group
of 12 unfiltered and of 10 among low-income students gives the other 2 students' total by subtraction. So a
group's figure is hidden when a view with conditions fewer holds it with 1 to `min_n - 1` more students, or a view
with one chosen value fewer holds it with that many fewer (ACROSS).

A set of students is described by its conditions: the sidebar's filters and the group's own value. "Conditions
fewer" means any set of them dropped, not only one: when dropping one filter leaves the group as it is and
dropping a second adds three students, the view with both filters would otherwise show what the view with
neither hides. Fewer chosen values need only be checked one at a time: taking out more values removes at least
the students one of them removes.

The same students can be shown under other conditions than the ones chosen (ELSEWHERE), and their figure must be
hidden in every view that shows them or in none:
- by the data: when every student of a group has one value of another column (a school with only one grade, a
  district with one term), that value is one of the group's conditions too, and the views without it count as
  views with conditions fewer (the group's fullest description, `_Sizes.fullest`);
- by the complementary rule: a group shown in a line (a breakdown whose total is shown) beside exactly one
  hidden group is hidden there to protect it; the same students as all students of a view filtered to them, or
  as a group of another breakdown, would give the hidden one back as the line's total minus the shown groups.
  So a group is hidden when any line that holds it, under any of its descriptions, hides it. The other groups of
  such a line are judged by the whole rule DEPTH lines deep (then by views with conditions fewer only), not by
  every view that could hide them in turn: consistent suppression of every view at once is a search this rule
  does not make, and an attacker solving many views as a system of equations is beyond it.
- the groups a line hides together are a set too, whose figure is the line's total less its shown groups: when a
  view with conditions fewer holds them (by their fullest description) with 1 to `min_n - 1` more, the line hides
  its smallest shown group as well (Hidden.exposes, privacy.suppress's `exposed`).
- the number of students without a result in a view is a size too: it follows the rule against views with
  filters fewer (privacy.missing_reason says how it is printed).

Every size is summed from a cube's cells (equity.sources.cube: students per combination of the dimension
columns, a few thousand rows), read once per cube the session holds and kept with what was worked out from them,
so a click costs some array sums, never a scan of the students. Races alone or in combination, which no cube cell
holds, still go through the neighbour query over a cube of their own.
"""

import hashlib
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from itertools import combinations

import duckdb
import numpy as np
from cachetools import LRUCache

from equity.data.sql import query, sql_name
from equity.model.dimensions import DIMENSIONS
from equity.model.filters import Filters
from equity.model.rules import Rule
from equity.sources import cube as cubes
from equity.sources.cube import Cube
from equity.stats.privacy import ACROSS, ELSEWHERE, suppress

COMBINED = "race_list"    # the column of races alone or in combination (dimensions.COMBINED's)
NAMES = tuple(f.name for f in fields(Filters))       # a condition's column, by the sidebar filter's name
FILTER_OF = {DIMENSIONS[name].column: name for name in NAMES}
_ANY = object()           # a condition dropped: any value
DEPTH = 1                 # lines judged beyond the first, for the groups beside a set (see _Sizes.why)
MASK_BYTES = 32 << 20     # the most a cube's kept masks of cells take (_Sizes._keep_mask)
MEMO_ENTRIES = 200_000    # sizes worked out and kept per cube, at most (_Sizes.hidden)
_numbers = itertools.count(1)
_KEPT: LRUCache = LRUCache(16)     # recent cubes' sizes, by connection, table, group columns and n-size
_LOCK = threading.Lock()          # sessions run in threads of one process

Description = frozenset   # of (filter name, frozenset of the values it keeps): a set of students


@dataclass(frozen=True)
class Hidden:
    """What the rule across views hides in one view: group keys (those of `elsewhere` because another view of
    the same students hides them), whether all students' figure is hidden, and whether the number of students
    without a result is (privacy.missing_reason says how it is printed)."""

    groups: frozenset = frozenset()
    overall: bool = False
    elsewhere: frozenset = frozenset()
    missing: bool = False
    together: Callable[[frozenset], bool] | None = field(default=None, compare=False)

    def reason(self, key: object) -> str | None:
        """Why the group `key` is hidden by this rule (ACROSS, ELSEWHERE), None when it is not."""
        return ELSEWHERE if key in self.elsewhere else ACROSS if key in self.groups else None

    def exposes(self, keys: frozenset) -> bool:
        """Whether the groups `keys` hidden together, whose figure a line's total less its shown groups gives,
        are a set of students another view holds with 1 to min_n - 1 more (the data may place them all in one
        term, whose view then gives the few others by subtraction): the line must hide more."""
        return self.together is not None and self.together(keys)


NOTHING = Hidden()


def _column(values: np.ndarray) -> np.ndarray:
    """A fetched column with SQL's NULL as None (fetchnumpy masks it, and unmasking alone would invent a value)."""
    if isinstance(values, np.ma.MaskedArray):
        return np.where(np.ma.getmaskarray(values), None, values.data.astype(object))
    return np.asarray(values)


def _without(description: Description, name: str) -> Description:
    return frozenset(c for c in description if c[0] != name)


@dataclass(frozen=True)
class Neighbours:
    """Students with a result per group and per the chosen value each active filter sees (None: left out)."""

    choices: tuple[tuple[str, ...], ...]                  # the active filters' chosen values
    rows: tuple[tuple[tuple, tuple, int], ...]            # (group key's parts, seen value per active filter, n)


def find(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, columns: tuple[str, ...], filters: Filters,
         min_n: int, cube: Cube | None = None) -> Hidden:
    """What the rule across views hides among the groups of `columns` (one or two canonical columns) under
    `filters`, summed from `cube` (equity.sources.cube), built here when not given. Races alone or in combination, which
    no cube cell holds (a student counts under each race), are judged against the views with filters fewer from
    a cube of their own; all students and those without a result, from `cube`."""
    built = cube or cubes.build(con, outcome, rule)
    combined = COMBINED in columns
    try:
        names = () if combined else tuple(FILTER_OF[c] for c in columns)
        table = cubes.of_kind(con, built, () if combined else columns, filters)
        found = _read(con, table, min_n, keep=cube is not None).hidden(filters, names)
    finally:
        if cube is None:
            con.execute(query("tables/drop_table", table=built.table))
    if combined and filters.active:
        table = f"cube_combined_{next(_numbers)}"
        con.execute(query("cells/cube_combined", cube=table, outcome=outcome), rule.params())
        try:
            groups = hidden(neighbours(con, table, columns, filters), min_n).groups
        finally:
            con.execute(query("tables/drop_table", table=table))
        found = Hidden(groups, found.overall, frozenset(), found.missing)
    return found


def _read(con: duckdb.DuckDBPyConnection, table: str, min_n: int, keep: bool) -> "_Sizes":
    """A cube's sizes, kept (`keep`: a cube the session holds) with all that was worked out from them, which
    every later breakdown and click on the same outcome reuses: a cube table's cells never change under its name."""
    key = (id(con), table, min_n)
    with _LOCK:
        found = _KEPT.get(key) if keep else None
    if found is None:
        found = _Sizes.read(con, table, min_n)
        if keep:
            with _LOCK:
                _KEPT[key] = found
    return found


class _Sizes:
    """The size of every set of students the app can show, summed from a cube's cells. A set is a Description:
    its conditions, each a filter's name and the values it keeps; its size, the students with a result in it."""

    def __init__(self, found: dict[str, np.ndarray], min_n: int):
        self.min_n = min_n
        self.n = found["n"].astype(np.int64)
        self.missing = found["missing"].astype(np.int64)
        self.with_result = self.n > 0
        self.codes: dict[str, np.ndarray] = {}
        self.values: dict[str, list[str]] = {}
        for name in NAMES:
            values, codes = np.unique(found[name].astype(str), return_inverse=True)
            self.values[name], self.codes[name] = [str(v) for v in values], codes
        # the columns with more than one value among students with a result: a condition on any other holds
        # for everyone, so it describes no set the others do not
        self.varied = [name for name in NAMES if len(np.unique(self.codes[name][self.with_result])) > 1]
        # each column's values as breakdowns key them, by the text the filters use
        self.keys = {name: {str(text): key for text, key in zip(found[name], found[f"raw_{name}"], strict=True)}
                     for name in NAMES}
        self._masks: dict[Description, np.ndarray] = {}
        self._sizes: dict[tuple[Description, bool], int] = {}
        self._wider: dict[tuple[Description, bool], bool] = {}
        self._lines: dict[tuple[bytes, str, str, int], bool] = {}
        self._members: dict[Description, bytes] = {}
        self._fullest: dict[Description, Description] = {}
        # the varied columns' codes, a row each, so one selection serves every column of a set's fullest description
        self._varied_codes = np.stack([self.codes[name] for name in self.varied]) if self.varied else np.empty(0)

    @classmethod
    def read(cls, con: duckdb.DuckDBPyConnection, cube: str, min_n: int) -> "_Sizes":
        found = con.execute(query("cells/cube_sizes", cube=cube)).fetchnumpy()
        return cls({k: _column(v) for k, v in found.items()}, min_n)

    def hidden(self, filters: Filters, names: tuple[str, ...]) -> Hidden:
        """What the rule hides among the groups of the columns of the filters `names` (none: all students only),
        and of all students, under `filters`."""
        if len(self._sizes) > MEMO_ENTRIES:      # all worked out so far is forgotten rather than kept without end
            for memo in (self._masks, self._sizes, self._wider, self._lines, self._members, self._fullest):
                memo.clear()
        chosen = {name: frozenset(getattr(filters, name)) for name in NAMES if getattr(filters, name)}
        view = frozenset(chosen.items())
        across, elsewhere = set(), set()
        for parts in self._groups(view, names):
            group = {name: frozenset({text}) for name, text in zip(names, parts, strict=True)}
            # the view's own line through the group along each group column: the rest of the view and group
            own = {name: frozenset({**chosen, **{k: v for k, v in group.items() if k != name}}.items())
                   for name in group}
            reason = self.why(frozenset({**chosen, **group}.items()), own)
            key = tuple(self.keys[name][text] for name, text in zip(names, parts, strict=True))
            (elsewhere if reason == ELSEWHERE else across if reason else set()).add(key[0] if len(key) == 1 else key)
        overall = self.why(view, {}) is not None
        return Hidden(frozenset(across | elsewhere), overall, frozenset(elsewhere), self._missing(view),
                      self._together(chosen, names))

    def _together(self, chosen: dict[str, frozenset], names: tuple[str, ...]) -> Callable[[frozenset], bool] | None:
        """For a breakdown by one column, whether a set of its groups hidden together is exposed (Hidden.exposes)."""
        if len(names) != 1:
            return None
        name = names[0]
        texts = {key: text for text, key in self.keys[name].items()}

        def exposed(keys: frozenset) -> bool:
            together = frozenset({**chosen, name: frozenset(texts[k] for k in keys)}.items())
            return self.size(together) >= self.min_n and (self.wider(together) or self.wider(self.fullest(together)))
        return exposed

    def _groups(self, view: Description, names: tuple[str, ...]) -> set[tuple[str, ...]]:
        """The groups (each group column's value as text) that have students with a result in the view."""
        if not names:
            return set()
        kept = self.mask(view) & self.with_result
        # the combinations of the columns' codes present, counted in one pass: the groups are a few where the
        # cells are many (a national file's schools)
        sizes = tuple(len(self.values[name]) for name in names)
        present = np.bincount(np.ravel_multi_index(tuple(self.codes[name][kept] for name in names), sizes),
                              minlength=int(np.prod(sizes)))
        found = np.unravel_index(np.flatnonzero(present), sizes)
        return {tuple(self.values[name][code] for name, code in zip(names, row, strict=True))
                for row in zip(*found, strict=True)}

    def mask(self, description: Description) -> np.ndarray:
        """The cells of the set's students: one condition's cells once, then their intersections."""
        if description not in self._masks:
            kept = np.ones(len(self.n), dtype=bool)
            for condition in description:
                kept &= self._condition(*condition)
            self._keep_mask(description, kept)
        return self._masks[description]

    def _condition(self, name: str, values: frozenset) -> np.ndarray:
        key = frozenset({(name, values)})
        if key not in self._masks:
            wanted = np.array([v in values for v in self.values[name]], dtype=bool)
            self._keep_mask(key, wanted[self.codes[name]])
        return self._masks[key]

    def _keep_mask(self, description: Description, mask: np.ndarray) -> None:
        """Masks are kept for the clicks that follow, up to MASK_BYTES (a session clicks on for hours; a mask is a
        byte per cell): past it they are forgotten and made again as they are needed."""
        if len(self._masks) * len(mask) >= MASK_BYTES:
            self._masks.clear()
        self._masks[description] = mask

    def size(self, description: Description, missing: bool = False) -> int:
        """Students with a result in the set (or, with `missing`, without one)."""
        if (description, missing) not in self._sizes:
            counts = self.missing if missing else self.n
            # np.where, not counts[mask]: a copy of the chosen cells cost twice as much
            self._sizes[(description, missing)] = int(np.where(self.mask(description), counts, 0).sum())
        return self._sizes[(description, missing)]

    def why(self, description: Description, own: dict[str, Description], depth: int = DEPTH) -> str | None:
        """Why the rule hides the set (ACROSS, ELSEWHERE) or None; a set under min_n is left to the view's own
        rule. `own`: per group column, the students of the view's own line through the set along it, which the
        view's own suppression judges. `depth`: how many lines deep the groups beside it are judged."""
        if self.size(description) < self.min_n:
            return None
        if self.wider(description) or self._fewer_values(description):
            return ACROSS
        fullest = self.fullest(description)
        if fullest != description and self.wider(fullest):
            return ELSEWHERE
        for same in self._same(fullest):
            for name, values in same:
                if len(values) == 1 and not (name in own and self._same_students(_without(same, name), own[name])) \
                        and self._line(same, name, depth):
                    return ELSEWHERE
        return None

    def _same_students(self, one: Description, other: Description) -> bool:
        return bool(np.array_equal(self.mask(one) & self.with_result, self.mask(other) & self.with_result))

    def wider(self, description: Description, missing: bool = False) -> bool:
        """Whether a view with conditions fewer holds the set with 1 to min_n - 1 students more. Dropping
        conditions only adds students, so a branch stops once min_n more are in."""
        if (description, missing) in self._wider:
            return self._wider[(description, missing)]
        base, stack, seen, found = self.size(description, missing), [description], {description}, False
        while stack and not found:
            current = stack.pop()
            for condition in current:
                fewer = current - {condition}
                if fewer in seen:
                    continue
                seen.add(fewer)
                more = self.size(fewer, missing) - base
                found = found or 0 < more < self.min_n
                if more == 0:
                    stack.append(fewer)
        self._wider[(description, missing)] = found
        return found

    def _fewer_values(self, description: Description) -> bool:
        """Whether taking one chosen value out of a condition with several removes 1 to min_n - 1 students."""
        others = {name: values for name, values in description}
        for name, values in description:
            for value in values if len(values) > 1 else ():
                if 0 < self.size(frozenset({**others, name: frozenset({value})}.items())) < self.min_n:
                    return True
        return False

    def fullest(self, description: Description) -> Description:
        """The description with every condition the data implies: a column on which all the set's students
        have one value is a condition too (a school with one grade: that grade)."""
        if description not in self._fullest:
            conditions = dict(description)
            kept = np.flatnonzero(self.mask(description) & self.with_result)
            if self.varied and len(kept):
                first = self._varied_codes[:, kept[0]]
                same = (self._varied_codes[:, kept] == first[:, None]).all(axis=1)
                for name, code, alone in zip(self.varied, first, same, strict=True):
                    if alone:      # every student of the set has this one value
                        conditions[name] = frozenset({self.values[name][code]})
            self._fullest[description] = frozenset(conditions.items())
        return self._fullest[description]

    def _same(self, description: Description) -> set[Description]:
        """Every description of the same students: `description` with conditions dropped that change nothing."""
        base, found, stack = self.size(description), {description}, [description]
        while stack:
            current = stack.pop()
            for condition in current:
                fewer = current - {condition}
                if fewer not in found and self.size(fewer) == base:
                    found.add(fewer)
                    stack.append(fewer)
        return found

    def _line(self, description: Description, name: str, depth: int) -> bool:
        """Whether the breakdown by `name` of the view `description` without its condition on `name` hides the
        set (its own value of `name` taken as the group): the complementary rule on that line, each of its groups
        judged by the whole rule `depth` lines deep, at the last line by views with conditions fewer only."""
        line = _without(description, name)
        value = next(iter(dict(description)[name]))
        if line not in self._members:       # descriptions of the same students share their lines
            self._members[line] = hashlib.blake2b(self.mask(line).tobytes(), digest_size=16).digest()
        members = self._members[line]
        if (members, name, value, depth) not in self._lines:
            kept = self.mask(line)
            sizes = np.bincount(self.codes[name], weights=np.where(kept, self.n, 0), minlength=len(self.values[name]))
            groups = [i for i, n in enumerate(sizes) if n > 0]
            conditions = [line | {(name, frozenset({self.values[name][i]}))} for i in groups]
            across = [sizes[i] >= self.min_n and (self.why(c, {name: line}, depth - 1) is not None if depth else
                                                  self.wider(c) or self._fewer_values(c))
                      for i, c in zip(groups, conditions, strict=True)]
            reasons = suppress([int(sizes[i]) for i in groups], self.min_n, across)
            for i, reason in zip(groups, reasons, strict=True):
                self._lines[(members, name, self.values[name][i], depth)] = reason is not None
        return self._lines.get((members, name, value, depth), False)

    def _missing(self, view: Description) -> bool:
        """Whether a view with filters fewer has 1 to min_n - 1 more students without a result."""
        return self.wider(view, missing=True)


def neighbours(con: duckdb.DuckDBPyConnection, cube: str, columns: tuple[str, ...], filters: Filters) -> Neighbours:
    """The one grouped query, over the cube table `cube`, for groups of `columns` under `filters`."""
    if not columns:
        raise ValueError("A neighbour query groups by one column or more.")
    active = [f.name for f in fields(Filters) if getattr(filters, f.name)]
    # Only the filters in use are read, each column compared as it is stored: a cast of every cell to text for
    # every filter cost more than all the rest of a click.
    stored = {name: DIMENSIONS[name].column for name in active}
    groups = [*(query("cells/group_key", column=column, i=i) for i, column in enumerate(columns)),
              *dict.fromkeys(stored.values())]
    keys = [*(query("cells/key", i=i) for i in range(len(columns))),
            *(query("cells/seen", filter=sql_name(name), column=column) for name, column in stored.items())]
    rows = con.execute(query("cells/neighbour_counts", cube=cube, groups=groups, keys=keys),
                       {f"f_{name}": list(getattr(filters, name)) for name in active}).fetchall()
    k, width = len(columns), len(active)
    return Neighbours(tuple(getattr(filters, name) for name in active),
                      tuple((tuple(r[:k]), tuple(r[k:k + width]), int(r[-1])) for r in rows if r[-1]))


def hidden(found: Neighbours | None, min_n: int) -> Hidden:
    """The groups (keys as the breakdowns use them: a value, or a pair for two columns) and whether all
    students, that the rule across views hides."""
    if found is None or not found.rows:
        return NOTHING
    width = len(found.rows[0][0])
    conditions = width + len(found.choices)
    tables = {dropped: _sizes(found, dropped) for size in range(conditions + 1)
              for dropped in combinations(range(conditions), size)}
    own = tables[()]
    keys = {parts for parts, _ in own}
    shape = (width, len(found.choices))
    hide = {parts for parts in keys if _differs(parts, shape, tables, min_n)}
    everyone = tuple(range(width))
    overall = _differs((_ANY,) * width, shape, {d: t for d, t in tables.items() if d[:width] == everyone},
                       min_n)
    overall |= _fewer_values(found, None, min_n)
    hide |= {parts for parts in keys if _fewer_values(found, parts, min_n)}
    return Hidden(frozenset(p[0] if width == 1 else p for p in hide), overall)


def _sizes(found: Neighbours, dropped: tuple[int, ...]) -> dict[tuple, int]:
    """Students per group with the conditions at `dropped` positions left out (group parts, then filters)."""
    width, sizes = len(found.rows[0][0]), {}
    for parts, seen, n in found.rows:
        group = tuple(_ANY if i in dropped else p for i, p in enumerate(parts))
        kept = tuple(_ANY if width + j in dropped else value is not None for j, value in enumerate(seen))
        if all(k is _ANY or k for k in kept):
            key = (group, kept)
            sizes[key] = sizes.get(key, 0) + n
    return sizes


def _differs(parts: tuple, shape: tuple[int, int], tables: dict, min_n: int) -> bool:
    """Whether a wider view holds the group `parts` with 1 to min_n - 1 students more. `shape`: how many group
    parts and active filters; `tables`: sizes with conditions dropped, the first one with none dropped."""
    width, filters = shape
    base = next(iter(tables.values())).get((parts, (True,) * filters), 0)
    for dropped, sizes in tables.items():
        group = tuple(_ANY if i in dropped else p for i, p in enumerate(parts))
        kept = tuple(_ANY if width + j in dropped else True for j in range(filters))
        if 0 < sizes.get((group, kept), 0) - base < min_n:
            return True
    return False


def _fewer_values(found: Neighbours, parts: tuple | None, min_n: int) -> bool:
    """Whether taking one chosen value out of a filter with several removes 1 to min_n - 1 of the group."""
    removed: dict[tuple[int, str], int] = {}
    for group, seen, n in found.rows:
        if (parts is None or group == parts) and all(v is not None for v in seen):
            for j, value in enumerate(seen):
                if len(found.choices[j]) > 1:
                    removed[(j, value)] = removed.get((j, value), 0) + n
    return any(0 < n < min_n for n in removed.values())
