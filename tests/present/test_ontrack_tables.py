"""Graduation by group as its CSV export writes it: hidden rows without figures, each saying why."""

import csv
import io

from equity.app.session import Workbench
from equity.model.dimensions import DIMENSIONS
from equity.plans.ontrack import GroupGraduation
from equity.present.ontrack_tables import graduation_group_table
from equity.stats.privacy import COMPLEMENT, SMALL


def test_graduation_by_group_as_csv():
    found = (GroupGraduation("Hispanic/Latino", (7, 100 * 6 / 7, None), (5, 20.0, None)),
             GroupGraduation("White", (None, None, COMPLEMENT), (None, None, SMALL)))
    table = graduation_group_table(found, DIMENSIONS["race"], 5)
    text = Workbench.table_file(table, "Who graduated, by race/ethnicity", "csv").decode("utf-8-sig")
    rows = [r for r in csv.reader(io.StringIO(text)) if len(r) == 5]
    assert rows[0] == ["Group", "In 9th grade", "Students with a later record", "Graduated", "Note"]
    assert [r[:4] for r in rows[1:]] == [["Hispanic/Latino", "On track", "7", "85.7143"],
                                         ["Hispanic/Latino", "Off track", "5", "20.0"],
                                         ["White", "On track", "", ""], ["White", "Off track", "", ""]]
    assert rows[1][4] == rows[2][4] == "" and rows[3][4] and rows[4][4] == "Hidden: fewer than 5 students."
