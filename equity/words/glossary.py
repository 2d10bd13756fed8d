"""The technical terms the screens, exports and command line use, each explained in one place: its name, a
one-line meaning for a setting's help (ⓘ) and a paragraph for the glossary page, in the reader's language. The
anchor is the term's address on the glossary page, so every mention can point to the same paragraph."""

from dataclasses import dataclass

from equity.words.i18n import t

ANCHORS = ("gap", "n_size", "cell_size", "suppression", "not_reported", "risk", "risk_ratio", "alternate_risk_ratio",
           "composition_index", "disproportionality", "idea", "interval", "beyond_chance", "ppg",
           "proportionality_index", "index_80", "effect_size",
           "top_bottom_coding", "chronic_absence", "matched_cohort", "conditional_percentile", "on_track",
           "early_warning")

FLAG_RULES = {"newcombe": "interval", "ppg": "ppg", "pi": "proportionality_index", "80": "index_80"}
# each rule for flagging gaps (by its command-line name) and the term that explains it


@dataclass(frozen=True)
class Term:
    anchor: str
    name: str
    meaning: str
    paragraph: str


def term(anchor: str) -> Term:
    """One term in the reader's language (an unknown anchor is a programming error and raises KeyError)."""
    if anchor not in ANCHORS:
        raise KeyError(anchor)
    return Term(anchor, *(t(f"glossary.{anchor}.{part}") for part in ("name", "short", "text")))


def terms() -> list[Term]:
    """Every term, in the order the glossary page explains them (each builds on the ones before)."""
    return [term(anchor) for anchor in ANCHORS]


def explain(*anchors: str, before: str = "") -> str:
    """A setting's help: what it does (`before`, when it says more than the term), then each term's one-line
    meaning and the glossary heading where the term is explained in full."""
    found = [t("glossary.see", meaning=term(a).meaning, term=term(a).name) for a in anchors]
    return " ".join(part for part in (before, *found) if part)
