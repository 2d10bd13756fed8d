"""The intervention and decision log: what a team diagnosed, designed, implemented and reflected on, when,
for which group and goal, and what happened, kept beside the figures so a trend can be read against it."""

from dataclasses import asdict, dataclass, replace
from datetime import date

import duckdb

from equity.data.normalize import NOT_REPORTED
from equity.model import terms
from equity.model.dimensions import DIMENSIONS, GAP_DIMENSIONS
from equity.model.filters import FLAG_KEYS
from equity.present.tables import Column, Table
from equity.sources.cube import filter_options as options
from equity.store import records
from equity.words.i18n import t
from equity.words.labels import group_label

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
        """What makes this entry unusable, in the reader's words; empty when it is sound."""
        found = []
        if not self.title.strip():
            found.append(t("log.problem_title"))
        if self.stage not in STAGES:
            found.append(t("log.problem_stage", stages=", ".join(stage_label(s) for s in STAGES)))
        try:
            date.fromisoformat(self.date)
        except (TypeError, ValueError):
            found.append(t("log.problem_date", date=self.date))
        return found


def stage_label(stage: str) -> str:
    """A stage in words ('diagnose' is stored, 'Diagnose' / 'Diagnóstico' shown); unknown stages as stored."""
    return t(f"log.stage_{stage}") if stage in STAGES else stage


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
            problems.append(records.Problem(STORE.path(record.id), t("log.unreadable", id=record.id,
                                                                                   error=type(problem).__name__)))
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


COLUMNS = ("date", "stage", "title", "group", "goal", "owner", "decision", "result")


def group_names(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Every reported group in the loaded data, for the 'concerns' pickers: the words an entry stores (as in
    English, so entries read the same in any language) -> the words shown to the reader."""
    found = options(con)
    names: dict[str, str] = {}
    for field in GAP_DIMENSIONS:
        dim = DIMENSIONS[field]
        for value in found.get(field, ()):
            key = FLAG_KEYS[value] if dim.flag else value
            if key is not None and key != NOT_REPORTED:
                names.setdefault(dim.group_label(key), group_label(dim, key))
    return names


def table(entries: tuple[Entry, ...], goal_titles: dict[str, str], group_names: dict[str, str] | None = None
          ) -> Table:
    """The log as the screen shows it and its download writes it, headed in the reader's language. Stages are put
    into words; a group is shown by `group_names` (stored words -> words shown) when it has an entry there, else as
    stored; titles and notes stay as typed; a field left empty is an empty cell (the screen's dash)."""
    names = group_names or {}
    return Table(tuple(Column(t(f"log.column_{c}")) for c in COLUMNS), tuple((
        e.date, stage_label(e.stage), e.title, names.get(e.group, e.group) if e.group else t("compare.all_title"),
        goal_titles.get(e.goal_id) or None, e.owner or None, e.decision or None, e.result or None)
        for e in entries))
