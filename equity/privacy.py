"""Small-group suppression: the rule every view and export applies before a figure is shown.

A group with fewer than `min_n` students shows nothing. When exactly one group of a breakdown is hidden,
the next smallest is hidden too, so the hidden figure cannot be recovered from the total and the rest.
"""

from collections.abc import Sequence
from dataclasses import dataclass

DEFAULT_MIN_N = 10


@dataclass(frozen=True)
class Preset:
    """A privacy setting users recognise. `name` and `note` are the English text; `label` and `explanation`
    give them in the reader's language from the catalogue (`preset.<key>.name`, `preset.<key>.note`)."""

    name: str
    min_n: int
    note: str
    key: str = "default"
    colour_min_n: int = 0        # shown groups smaller than this get no colour (the California Dashboard's 30)

    def label(self, lang: str = "en") -> str:
        return _text(f"preset.{self.key}.name", lang)

    def explanation(self, lang: str = "en") -> str:
        return _text(f"preset.{self.key}.note", lang)

    def colours(self, n: int) -> bool:
        """Whether a shown group of n students may be coloured as flagged (else it is drawn neutral)."""
        return coloured(n, self.colour_min_n)


def coloured(n: int, colour_min_n: int) -> bool:
    """A group is coloured when it has at least `colour_min_n` students (0: every shown group)."""
    return n >= colour_min_n


def _text(key: str, lang: str) -> str:
    from equity.i18n import t  # here, not at the top: equity.i18n imports metrics, which imports this module
    return t(key, lang)


PRESETS = (
    Preset("Default (n < 10 hidden)", 10, "Groups of fewer than 10 students are hidden.", "default"),
    Preset("California Dashboard (n < 11 hidden)", 11,
           "Groups of fewer than 11 students are hidden; groups of fewer than 30 get no colour.", "california", 30),
    Preset("IDEA disproportionality (n-size 30)", 30, "Groups of fewer than 30 students are hidden.", "idea"),
    Preset("Survey tools (n < 5 hidden)", 5, "Groups of fewer than 5 respondents are hidden.", "survey"),
)

SMALL = "small"              # reasons a figure is hidden
COMPLEMENT = "complement"


def suppress(ns: Sequence[int], min_n: int = DEFAULT_MIN_N) -> tuple[str | None, ...]:
    """For each group size, why it is hidden (SMALL, COMPLEMENT) or None when it can be shown."""
    reasons: list[str | None] = [SMALL if n < min_n else None for n in ns]
    if reasons.count(SMALL) == 1 and len(ns) > 1:
        shown = [i for i, reason in enumerate(reasons) if reason is None]
        if shown:
            reasons[min(shown, key=lambda i: ns[i])] = COMPLEMENT
    return tuple(reasons)


def why_hidden(reason: str | None, min_n: int) -> str:
    """The note shown beside a hidden figure."""
    if reason == SMALL:
        return f"Hidden: fewer than {min_n} students."
    if reason == COMPLEMENT:
        return "Hidden so that a smaller hidden group cannot be worked out from the total."
    return ""


def suppress_table(ns: dict[tuple, int], min_n: int = DEFAULT_MIN_N) -> dict[tuple, str | None]:
    """Suppression for a two-way table: small cells, then the complementary rule along every row and
    every column, repeated until no row or column has exactly one hidden cell."""
    reasons: dict[tuple, str | None] = {cell: SMALL if n < min_n else None for cell, n in ns.items()}
    changed = True
    while changed:
        changed = False
        for axis in (0, 1):
            for line in {cell[axis] for cell in ns}:
                cells = [c for c in ns if c[axis] == line]
                hidden = [c for c in cells if reasons[c]]
                shown = [c for c in cells if not reasons[c]]
                if len(hidden) == 1 and shown:
                    reasons[min(shown, key=lambda c: ns[c])] = COMPLEMENT
                    changed = True
    return reasons
