"""The indicators a user chose for a dataset's scorecard, and the status × change cut points they set for
any of them, kept in the workspace so the same scorecard comes
back after a restart: one JSON file per dataset (named by a hash of the dataset's name, which is also stored
inside), in the workspace's entry format (`records`: format, id, revision, data), so a workspace export
carries it and an import keeps the later revision. A save replaces the file atomically under the entry's
lock: two windows saving the same dataset's choice at once each write a whole file, the later one wins, and
no reader ever sees half a file. A damaged file, or one from a newer version of the app, is reported and left
as it is until the user saves a new choice; the scorecard then shows its defaults.
"""

import hashlib
import json
from collections.abc import Mapping as Lookup
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from equity.data.mapping import Mapping
from equity.data.profile import ColumnProfile
from equity.model.dimensions import DIMENSIONS
from equity.model.groups import Grouping
from equity.model.rules import Rule
from equity.plans.scorecard import LAGGING, LEADING, METHODS, Indicator, default_indicators
from equity.plans.status_grid import Cuts
from equity.store import records, workspace
from equity.words.i18n import t

FOLDER = "scorecards"
RULE_KINDS = ("threshold", "boolean", "categories", "mean")


class ScorecardFileError(Exception):
    """A saved scorecard that cannot be used, worded for the person using the app."""


@dataclass(frozen=True)
class Saved:
    indicators: tuple[Indicator, ...]
    cuts: dict[str, Cuts] = field(default_factory=dict)    # by indicator label; only those the user changed


def path(dataset: str) -> Path:
    digest = hashlib.sha256(dataset.encode("utf-8")).hexdigest()[:32]
    return workspace.root() / FOLDER / f"{digest}.json"


def to_data(indicator: Indicator) -> dict:
    rule = indicator.rule
    return {"label": indicator.label, "key": indicator.key, "outcome": indicator.outcome,
            "outcome_label": indicator.outcome_label,
            "rule": {"kind": rule.kind, "threshold": rule.threshold, "categories": list(rule.categories)},
            "grouping": [indicator.grouping.first, indicator.grouping.second], "kind": indicator.kind,
            "higher_is_better": indicator.higher_is_better, "method": indicator.method}


def from_data(data: dict) -> Indicator:
    """An indicator from its stored fields; ValueError, KeyError or TypeError when they do not make one."""
    rule, (first, second) = data["rule"], data["grouping"]
    if rule["kind"] not in RULE_KINDS or data["kind"] not in (LEADING, LAGGING) or data["method"] not in METHODS:
        raise ValueError("unknown rule, type or method")
    if first not in DIMENSIONS or (second is not None and second not in DIMENSIONS):
        raise ValueError("unknown dimension")
    threshold = None if rule["threshold"] is None else float(rule["threshold"])
    return Indicator(str(data["label"]), str(data["outcome"]), str(data["outcome_label"]),
                     Rule(rule["kind"], threshold, tuple(str(c) for c in rule["categories"])),
                     Grouping(first, second), data["kind"], bool(data["higher_is_better"]), data["method"],
                     str(data.get("key", "")))


def cuts_to_data(cuts: Lookup[str, Cuts]) -> dict:
    return {label: {"status": list(c.status), "change": list(c.change)} for label, c in cuts.items()}


def cuts_from_data(data: dict) -> dict[str, Cuts]:
    """Cut points from their stored form; ValueError when a set is not four ascending numbers."""
    found = {}
    for label, item in data.items():
        cuts = Cuts(tuple(float(v) for v in item["status"]), tuple(float(v) for v in item["change"]))
        if cuts.problem():
            raise ValueError("cut points not ascending")
        found[str(label)] = cuts
    return found


def save(dataset: str, indicators: Sequence[Indicator], cuts: Lookup[str, Cuts] | None = None) -> Path:
    """Keep the choice for `dataset` (indicators, and cut points by indicator label), replacing the one saved
    before (a damaged one too)."""
    target = path(dataset)
    with records.locked(target):
        try:
            revision = records.parse(target, target.read_text(encoding="utf-8")).revision
        except (OSError, records.WorkspaceError):
            revision = 0
        envelope = {"format": records.FORMAT, "id": target.stem, "revision": revision + 1,
                    "data": {"dataset": dataset, "indicators": [to_data(i) for i in indicators],
                             "cuts": cuts_to_data(cuts or {})}}
        workspace.write_atomic(target, json.dumps(envelope, indent=1, ensure_ascii=False))
    return target


def load(dataset: str) -> Saved | None:
    """The choice saved for `dataset`, or None when there is none; ScorecardFileError (in the reader's words) when the
    file cannot be read or used."""
    target = path(dataset)
    try:
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as problem:
        raise ScorecardFileError(t("scorecard.store.unreadable", file=target.name,
                                   reason=problem.strerror or type(problem).__name__)) from None
    damaged = ScorecardFileError(t("scorecard.store.damaged", file=target.name))
    try:
        version = int(json.loads(text)["format"])
    except (ValueError, KeyError, TypeError):
        raise damaged from None
    if version > records.FORMAT:
        raise ScorecardFileError(t("scorecard.store.newer", file=target.name))
    try:
        data = records.parse(target, text).data
        if data["dataset"] != dataset:
            return None                         # another dataset's name with the same hash prefix
        return Saved(tuple(from_data(item) for item in data["indicators"]), cuts_from_data(data.get("cuts", {})))
    except (records.WorkspaceError, ValueError, KeyError, TypeError):
        raise damaged from None


def clear(dataset: str) -> None:
    """Forget the choice for `dataset`: its scorecard goes back to the defaults."""
    path(dataset).unlink(missing_ok=True)


def chosen(dataset: str, mapping: Mapping, profiles: Sequence[ColumnProfile]) -> tuple[Saved, str | None]:
    """The scorecard for `dataset`: the saved choice, else the default indicators with their default cut
    points, and why a saved choice could not be used (None when nothing went wrong)."""
    try:
        saved = load(dataset)
    except ScorecardFileError as problem:
        return Saved(default_indicators(mapping, profiles)), str(problem)
    return (saved if saved is not None else Saved(default_indicators(mapping, profiles))), None
