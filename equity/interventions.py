"""The intervention and decision log: what a team diagnosed, designed, implemented and reflected on, when,
for which group and goal, and what happened, kept beside the figures so a trend can be read against it."""

from dataclasses import asdict, dataclass, replace
from datetime import date

import pandas as pd

from equity import records, terms
from equity.export import to_csv

STAGES = ("diagnose", "design", "implement", "reflect")
STORE = records.Store("log")


@dataclass(frozen=True)
class Entry:
    date: str                 # ISO yyyy-mm-dd
    stage: str
    title: str
    group: str = ""           # the group it concerns, in words; "" for all students
    goal_id: str = ""
    owner: str = ""
    decision: str = ""        # what was decided or changed
    result: str = ""          # what happened
    id: str = ""
    revision: int = 0

    @property
    def day(self) -> date:
        return date.fromisoformat(self.date)

    def problems(self) -> list[str]:
        found = []
        if not self.title.strip():
            found.append("Give the entry a title.")
        if self.stage not in STAGES:
            found.append(f"The stage must be one of: {', '.join(STAGES)}.")
        try:
            date.fromisoformat(self.date)
        except (TypeError, ValueError):
            found.append(f"'{self.date}' is not a date (write it as 2025-09-15).")
        return found


@dataclass(frozen=True)
class Marker:
    """An entry placed on a chart's term axis (see terms.position)."""

    x: float
    date: str
    stage: str
    title: str


def load() -> tuple[tuple[Entry, ...], tuple[records.Problem, ...]]:
    """Every entry, newest first, and a problem for each entry file that could not be read."""
    listing = STORE.all()
    entries, problems = [], list(listing.problems)
    for record in listing.records:
        try:
            entry = records.build(Entry, record.data, id=record.id, revision=record.revision)
            date.fromisoformat(entry.date)
            entries.append(entry)
        except (KeyError, TypeError, ValueError) as problem:
            problems.append(records.Problem(STORE.path(record.id), f"Log entry {record.id} could not be read "
                                                                  f"({type(problem).__name__}); it was left as it is."))
    return tuple(sorted(entries, key=lambda e: (e.date, e.id), reverse=True)), tuple(problems)


def save(entry: Entry) -> Entry:
    """Add a new entry, or replace the stored one this entry was read from (refused if it changed since)."""
    wrong = entry.problems()
    if wrong:
        raise ValueError(" ".join(wrong))
    data = asdict(entry)
    data.pop("id"), data.pop("revision")
    record = STORE.update(entry.id, data, entry.revision) if entry.id else STORE.add(data)
    return replace(entry, id=record.id, revision=record.revision)


def delete(entry: Entry) -> None:
    STORE.delete(entry.id)


def select(entries: tuple[Entry, ...], stages: tuple[str, ...] = (), goal_id: str = "", group: str = "",
           text: str = "") -> tuple[Entry, ...]:
    """The entries matching every filter given: any of the stages, the goal, the group, words anywhere."""
    words = text.casefold().split()

    def keep(e: Entry) -> bool:
        haystack = " ".join((e.title, e.group, e.owner, e.decision, e.result)).casefold()
        return ((not stages or e.stage in stages) and (not goal_id or e.goal_id == goal_id)
                and (not group or e.group == group) and all(w in haystack for w in words))
    return tuple(e for e in entries if keep(e))


def markers(entries: tuple[Entry, ...], axis: tuple[str, ...]) -> tuple[Marker, ...]:
    """The entries that fall inside the chart's terms, placed between the measurements they came between."""
    placed = []
    for e in entries:
        x = terms.position(e.day, axis)
        if x is not None:
            placed.append(Marker(x, e.date, e.stage, e.title))
    return tuple(placed)


def frame(entries: tuple[Entry, ...], goal_titles: dict[str, str]) -> pd.DataFrame:
    """The log as a table, as shown and exported."""
    return pd.DataFrame([{
        "Date": e.date, "Stage": e.stage, "Title": e.title, "Group": e.group or "All students",
        "Goal": goal_titles.get(e.goal_id, "") if e.goal_id else "", "Owner": e.owner,
        "Decided or changed": e.decision, "What happened": e.result,
    } for e in entries], columns=["Date", "Stage", "Title", "Group", "Goal", "Owner", "Decided or changed",
                                  "What happened"])


def export_csv(entries: tuple[Entry, ...], goal_titles: dict[str, str]) -> bytes:
    return to_csv(frame(entries, goal_titles))
