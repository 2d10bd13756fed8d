"""Small-group suppression: the rule every view and export applies before a figure is shown.

A group with fewer than `min_n` students shows nothing. A group is also hidden when another view the app can
show (filters fewer, equity.stats.across) holds it with 1 to `min_n - 1` students more or fewer (ACROSS). When exactly
one group of a breakdown is hidden, or the hidden ones together have fewer than `min_n` students, the next
smallest is hidden too, so no hidden figure, nor that of the hidden groups together, can be recovered from the
total and the rest. A hidden group's size is as private as its value: it is printed as a band (`band`).

Top/bottom coding (an option, off by default) is the second rule, below. With the fixed 95% / 5% codes, a group
of 20 students or fewer would only be coded when all (or none) of it met the outcome, so for such a group the code
would say "all" (or "none") to a reader who knows its size: it is hidden instead (ALL_OR_NONE).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from equity.words.i18n import t

DEFAULT_MIN_N = 10


@dataclass(frozen=True)
class Preset:
    """A privacy setting users recognise. `name` is the English text; `label` gives it in the reader's language
    from the catalogue (`preset.<key>.name`)."""

    name: str
    min_n: int
    key: str = "default"
    colour_min_n: int = 0        # shown groups smaller than this get no colour (the California Dashboard's 30)

    def label(self) -> str:
        return t(f"preset.{self.key}.name")


def coloured(n: int, colour_min_n: int) -> bool:
    """A group is coloured when it has at least `colour_min_n` students (0: every shown group)."""
    return n >= colour_min_n


PRESETS = (
    Preset("Default (n < 10 hidden)", 10, "default"),
    Preset("California Dashboard (n < 11 hidden)", 11, "california", 30),
    Preset("IDEA disproportionality (n-size 30)", 30, "idea"),
    Preset("Survey tools (n < 5 hidden)", 5, "survey"),
)

SMALL = "small"              # reasons a figure is hidden
COMPLEMENT = "complement"
ACROSS = "across"            # another view differs from this group by fewer than min_n students
ALL_OR_NONE = "all_or_none"  # top/bottom coding on: a code would say that all (or none) of the group met
DIFFERENCE = "difference"    # the same group in another view of the same students differs by a few
ELSEWHERE = "elsewhere"      # the same students are hidden in another view (equity.stats.across)


def suppress(ns: Sequence[int], min_n: int = DEFAULT_MIN_N, across: Sequence[bool | str | None] = (),
             exposed: Callable[[list[int]], bool] | None = None) -> tuple[str | None, ...]:
    """For each group size, why it is hidden (SMALL, ACROSS, ELSEWHERE, COMPLEMENT) or None when it can be shown.
    `across` marks the groups the rule across views hides (equity.stats.across): True (ACROSS) or its reason;
    `exposed`, given the positions of the hidden groups, says whether their students together are exposed by
    another view (equity.stats.across.Hidden.exposes)."""
    cells = list(range(len(ns)))
    reasons = _first_reasons(dict(enumerate(ns)), dict(enumerate(across)), min_n)
    _settle(cells, dict(enumerate(ns)), reasons, min_n, exposed)
    return tuple(reasons[i] for i in cells)


def _first_reasons(ns: dict, across: dict, min_n: int) -> dict:
    return {cell: SMALL if n < min_n else _across(across.get(cell)) for cell, n in ns.items()}


def _across(marked: bool | str | None) -> str | None:
    return marked if isinstance(marked, str) else ACROSS if marked else None


def _settle(line: list, ns: dict, reasons: dict, min_n: int,
            exposed: Callable[[list[int]], bool] | None = None) -> bool:
    """The complementary rule on one line (a breakdown, a row or a column of a two-way table): the total is
    shown, so exactly one hidden group, or hidden groups of fewer than `min_n` students together, or hidden
    groups together that another view `exposed`, could be worked out from it and the shown ones; the smallest
    shown group is hidden too until none holds."""
    changed = False
    while True:
        hidden = [c for c in line if reasons[c]]
        shown = [c for c in line if not reasons[c]]
        if not hidden or not shown or (len(hidden) > 1 and sum(ns[c] for c in hidden) >= min_n
                                       and not (exposed and exposed(hidden))):
            return changed
        reasons[min(shown, key=lambda c: ns[c])] = COMPLEMENT
        changed = True


def hide_differences(ns: Sequence[int], others: Sequence[int], reasons: Sequence[str | None],
                     min_n: int = DEFAULT_MIN_N) -> tuple[str | None, ...]:
    """A group shown here is hidden too when the same group in another view of the same students (a race alone,
    against alone or in combination) has 1 to `min_n` - 1 students more or fewer: subtracting the two views would
    give those few students' figure."""
    return tuple(reason or (DIFFERENCE if 0 < abs(n - other) < min_n else None)
                 for n, other, reason in zip(ns, others, reasons, strict=True))


