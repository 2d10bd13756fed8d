"""A constructed district for the accountability tests: two terms, race and special education, chronic
absence and suspension, with every figure small enough to work out by hand (tests/plans/test_accountability.py
works them out). All students with an IEP are Hispanic, so the two groups share their figures."""

from equity.app.session import Workbench
from equity.model.groups import Grouping
from equity.model.rules import Rule
from equity.plans import scorecard as sc
from tests.files import csv_bytes

CHRONIC = sc.Indicator("Chronic absence", "chronic_absent", "Chronic Absent", Rule("boolean"), Grouping("race"),
                       sc.LEADING, False, sc.GAP, "chronic_absence")
SUSPENSION = sc.Indicator("Suspensions", "suspended", "Suspended", Rule("boolean"), Grouping("race"), sc.LEADING,
                          False, sc.RISK_RATIO, "suspensions")

# (term, race, IEP, students, chronically absent, suspended)
PLAN = [("2023-24", "White", "N", 60, 3, 1), ("2023-24", "Black", "N", 30, 3, 2),
        ("2023-24", "Hispanic", "Y", 40, 4, 2), ("2023-24", "Asian", "N", 8, 0, 0),
        ("2023-24", "American Indian or Alaska Native", "N", 6, 0, 0),
        ("2024-25", "White", "N", 60, 3, 1), ("2024-25", "Black", "N", 30, 3, 4),
        ("2024-25", "Hispanic", "Y", 40, 10, 4),
        ("2024-25", "Asian", "N", 8, 0, 0), ("2024-25", "American Indian or Alaska Native", "N", 6, 0, 0),
        ("2024-25", "Two or more races", "N", 12, 1, 0)]
HEADERS = ["Student ID", "School Year", "Race", "IEP", "Chronic Absent", "Suspended"]


def district_csv() -> bytes:
    """PLAN as a file: one row per student and term, Y/N flags."""
    rows, i = [HEADERS], 0
    for term, race, iep, n, chronic, suspended in PLAN:
        for k in range(n):
            rows.append([f"{i:04d}", term, race, iep, "Y" if k < chronic else "N", "Y" if k < suspended else "N"])
            i += 1
    return csv_bytes(rows)


def district_bench() -> Workbench:
    """A session with the district loaded under its proposed mapping."""
    bench = Workbench()
    bench.confirm(bench.upload(district_csv(), "district.csv").proposal)
    return bench
