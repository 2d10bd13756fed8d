"""The graduation of an entering cohort's on-track and off-track 9th graders, overall and by group, as the screen
and its exports show it."""

from collections.abc import Sequence

from equity.model.dimensions import Dimension
from equity.plans.ontrack import Figures, Graduation, GroupGraduation
from equity.present.tables import COUNT, TEXT, VALUE, Column, Table
from equity.words.i18n import t
from equity.words.labels import group_label, hidden_note
from equity.words.numbers import count


def graduation_table(found: Graduation, min_n: int) -> Table:
    """One row for the on-track students and one for the off-track ones: students with a graduation value in a
    later term and the share who graduated; a hidden row says why."""
    rows = tuple((t(key), *_figures(figures, min_n))
                 for key, figures in (("ontrack.on", found.on_track), ("ontrack.off", found.off_track)))
    if found.no_record is None:
        notes = (t("ontrack.no_record_hidden", min_n=min_n),)
    else:
        notes = (t("ontrack.no_record", count=count(found.no_record)),) if found.no_record else ()
    return Table(_columns(), rows, (*notes, t("report.rule", min_n=min_n)))


def graduation_group_table(found: Sequence[GroupGraduation], dimension: Dimension, min_n: int) -> Table:
    """`graduation_table`'s two rows for each group of `dimension`, the group named first."""
    rows = tuple((group_label(dimension, group.key), t(key), *_figures(figures, min_n)) for group in found
                 for key, figures in (("ontrack.on", group.on_track), ("ontrack.off", group.off_track)))
    return Table((Column(t("column.group")), *_columns()), rows, (t("report.rule", min_n=min_n),))


def _figures(figures: Figures, min_n: int) -> tuple:
    n, share, why = figures
    return n, share, hidden_note(why, min_n)


def _columns() -> tuple[Column, ...]:
    return (Column(t("ontrack.column_status")), Column(t("ontrack.column_students"), COUNT),
            Column(t("ontrack.column_graduated"), VALUE, "%"), Column(t("column.note"), TEXT))