def missing_reason(missing: int, min_n: int, across: bool, overall_hidden: bool) -> str | None:
    """Why the number of students without a result in a view is not printed: it is the size of a group of
    students too, so SMALL (a band is printed) under min_n, ACROSS when the rule across views hides it
    (`across`) or, unless it is 0, all students' figure is hidden; None when it can be printed."""
    if 0 < missing < min_n:
        return SMALL
    return ACROSS if across or (overall_hidden and missing) else None


def suppress_table(ns: dict[tuple, int], min_n: int = DEFAULT_MIN_N,
                   across: dict[tuple, bool | str | None] | None = None) -> dict[tuple, str | None]:
    """Suppression for a two-way table: small cells and those the rule across views hides, then the
    complementary rule along every row and every column, repeated until no line lets a hidden cell out."""
    reasons = _first_reasons(ns, across or {}, min_n)
    _every_line(list(ns), lambda line: _settle(line, ns, reasons, min_n))
    return reasons


def _every_line(cells: list[tuple], settle: Callable[[list[tuple]], bool]) -> None:
    """Apply `settle` to every row and every column of a two-way table, again until it changes none."""
    changed = True
    while changed:
        changed = False
        for axis in (0, 1):
            for line in {cell[axis] for cell in cells}:
                changed |= settle([c for c in cells if c[axis] == line])


# Top/bottom coding. State report cards print a small group's rate near 100% as "≥ 95%" (or "> 95%") and near
# 0% as "≤ 5%", so that a reader cannot tell that all, or none, of a small group met the outcome (NCES, "SLDS
# Technical Brief 3: Statistical Methods for Protecting Personally Identifiable Information in Aggregate Reporting",
# NCES 2011-603, 2010, reviews the practice and ties how coarse the codes are to the size of the group).
TOP_CODE, BOTTOM_CODE = 95, 5        # percent: a rate above TOP_CODE is shown as "≥ 95%", below BOTTOM_CODE "≤ 5%"
# Coding applies to groups of fewer than CODING_BELOW_N students. A choice made here, not a federal number: the
# NCES brief's recommended rules are driven by the size of the group (the smaller, the coarser), and 300 is a size
# used for reporting rates to within about a point; below it one student moves a rate by a third of a point or
# more, so "all but a few" is close to "all". Groups of 300 or more are shown exactly.
CODING_BELOW_N = 300
TOP, BOTTOM = "top", "bottom"


def code(successes: float, n: int, below_n: int = CODING_BELOW_N) -> str | None:
    """TOP when more than 95% of a group of fewer than `below_n` students met the outcome, BOTTOM when fewer than
    5% did, else None. Judged on the counts (successes·100 against 95·n), so 95 of 100 is exactly 95% and shown."""
    if n <= 0 or n >= below_n:
        return None
    if successes * 100 > TOP_CODE * n:
        return TOP
    if successes * 100 < BOTTOM_CODE * n:
        return BOTTOM
    return None


def coded_text(coded: str) -> str:
    """How a coded rate is printed in every language: '≥ 95%' or '≤ 5%'."""
    return f"≥ {TOP_CODE}%" if coded == TOP else f"≤ {BOTTOM_CODE}%"


def coded_value(coded: str) -> float:
    """Where a chart draws a coded rate: at its boundary, never at the exact value."""
    return float(TOP_CODE if coded == TOP else BOTTOM_CODE)


