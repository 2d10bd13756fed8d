"""What pages keep on this machine, grouped by the page that keeps it: saved datasets and the workspace folder
(`Shelf`), goals and what the goal form proposes (`GoalBook`), the intervention log (`LogBook`). The session
(equity.app.session.Workbench) hands out one of each; none holds state, and none reads the loaded data."""

from pathlib import Path

from equity.plans import goals, interventions
from equity.plans.goals import Evaluation
from equity.plans.interventions import Entry
from equity.stats.trends import split_key
from equity.store import archive, library, workspace
from equity.store.library import SavedDataset
from equity.words.messages import Text


class Shelf:
    """Saved datasets and the workspace they are kept in (the saved-data page)."""

    catalogue = staticmethod(library.catalogue)          # every saved dataset, and a problem for each unreadable one
    overlaps = staticmethod(library.overlaps)            # what opening these together would count twice
    open_at_start = staticmethod(library.remember_startup)   # these open when the app starts (none: the sample)
    rename = staticmethod(library.rename)
    export_archive = staticmethod(archive.export_workspace)     # the whole workspace as one file
    import_archive = staticmethod(archive.import_workspace)

    @staticmethod
    def delete(entry: SavedDataset) -> None:
        """Delete a saved dataset; it no longer opens at start."""
        library.delete(entry)
        if entry.id in library.startup():
            library.remember_startup(tuple(i for i in library.startup() if i != entry.id))

    @staticmethod
    def layout() -> tuple[tuple[str, Text], ...]:
        """Folder and what it holds, for the note of what is stored where."""
        return workspace.LAYOUT

    @staticmethod
    def folder() -> tuple[Path, str]:
        """The workspace folder and the environment variable that moves it."""
        return workspace.root().resolve(), workspace.ENV


class GoalBook:
    """Saved goals, and what the goal form proposes (the goals page and its form)."""

    load = staticmethod(goals.load)                      # every saved goal, and a problem for each unreadable one
    save = staticmethod(goals.save)
    delete = staticmethod(goals.delete)
    describe = staticmethod(goals.describe)
    draft = staticmethod(goals.labelled)                 # a goal being filled in, with its outcome's and groups' names
    halve_target = staticmethod(goals.halve_target)
    suggested_target = staticmethod(goals.suggested_target)
    default_direction = staticmethod(goals.default_direction)

    @staticmethod
    def split_group_key(key: str) -> tuple[str, str]:
        """A goal group's key as text -> the group and the crossed group ('' when not crossed)."""
        group, *rest = split_key(key)
        return group, rest[0] if rest else ""


class LogBook:
    """The intervention and decision log (the log page, and the goals page's entries)."""

    load = staticmethod(interventions.load)              # every entry, newest first, and a problem for each unreadable
    save = staticmethod(interventions.save)
    delete = staticmethod(interventions.delete)
    table = staticmethod(interventions.table)            # as the screen shows it and its CSV writes it

    @staticmethod
    def select(entries: tuple[Entry, ...], stages: tuple[str, ...] = (), goal_id: str = "", group: str = "",
               text: str = "", whole_school: bool = False) -> tuple[Entry, ...]:
        """The entries matching every filter given; with `whole_school` only those about all students."""
        chosen = interventions.select(entries, stages, goal_id, group, text)
        return tuple(e for e in chosen if not e.group) if whole_school else chosen

    @staticmethod
    def about(entries: tuple[Entry, ...], evaluation: Evaluation, axis: tuple[str, ...]
              ) -> tuple[tuple[Entry, ...], tuple[interventions.Marker, ...]]:
        """The entries about a goal, and those placed on its chart's term axis."""
        linked = interventions.select(entries, goal_id=evaluation.goal.id)
        return linked, interventions.markers(linked, axis)
