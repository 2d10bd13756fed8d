"""Files of published counts, made in code following the CRDC public-use file layout: identifying columns
(LEA_STATE, LEAID, LEA_NAME, SCHID, SCH_NAME, COMBOKEY), then per measure one column per race and sex
(`SCH_ENR_HI_M` ... `SCH_ENR_TR_F`, race codes HI AM AS HP BL WH TR, sex M F), the totals by sex (`TOT_ENR_M`) and
the program columns by sex (`SCH_ENR_LEP_M`, `SCH_ENR_504_M`, `SCH_ENR_IDEA_M`). Discipline is split between
students without disabilities (`SCH_DISCWODIS_ISS_BL_M`) and students served under IDEA
(`SCH_DISCWDIS_ISS_IDEA_BL_M`). A cell the collection suppresses holds a negative reserve code (-2, -9).
"""

from tests.files import csv_bytes

RACES = ("HI", "AM", "AS", "HP", "BL", "WH", "TR")
SEXES = ("M", "F")
ID_COLUMNS = ["LEA_STATE", "LEAID", "LEA_NAME", "SCHID", "SCH_NAME", "COMBOKEY"]

# Two fictional schools: per (race, sex), enrollment and in-school suspensions (without disabilities, under IDEA).
# Baker's Hispanic girls' count is suppressed (-2), so their 15 students have no known count.
SCHOOLS = {
    "Adams Elementary": {("BL", "M"): (30, 8, 2), ("BL", "F"): (30, 5, 1), ("WH", "M"): (40, 3, 1),
                         ("WH", "F"): (40, 2, 0), ("HI", "M"): (20, 4, 1), ("HI", "F"): (20, 2, 0)},
    "Baker Middle": {("BL", "M"): (25, 6, 2), ("BL", "F"): (25, 4, 0), ("WH", "M"): (50, 3, 1),
                     ("WH", "F"): (50, 2, 1), ("HI", "M"): (15, 3, 0), ("HI", "F"): (15, "-2", 1)},
}


def _number(value) -> int:
    return value if isinstance(value, int) else 0


def crdc_rows(schools: dict = SCHOOLS) -> list[list]:
    """The header and one row per school of a CRDC-style school file (enrollment and in-school suspensions)."""
    def by_race(prefix: str) -> list[str]:
        return [f"{prefix}_{race}_{sex}" for race in RACES for sex in SEXES]

    header = [*ID_COLUMNS, *by_race("SCH_ENR"), "TOT_ENR_M", "TOT_ENR_F", "SCH_ENR_LEP_M", "SCH_ENR_LEP_F",
              "SCH_ENR_504_M", "SCH_ENR_504_F", "SCH_ENR_IDEA_M", "SCH_ENR_IDEA_F",
              *by_race("SCH_DISCWODIS_ISS"), "TOT_DISCWODIS_ISS_M", "TOT_DISCWODIS_ISS_F",
              "SCH_DISCWODIS_ISS_LEP_M", "SCH_DISCWODIS_ISS_LEP_F", "SCH_DISCWODIS_ISS_504_M",
              "SCH_DISCWODIS_ISS_504_F", *by_race("SCH_DISCWDIS_ISS_IDEA"), "TOT_DISCWDIS_ISS_IDEA_M",
              "TOT_DISCWDIS_ISS_IDEA_F"]
    rows = [header]
    for i, (name, cells) in enumerate(schools.items(), start=1):
        parts = [[cells.get((race, sex), (0, 0, 0))[part] for race in RACES for sex in SEXES] for part in range(3)]
        totals = [[sum(_number(cells.get((race, sex), (0, 0, 0))[part]) for race in RACES) for sex in SEXES]
                  for part in range(3)]
        lea, school = "0100005", f"{i:05d}"
        rows.append(["AL", lea, "Fictional County Schools", school, name, lea + school,
                     *parts[0], *totals[0], 3, 2, 1, 1, 5, 4,
                     *parts[1], *totals[1], 1, 0, 0, "-9",
                     *parts[2], *totals[2]])
    return rows


def crdc_csv(schools: dict = SCHOOLS) -> bytes:
    return csv_bytes(crdc_rows(schools))


# A district's file with its total row, worked by hand (default settings: cell 10, n-size 30, min_n 10):
#                   Small School     Big School      District Total (public; more schools than these two)
#   Black           40, 12           50, 10          100, 24
#   White           20, 10           200, 10         300, 30
#   Hispanic        -                100, 5          120, 6
TOTALLED = [["School", "Race", "Enrollment", "Suspended"],
            ["Small School", "Black", "40", "12"], ["Small School", "White", "20", "10"],
            ["Big School", "Black", "50", "10"], ["Big School", "White", "200", "10"],
            ["Big School", "Hispanic", "100", "5"],
            ["District Total", "Black", "100", "24"], ["District Total", "White", "300", "30"],
            ["District Total", "Hispanic", "120", "6"]]


# A state report card in the "school, student group, number tested, number proficient" shape, with group names
# as state files spell them (tests/data/test_count_layouts.py lists where each is from). Each kind of group adds
# up to its school's All Students row, worked by hand:
#                                    Lincoln High     Roosevelt Middle   Both
#   All Students                     200, 100         100, 40            300, 140   (46.67%)
#   Black / White / Hispanic         80,28 90,57 30,15  50,15 50,25 -    Black 130,43; White 140,82
#   Economically Disadvantaged       120, 42          60, 18             180, 60    (33.33%)
#   Not Econ Disadv                  80, 58           40, 22             120, 80    (66.67%)
#   English Learners / Non-English   20,4 / 180,96    10,2 / 90,38       30,6 / 270,134
#   SWD / Students without IEP       30,6 / 170,94    20,4 / 80,36       50,10 / 250,130
#   Female / Male                    100,55 / 100,45  50,22 / 50,18      150,77 / 150,63
#   Migrant (no dimension: set aside) 5, 1
REPORT_CARD_GROUPS = [["School Name", "Student Group", "Number Tested", "Number Proficient"]] + [
    [school, group, str(tested), str(proficient)] for school, rows in {
        "Lincoln High": [("All Students", 200, 100), ("Black or African American", 80, 28), ("White", 90, 57),
                         ("Hispanic", 30, 15), ("Economically Disadvantaged", 120, 42),
                         ("Not Econ Disadv", 80, 58), ("English Learners", 20, 4),
                         ("Non-English Learner", 180, 96), ("SWD", 30, 6), ("Students without IEP", 170, 94),
                         ("Female", 100, 55), ("Male", 100, 45), ("Migrant", 5, 1)],
        "Roosevelt Middle": [("All Students", 100, 40), ("Black or African American", 50, 15), ("White", 50, 25),
                             ("Economically Disadvantaged", 60, 18), ("Not Econ Disadv", 40, 22),
                             ("English Learners", 10, 2), ("Non-English Learner", 90, 38), ("SWD", 20, 4),
                             ("Students without IEP", 80, 36), ("Female", 50, 22), ("Male", 50, 18)],
    }.items() for group, tested, proficient in rows]
