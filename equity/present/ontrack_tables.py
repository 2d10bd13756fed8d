"""The graduation of an entering cohort's on-track and off-track 9th graders, as the screen shows it."""

from equity.plans.ontrack import Graduation
from equity.present.tables import COUNT, TEXT, VALUE, Column, Table
from equity.words.i18n import t
from equity.words.labels import hidden_note
from equity.words.numbers import count


def graduation_table(found: Graduation, min_n: int) -> Table:
    """One row for the on-track students and one for the off-track ones: students with a graduation value in a
    later term and the share who graduated; a hidden row says why."""
    columns = (Column(t("ontrack.column_status")), Column(t("ontrack.column_students"), COUNT),
               Column(t("ontrack.column_graduated"), VALUE, "%"), Column(t("column.note"), TEXT))
    rows = tuple((t(key), n, share, hidden_note(why, min_n) if why else "")
                 for key, (n, share, why) in (("ontrack.on", found.on_track), ("ontrack.off", found.off_track)))
    if found.no_record is None:
        notes = (t("ontrack.no_record_hidden", min_n=min_n),)
    else:
        notes = (t("ontrack.no_record", count=count(found.no_record)),) if found.no_record else ()
    return Table(columns, rows, (*notes, t("report.rule", min_n=min_n)))