def _range(successes: float, n: int, coded: str | None) -> tuple[int, int]:
    """What a reader knows of a group's count of students meeting the outcome: one value when it is shown
    exactly, the band when coded, anything from 0 to n when hidden (its size is printed on screen)."""
    if coded == TOP:
        return TOP_CODE * n // 100 + 1, n
    if coded == BOTTOM:
        return 0, -(-BOTTOM_CODE * n // 100) - 1
    return 0, n


def _pinned(counts: Sequence[tuple[float, int]], codes: Sequence[str | None], reasons: Sequence[str | None]) -> bool:
    """Whether a coded group's exact count (or that of a group hidden as ALL_OR_NONE) can be worked out from the
    line's total (all students, or a row's figure on another screen) and the groups shown exactly. The unknown
    groups' counts add up to a known sum T, each within its range [lo, hi]; group i can then only be between
    max(lo_i, T − the others' his) and min(hi_i, T − the others' los), and it is pinned when that is one count."""
    unknown = {i: _range(*counts[i], None if reasons[i] else codes[i]) for i in range(len(counts))
               if codes[i] or reasons[i]}
    total = round(sum(counts[i][0] for i in unknown))
    low, high = sum(lo for lo, _ in unknown.values()), sum(hi for _, hi in unknown.values())
    for i, (lo, hi) in unknown.items():
        if (codes[i] or reasons[i] == ALL_OR_NONE) and max(lo, total - (high - hi)) == min(hi, total - (low - lo)):
            return True
    return False


def top_bottom_code(counts: Sequence[tuple[float, int]], reasons: Sequence[str | None],
                    below_n: int = CODING_BELOW_N) -> tuple[tuple[str | None, ...], tuple[str | None, ...]]:
    """Top/bottom coding for one breakdown: each group's (students meeting, students) and suppression's reasons
    in, each group's code (TOP, BOTTOM or None) and the reasons again out, with ALL_OR_NONE and COMPLEMENT added
    where needed.

    A coded group shows no exact value, gap or interval: a gap, an interval or a count of students meeting would
    give the value back. A group whose code leaves a single possible count (20 students or fewer: above 95% is
    then all of them, below 5% none) is hidden instead (ALL_OR_NONE), since its code would be its exact value.

    The complement question: all students' figure is shown, and so is every other group's with its size, so
    with exactly one coded (or ALL_OR_NONE) group and nothing else hidden, its count is the total minus the rest:
    recoverable, and the complement rule is needed. With several coded or hidden groups only their sum is known,
    which pins one of them only in corners (say two coded groups that both have everyone meeting: their sum is
    then the most their ranges allow). So, as suppression does, the smallest exactly shown group is hidden too
    (COMPLEMENT), repeatedly, only while some coded group can still be worked out; when a group is already hidden
    and the sum leaves room, nothing more is hidden."""
    codes: list[str | None] = []
    out = list(reasons)
    for i, ((s, n), reason) in enumerate(zip(counts, reasons, strict=True)):
        coded = None if reason else code(s, n, below_n)
        lo, hi = _range(s, n, coded)
        if coded and lo == hi:
            coded, out[i] = None, ALL_OR_NONE
        codes.append(coded)
    while _pinned(counts, codes, out):
        exact = [i for i in range(len(counts)) if not codes[i] and not out[i]]
        if not exact:
            break
        out[min(exact, key=lambda i: counts[i][1])] = COMPLEMENT
    return tuple(codes), tuple(out)


def top_bottom_code_table(counts: dict[tuple, tuple[float, int]], reasons: dict[tuple, str | None],
                          below_n: int = CODING_BELOW_N) -> tuple[dict[tuple, str | None], dict[tuple, str | None]]:
    """The same for a two-way table, along every row and every column (a row's total is a group's figure on the
    one-dimension screen), repeated until no line lets a coded cell be worked out."""
    out = dict(reasons)

    def settle(line: list[tuple]) -> bool:
        found = top_bottom_code([counts[c] for c in line], [out[c] for c in line], below_n)[1]
        changed = [cell for cell, reason in zip(line, found, strict=True) if reason != out[cell]]
        out.update({cell: reason for cell, reason in zip(line, found, strict=True)})
        return bool(changed)

    _every_line(list(counts), settle)
    return {cell: None if out[cell] else code(*counts[cell], below_n) for cell in counts}, out
