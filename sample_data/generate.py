"""Generate the fictional sample district shipped with the dashboard.

Run ``python sample_data/generate.py``. It rewrites the CSV and XLSX files next
to this script. A fixed seed and fixed file metadata make every run
byte-identical, so the committed files can be regenerated and diffed.

Every student, school and name is invented. The data is deliberately messy in
the ways real student information system (SIS) exports are (spelling
variants, blanks, codes such as ``EX``) so the app's cleaning code has
something to do, and it carries plausible equity gaps so the dashboards have
something to show.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

SEED = 20250630
OUT_DIR = Path(__file__).resolve().parent
YEARS = ["2022-23", "2023-24", "2024-25"]
GRADES = np.arange(3, 13)
DAYS_IN_YEAR = 180

# Race codes used internally; index = code. The last one is "not reported".
RACES = np.array([
    "Hispanic/Latino",
    "White",
    "Black or African American",
    "Asian",
    "Two or More Races",
    "American Indian or Alaska Native",
    "Native Hawaiian or Other Pacific Islander",
    "",
])
HISPANIC, WHITE, BLACK, ASIAN, MULTI, AMIND, PACISL, NOT_REPORTED = range(8)
RACE_SHARE = np.array([0.35, 0.30, 0.18, 0.08, 0.06, 0.015, 0.01, 0.005])
LOW_INCOME_BY_RACE = np.array([0.72, 0.35, 0.70, 0.38, 0.45, 0.70, 0.60, 0.50])
EVER_EL_BY_RACE = np.array([0.50, 0.02, 0.05, 0.42, 0.04, 0.10, 0.20, 0.05])
# Achievement differences not explained by income (in SD units).
RACE_RESIDUAL = np.array([-0.12, 0.0, -0.20, 0.20, 0.0, -0.15, -0.10, 0.0])

# Spelling variants seen in real exports, applied to a few percent of rows.
RACE_VARIANTS = {
    HISPANIC: ["Hispanic or Latino", "HISPANIC"],
    WHITE: ["white "],
    BLACK: ["Black/African American"],
    ASIAN: ["Asian American"],
    MULTI: ["Multiracial"],
    AMIND: ["American Indian/Alaska Native"],
    PACISL: ["Native Hawaiian/Pacific Islander"],
}

ELEMENTARY = np.array(["Cedar Elementary", "Maple Grove Elementary", "Eastside Elementary"])
MIDDLE = np.array(["Hillcrest Middle", "Riverside Middle"])
HIGH = "Lincoln High"
# Neighbourhood (elementary attendance zone) depends on income, so schools
# differ in composition the way real ones do.
ZONE_P_LOW_INCOME = [0.20, 0.35, 0.45]
ZONE_P_NOT_LOW = [0.50, 0.30, 0.20]

TESTED_GRADES = [3, 4, 5, 6, 7, 8, 11]
LEVELS = np.array(["Not Met", "Nearly Met", "Met", "Exceeded"])
ELA_CUTS_Z = np.array([-1.10, -0.45, 0.35])
MATH_CUTS_Z = np.array([-0.85, -0.15, 0.55])
# The EL penalty shrinks each year: the small improving trend the dashboards
# should be able to pick up.
EL_PENALTY = np.array([0.60, 0.50, 0.40])
SCALE_PER_SD = 55
LOWEST_SCALE, HIGHEST_SCALE = 2300, 2800

INCIDENT_TYPES = np.array(["Defiance", "Disruption", "Fighting", "Tardiness", "Other"])
INCIDENT_TYPE_P = np.array([0.30, 0.28, 0.14, 0.18, 0.10])
OSS_P_BY_TYPE = np.array([0.12, 0.10, 0.45, 0.02, 0.10])

# (course, level, grades it is offered to, popularity weight)
CATALOGUE = [
    ("AP World History", "AP", (10, 11, 12), 3.0),
    ("AP Psychology", "AP", (10, 11, 12), 2.0),
    ("AP Computer Science Principles", "AP", (10, 11, 12), 1.5),
    ("AP Biology", "AP", (10, 11, 12), 2.0),
    ("AP Spanish Language", "AP", (10, 11, 12), 1.5),
    ("AP English Language", "AP", (11,), 4.0),
    ("AP US History", "AP", (11,), 3.5),
    ("AP Calculus AB", "AP", (11, 12), 2.5),
    ("AP Chemistry", "AP", (11, 12), 1.2),
    ("AP Statistics", "AP", (11, 12), 2.0),
    ("AP Environmental Science", "AP", (11, 12), 1.5),
    ("AP English Literature", "AP", (12,), 3.5),
    ("AP Calculus BC", "AP", (12,), 1.0),
    ("AP US Government", "AP", (12,), 3.0),
    ("Honors English 9", "Honors", (9,), 3.0),
    ("Honors Biology", "Honors", (9,), 2.0),
    ("Honors Geometry", "Honors", (9, 10), 2.0),
    ("Honors English 10", "Honors", (10,), 3.0),
    ("Honors Chemistry", "Honors", (10, 11), 2.0),
    ("Honors Algebra II", "Honors", (10, 11), 2.0),
    ("Honors Pre-Calculus", "Honors", (11, 12), 1.5),
    ("Honors Physics", "Honors", (11, 12), 1.0),
]

SURVEY_ITEMS = [
    "I feel like I belong at this school.",
    "I feel close to people at this school.",
    "There is at least one adult at this school who cares about me.",
    "I feel safe at this school.",
    "I am happy to be at this school.",
]
LIKERT = np.array(["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"])
LIKERT_CUTS = np.array([-1.7, -0.9, -0.1, 1.0])


# --------------------------------------------------------------------------
# Students and enrolment
# --------------------------------------------------------------------------


def new_students(rng: np.random.Generator, grades: np.ndarray, newcomer: bool) -> pd.DataFrame:
    """Draw persistent traits for students joining the district.

    Traits that should not change from year to year (race, income, disability,
    latent ability) are fixed here; yearly outcomes are drawn later.
    """
    n = len(grades)
    race = rng.choice(len(RACES), size=n, p=RACE_SHARE)
    low_income = rng.random(n) < LOW_INCOME_BY_RACE[race]
    reduced = low_income & (rng.random(n) < 0.15)
    u = rng.random(n)
    gender = np.where(u < 0.007, "X", np.where(u < 0.5035, "F", "M"))
    male = gender == "M"
    iep = rng.random(n) < np.where(male, 0.165, 0.09) * np.where(low_income, 1.12, 0.85)
    has_504 = ~iep & (rng.random(n) < np.where(low_income, 0.037, 0.065))

    # English learners: most enter school as EL and reclassify over time;
    # newcomers in later grades are more often recent arrivals.
    ever_el = rng.random(n) < EVER_EL_BY_RACE[race] * np.where(low_income, 1.15, 0.8)
    years_in_school = (grades - 3) / (2.0 if newcomer else 1.0)
    el = ever_el & (rng.random(n) < 0.9**years_in_school)

    zone = np.where(
        low_income,
        rng.choice(3, size=n, p=ZONE_P_LOW_INCOME),
        rng.choice(3, size=n, p=ZONE_P_NOT_LOW),
    )
    # Eastside feeds Riverside, Cedar feeds Hillcrest, Maple Grove is split.
    middle = np.where(zone == 2, 1, np.where(zone == 0, 0, rng.integers(0, 2, size=n)))

    income_effect = np.where(low_income, np.where(reduced, -0.30, -0.45), 0.0)
    ability = (
        income_effect
        + RACE_RESIDUAL[race]
        - 0.75 * iep
        - 0.10 * has_504
        + rng.normal(0, 0.8, n)
    )
    return pd.DataFrame({
        "race": race,
        "low_income": low_income,
        "frl": np.where(low_income, np.where(reduced, "Reduced", "Free"), "Paid"),
        "gender": gender,
        "iep": iep,
        "has_504": has_504,
        "el": el,
        "zone": zone,
        "middle": middle,
        "ability": ability,
        "ela_trait": rng.normal(0, 1, n),
        "math_trait": rng.normal(0, 1, n),
        "attend_trait": rng.normal(0, 0.6, n),
        "behave_trait": rng.normal(0, 0.9, n),
        "belong_trait": rng.normal(0, 0.6, n),
    })


def build_enrollment(rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Follow students through the three years.

    Returns (students, enrolment). Students advance one grade a year, grade 12
    graduates, a new grade-3 cohort arrives, some leave and transfer in.
    """
    students: list[pd.DataFrame] = []
    years: list[pd.DataFrame] = []
    n_students = 0

    def admit(grades: np.ndarray, newcomer: bool, year: int) -> pd.DataFrame:
        nonlocal n_students
        new = new_students(rng, grades, newcomer)
        # The year the student got an ID: older cohorts were enrolled earlier.
        new["joined"] = year if newcomer else year - (grades - 3)
        new.index = pd.RangeIndex(n_students, n_students + len(new), name="sid")
        n_students += len(new)
        students.append(new)
        return pd.DataFrame({"sid": new.index, "grade": grades, "el": new["el"].to_numpy(),
                             "entered": newcomer})

    for y in range(len(YEARS)):
        if y == 0:
            sizes = rng.integers(480, 521, size=len(GRADES))
            roster = admit(np.repeat(GRADES, sizes), newcomer=False, year=y)
            roster["entered"] = rng.random(len(roster)) < 0.03
        else:
            prev = years[-1]
            stay = prev[(prev["grade"] < 12) & ~prev["leaves"]]
            returning = pd.DataFrame({
                "sid": stay["sid"].to_numpy(),
                "grade": stay["grade"].to_numpy() + 1,
                # About 1 in 10 English learners reclassify each year.
                "el": stay["el"].to_numpy() & (rng.random(len(stay)) >= 0.10),
                "entered": False,
            })
            cohort = admit(np.full(rng.integers(480, 521), 3), newcomer=False, year=y)
            transfers = admit(np.repeat(GRADES[1:], rng.poisson(30, len(GRADES) - 1)),
                              newcomer=True, year=y)
            roster = pd.concat([returning, cohort, transfers], ignore_index=True)
        low_income = pd.concat(students)["low_income"].to_numpy()[roster["sid"]]
        roster["leaves"] = rng.random(len(roster)) < np.where(low_income, 0.065, 0.045)
        roster["year"] = y
        years.append(roster)

    enrol = pd.concat(years, ignore_index=True)
    n = len(enrol)
    # Movers: some arrive mid-year, some leave mid-year.
    late = enrol["entered"].to_numpy() & (rng.random(n) < 0.45)
    start = np.where(late, rng.integers(5, 150, n), 0)
    early = enrol["leaves"].to_numpy() & (rng.random(n) < 0.40)
    span = DAYS_IN_YEAR - start - 20
    end = np.where(early, start + 20 + np.floor(rng.random(n) * span).astype(int), DAYS_IN_YEAR)
    enrol["start_day"] = start
    enrol["days_enrolled"] = end - start
    return pd.concat(students), enrol


def school_for(grade: np.ndarray, zone: np.ndarray, middle: np.ndarray) -> np.ndarray:
    """School follows grade band and attendance zone."""
    return np.where(grade <= 5, ELEMENTARY[zone], np.where(grade <= 8, MIDDLE[middle], HIGH))


def school_calendar(first_year: int) -> np.ndarray:
    """The 180 instructional days of a school year, as YYYY-MM-DD strings."""
    days = pd.bdate_range(f"{first_year}-08-22", f"{first_year + 1}-06-30")
    breaks = [
        (f"{first_year}-11-21", f"{first_year}-11-25"),
        (f"{first_year}-12-19", f"{first_year + 1}-01-02"),
        (f"{first_year + 1}-03-27", f"{first_year + 1}-03-31"),
    ]
    keep = np.ones(len(days), dtype=bool)
    for first, last in breaks:
        keep &= ~((days >= first) & (days <= last))
    return days[keep][:DAYS_IN_YEAR].strftime("%Y-%m-%d").to_numpy()


# --------------------------------------------------------------------------
# Yearly outcomes
# --------------------------------------------------------------------------


def simulate_outcomes(rng: np.random.Generator, df: pd.DataFrame) -> pd.DataFrame:
    """Attendance, achievement and final grades for each student-year."""
    n = len(df)
    grade = df["grade"].to_numpy()
    year = df["year"].to_numpy()
    low_income = df["low_income"].to_numpy()
    iep = df["iep"].to_numpy()
    el = df["el"].to_numpy()

    log_rate = (
        -3.42
        + 0.42 * low_income
        + 0.30 * iep
        + 0.20 * (grade >= 9)
        + 0.25 * (grade == 12)
        + df["attend_trait"].to_numpy()
        + rng.normal(0, 0.35, n)
    )
    absence_rate = np.clip(np.exp(log_rate), 0, 0.6)
    df["days_absent"] = rng.binomial(df["days_enrolled"].to_numpy(), absence_rate)

    common = (
        df["ability"].to_numpy()
        + 0.03 * year
        - 1.5 * absence_rate
        + rng.normal(0, 0.30, n)
    )
    df["ela_z"] = (common + 0.30 * df["ela_trait"].to_numpy() - EL_PENALTY[year] * el
                   + rng.normal(0, 0.30, n))
    df["math_z"] = (common + 0.30 * df["math_trait"].to_numpy() - 0.8 * EL_PENALTY[year] * el
                    + 0.10 * (df["race"].to_numpy() == ASIAN) + rng.normal(0, 0.30, n))

    final = (
        86.0
        + 8.5 * (0.5 * (df["ela_z"] + df["math_z"]).to_numpy() + rng.normal(0, 0.6, n))
        - 40.0 * absence_rate
        - 1.5 * (grade >= 9)
    )
    df["final_grade"] = np.round(np.clip(final, 0, 100), 1)
    return df


def scale_score_center(grade: np.ndarray) -> np.ndarray:
    """Typical ELA scale score by grade; scores grow as students get older."""
    return np.where(grade == 11, 2620, 2450 + 22 * (grade - 3))


def score_tests(df: pd.DataFrame) -> pd.DataFrame:
    """ELA scale score and levels, with the level read off the scale score."""
    grade = df["grade"].to_numpy()
    center = scale_score_center(grade)
    scale = np.rint(center + SCALE_PER_SD * df["ela_z"].to_numpy()).astype(int)
    df["ela_scale"] = np.clip(scale, LOWEST_SCALE, HIGHEST_SCALE)
    cuts = np.rint(center[:, None] + SCALE_PER_SD * ELA_CUTS_Z[None, :]).astype(int)
    df["ela_level"] = (df["ela_scale"].to_numpy()[:, None] >= cuts).sum(axis=1)
    df["math_level"] = np.searchsorted(MATH_CUTS_Z, df["math_z"].to_numpy(), side="right")
    df["tested"] = np.isin(grade, TESTED_GRADES)
    return df


def simulate_incidents(rng: np.random.Generator, df: pd.DataFrame) -> pd.DataFrame:
    """One row per discipline incident; also fills the counts on ``df``.

    Black students get both more referrals and harsher actions per referral,
    which is the pattern the suspension-risk dashboards look for.
    """
    grade = df["grade"].to_numpy()
    black = df["race"].to_numpy() == BLACK
    iep = df["iep"].to_numpy()
    grade_effect = np.where(grade <= 5, -0.6, np.where(grade <= 8, 0.3, 0.1))
    rate = np.exp(
        -2.0
        + 0.50 * black
        + 0.52 * iep
        + 0.35 * (df["gender"].to_numpy() == "M")
        + 0.25 * df["low_income"].to_numpy()
        + grade_effect
        + df["behave_trait"].to_numpy()
    ) * df["days_enrolled"].to_numpy() / DAYS_IN_YEAR
    counts = rng.poisson(rate)
    row = np.repeat(np.arange(len(df)), counts)
    m = len(row)

    kind = rng.choice(len(INCIDENT_TYPES), size=m, p=INCIDENT_TYPE_P)
    p_oss = np.clip(OSS_P_BY_TYPE[kind] * np.where(black[row], 1.6, 1.0)
                    * np.where(iep[row], 1.25, 1.0), 0, 0.9)
    u = rng.random(m)
    action = np.where(u < p_oss, "Out-of-School Suspension",
                      np.where(u < p_oss + 0.22, "In-School Suspension", "Referral"))
    serious = (kind == 2) & (action == "Out-of-School Suspension") & (grade[row] >= 6)
    action = np.where(serious & (rng.random(m) < 0.03), "Expulsion", action)

    # Dates fall inside the student's own enrolment window.
    day = df["start_day"].to_numpy()[row] + np.floor(
        rng.random(m) * df["days_enrolled"].to_numpy()[row]).astype(int)
    year = df["year"].to_numpy()[row]
    dates = np.empty(m, dtype=object)
    for y, label in enumerate(YEARS):
        sel = year == y
        dates[sel] = school_calendar(int(label[:4]))[day[sel]]

    df["incidents"] = counts
    oss = np.bincount(row[action == "Out-of-School Suspension"], minlength=len(df))
    df["suspended"] = oss > 0
    incidents = pd.DataFrame({
        "Student ID": df["Student ID"].to_numpy()[row],
        "School Year": df["School Year"].to_numpy()[row],
        "Incident Date": dates,
        "Incident Type": INCIDENT_TYPES[kind],
        "Action": action,
    })
    return incidents.sort_values(["School Year", "Incident Date", "Student ID"], kind="stable")


def pick_courses(rng: np.random.Generator, grade: np.ndarray, counts: np.ndarray,
                 level: str) -> tuple[np.ndarray, np.ndarray]:
    """Choose ``counts[i]`` distinct courses offered to ``grade[i]``.

    Weighted sampling without replacement via the Gumbel top-k trick, so it
    works on all rows at once.
    """
    offered = [c for c in CATALOGUE if c[1] == level]
    names = np.array([c[0] for c in offered])
    weight = np.array([c[3] for c in offered])
    eligible = np.array([[g in c[2] for c in offered] for g in range(13)])[grade]
    keys = np.log(weight)[None, :] + rng.gumbel(size=(len(grade), len(offered)))
    keys[~eligible] = -np.inf
    order = np.argsort(-keys, axis=1, kind="stable")
    take = np.arange(len(offered))[None, :] < counts[:, None]
    rows, ranks = np.nonzero(take)
    return rows, names[order[rows, ranks]]


def simulate_courses(rng: np.random.Generator, df: pd.DataFrame) -> pd.DataFrame:
    """AP and Honors enrolments; low-income students are under-represented."""
    grade = df["grade"].to_numpy()
    low_income = df["low_income"].to_numpy()
    merit = 0.5 * (df["ela_z"] + df["math_z"]).to_numpy()
    n = len(df)

    p_ap = 1 / (1 + np.exp(-(-0.9 + 1.3 * merit - 0.68 * low_income + 0.5 * (grade - 10))))
    takes_ap = (grade >= 10) & (rng.random(n) < p_ap)
    extra = rng.poisson(np.clip(0.5 + 0.6 * (grade - 10) + 0.5 * merit, 0.05, None))
    ap_cap = np.clip(2 * (grade - 9) + 1, 0, 5)
    df["ap_courses"] = np.where(takes_ap, np.minimum(1 + extra, ap_cap), 0)

    p_honors = 1 / (1 + np.exp(-(-0.8 + 1.1 * merit - 0.30 * low_income - 0.3 * (grade - 9))))
    takes_honors = (grade >= 9) & (rng.random(n) < p_honors)
    honors = np.where(takes_honors, np.minimum(1 + rng.poisson(0.4, n), 2), 0)

    parts = []
    for level, counts in (("AP", df["ap_courses"].to_numpy()), ("Honors", honors)):
        rows, names = pick_courses(rng, grade, counts, level)
        parts.append(pd.DataFrame({
            "Student ID": df["Student ID"].to_numpy()[rows],
            "School Year": df["School Year"].to_numpy()[rows],
            "Course": names,
            "Level": level,
        }))
    courses = pd.concat(parts, ignore_index=True)
    return courses.sort_values(["School Year", "Student ID", "Level", "Course"], kind="stable")


def simulate_survey(rng: np.random.Generator, df: pd.DataFrame) -> np.ndarray:
    """Likert answers (1-5, 0 = skipped) for survey respondents, grades 5-12.

    Returns an (n, items) array; rows of non-respondents are all zero. Sets
    ``df["belonging"]`` to the mean of the answered items.
    """
    n = len(df)
    grade = df["grade"].to_numpy()
    chronic = df["days_absent"].to_numpy() >= 0.1 * df["days_enrolled"].to_numpy()
    responded = (grade >= 5) & (rng.random(n) < np.where(chronic, 0.58, 0.73))
    latent = (
        0.35
        + df["belong_trait"].to_numpy()
        - 0.40 * df["el"].to_numpy()
        - 0.40 * df["iep"].to_numpy()
        - 0.10 * df["low_income"].to_numpy()
        - 0.04 * (grade - 5)
        + rng.normal(0, 0.35, n)
    )
    item_shift = np.array([0.0, 0.1, 0.35, 0.15, -0.05])
    items = latent[:, None] + item_shift[None, :] + rng.normal(0, 0.6, (n, len(SURVEY_ITEMS)))
    answers = np.searchsorted(LIKERT_CUTS, items, side="right") + 1
    answers[rng.random(answers.shape) < 0.02] = 0
    answers[~responded] = 0
    answered = (answers > 0).sum(axis=1)
    with np.errstate(invalid="ignore"):
        mean = answers.sum(axis=1) / answered
    df["belonging"] = np.where(answered > 0, np.round(mean, 1), np.nan)
    return answers


# --------------------------------------------------------------------------
# Messy SIS formatting
# --------------------------------------------------------------------------


def sprinkle(rng: np.random.Generator, values: np.ndarray, rate: float,
             replacement: np.ndarray | str) -> np.ndarray:
    """Replace a random ``rate`` share of ``values``, like stray data entry."""
    hit = rng.random(len(values)) < rate
    return np.where(hit, replacement, values)


def messy_race(rng: np.random.Generator, race: np.ndarray) -> np.ndarray:
    """Canonical labels, with a few percent of real-world spelling variants."""
    out = RACES[race].astype(object)
    for code, variants in RACE_VARIANTS.items():
        rows = np.nonzero((race == code) & (rng.random(len(race)) < 0.05))[0]
        out[rows] = np.array(variants, dtype=object)[rng.integers(0, len(variants), len(rows))]
    unreported = race == NOT_REPORTED
    out[unreported] = np.where(rng.random(unreported.sum()) < 0.7, "Declined to State", "")
    return sprinkle(rng, out, 0.006, "")


def fmt_int(values: np.ndarray, present: np.ndarray) -> np.ndarray:
    """Integers as text, blank where not ``present``."""
    return np.where(present, np.asarray(values).astype(int).astype(str), "")


def fmt_one_decimal(values: np.ndarray, present: np.ndarray) -> np.ndarray:
    """One-decimal numbers as text, blank where not ``present``."""
    text = np.char.mod("%.1f", np.where(present, values, 0.0))
    return np.where(present, text, "")


def district_table(rng: np.random.Generator, df: pd.DataFrame) -> pd.DataFrame:
    """Lay the student-years out as a raw SIS export, messes included."""
    n = len(df)
    grade = df["grade"].to_numpy()
    tested = df["tested"].to_numpy()

    grade_text = grade.astype(str)
    padded = (grade < 10) & (rng.random(n) < 0.02)
    grade_text = np.where(padded, np.char.zfill(grade_text, 2), grade_text)

    frl = df["frl"].to_numpy().astype(object)
    frl = sprinkle(rng, frl, 0.025, np.array([v[0] for v in frl], dtype=object))
    frl = sprinkle(rng, frl, 0.01, "")

    el = df["el"].to_numpy()
    ell = sprinkle(rng, np.where(el, "Y", "N"), 0.025, np.where(el, "Yes", "No"))
    ell = sprinkle(rng, ell, 0.01, "")

    final = fmt_one_decimal(df["final_grade"].to_numpy(), np.ones(n, dtype=bool))
    u = rng.random(n)
    final = np.where(u < 0.02, "EX", np.where(u < 0.03, "", np.where(u < 0.034, "INC", final)))

    ela_taken = tested & (rng.random(n) >= 0.02)
    math_taken = tested & (rng.random(n) >= 0.02)

    # High-school rows carry a count (0 in grade 9); lower grades leave it blank.
    in_high_school = grade >= 9
    belonging = df["belonging"].to_numpy()

    return pd.DataFrame({
        "Student ID": df["Student ID"].to_numpy(),
        "School Year": df["School Year"].to_numpy(),
        "School": df["school"].to_numpy(),
        "Grade": grade_text,
        "Gender": sprinkle(rng, df["gender"].to_numpy(), 0.008, ""),
        "Race/Ethnicity": messy_race(rng, df["race"].to_numpy()),
        "FRL": frl,
        "ELL": ell,
        "IEP": np.where(df["iep"].to_numpy(), "Yes", "No"),
        "504": np.where(df["has_504"].to_numpy(), "X", ""),
        "Final Grade %": final,
        "ELA Proficiency": np.where(ela_taken, LEVELS[df["ela_level"].to_numpy()], ""),
        "Math Proficiency": np.where(math_taken, LEVELS[df["math_level"].to_numpy()], ""),
        "ELA Scale Score": fmt_int(df["ela_scale"].to_numpy(), ela_taken),
        "Days Enrolled": df["days_enrolled"].to_numpy(),
        "Days Absent": df["days_absent"].to_numpy(),
        "Suspended": np.where(df["suspended"].to_numpy(), "Y", "N"),
        "Discipline Incidents": df["incidents"].to_numpy(),
        "AP Courses": fmt_int(df["ap_courses"].to_numpy(), in_high_school),
        "Belonging": fmt_one_decimal(belonging, ~np.isnan(belonging)),
    })


def survey_table(rng: np.random.Generator, df: pd.DataFrame, answers: np.ndarray) -> pd.DataFrame:
    """The 2024-25 belonging survey as an online form tool would export it."""
    rows = np.nonzero((df["School Year"].to_numpy() == YEARS[-1]) & (answers > 0).any(axis=1))[0]
    days = pd.bdate_range("2024-10-14", "2024-10-25")
    seconds = rng.integers(8 * 3600 + 15 * 60, 15 * 3600, len(rows))
    stamps = days[rng.integers(0, len(days), len(rows))] + pd.to_timedelta(seconds, unit="s")
    order = np.argsort(stamps.to_numpy(), kind="stable")
    stamps = stamps[order]
    rows = rows[order]
    # Google-Forms style: 10/14/2024 9:05:33
    text = [f"{t.month}/{t.day}/{t.year} {t.hour}:{t:%M:%S}" for t in stamps]
    table = pd.DataFrame({"Timestamp": text, "Student ID": df["Student ID"].to_numpy()[rows]})
    labels = np.concatenate([[""], LIKERT])
    for j, item in enumerate(SURVEY_ITEMS):
        table[item] = labels[answers[rows, j]]
    return table


# --------------------------------------------------------------------------
# Teacher gradebook
# --------------------------------------------------------------------------

FIRST_NAMES = [
    "Aaliyah", "Adrian", "Amara", "Andre", "Brianna", "Camila", "Carlos", "Daniel",
    "Destiny", "Elena", "Ethan", "Fatima", "Gabriel", "Grace", "Hana", "Isaiah",
    "Jasmine", "Jayden", "Kai", "Leilani", "Liam", "Lucia", "Malik", "Maya",
    "Mateo", "Nadia", "Noah", "Olivia", "Omar", "Priya", "Sofia", "Tyler",
    "Valeria", "Wyatt", "Xavier", "Yusuf", "Zoe", "Diego", "Emma", "Minh",
]
LAST_NAMES = [
    "Alvarez", "Anderson", "Baker", "Castillo", "Chen", "Coleman", "Delgado", "Edwards",
    "Flores", "Foster", "Garcia", "Gonzalez", "Harris", "Herrera", "Jackson", "Johnson",
    "Kim", "Lopez", "Martinez", "Mendoza", "Miller", "Morales", "Nguyen", "Ortiz",
    "Patel", "Ramirez", "Reyes", "Robinson", "Sanchez", "Thompson", "Torres", "Vasquez",
    "Walker", "Washington", "Williams", "Wright", "Young", "Begay", "Kealoha", "Rivera",
]
GRADEBOOK_ETHNICITY = np.array(["Hispanic", "hispanic", "Latino", "White", "Black", "Asian",
                                "Two or more"])
GRADEBOOK_ETHNICITY_P = np.array([0.30, 0.05, 0.06, 0.27, 0.18, 0.08, 0.06])
FIXED_TIME = "2025-06-13T15:30:00Z"


def gradebook_rows(rng: np.random.Generator, n: int = 32) -> list[list]:
    """A class roster with the same kinds of gaps as the district file."""
    names = sorted({f"{last}, {first}" for last, first in zip(
        rng.choice(LAST_NAMES, 3 * n), rng.choice(FIRST_NAMES, 3 * n), strict=True)})
    names = sorted(rng.choice(names, n, replace=False).tolist())
    ethnicity = rng.choice(GRADEBOOK_ETHNICITY, n, p=GRADEBOOK_ETHNICITY_P)
    hispanic = np.isin(ethnicity, ["Hispanic", "hispanic", "Latino"])
    low_income = rng.random(n) < np.where(hispanic | (ethnicity == "Black"), 0.7, 0.4)
    lunch = np.where(low_income, np.where(rng.random(n) < 0.15, "R", "F"), "P")
    ell = rng.random(n) < np.where(hispanic, 0.35, 0.05)
    iep = rng.random(n) < 0.13
    score = 82 + rng.normal(0, 9, n) - 6 * low_income - 5 * ell - 6 * iep
    final: list = np.round(np.clip(score, 35, 100), 1).tolist()
    final[int(rng.integers(0, n))] = "EX"
    numbers = rng.permutation(np.arange(1001, 1001 + n))
    return [
        [names[i], int(numbers[i]), str(ethnicity[i]), str(lunch[i]),
         "Y" if ell[i] else "N", int(iep[i]), final[i]]
        for i in range(n)
    ]


def write_gradebook(rng: np.random.Generator, path: Path) -> None:
    """Write the demo gradebook workbook with stable, reproducible bytes."""
    wb = Workbook()
    info = wb.active
    info.title = "Instructions"
    for line in [
        "Gradebook export - demo file",
        "This is a fictional class. Names and numbers are invented.",
        "Upload this workbook in the app to try the gradebook view.",
        "Final grades are on the 'Grades' sheet; the header row is row 4.",
        "EX means the student was excused from the final grade.",
    ]:
        info.append([line])
    info["A1"].font = Font(bold=True, size=14)
    info.column_dimensions["A"].width = 70

    grades = wb.create_sheet("Grades")
    grades.append(["Riverside Middle School - Grade 7 ELA - Period 3"])
    grades.append(["Final grades 2024-25"])
    grades.append([])
    grades.append(["Student Name", "Student #", "Ethnicity", "Lunch", "ELL", "IEP", "Final %"])
    for row in gradebook_rows(rng):
        grades.append(row)
    grades["A1"].font = Font(bold=True, size=14)
    for cell in grades[4]:
        cell.font = Font(bold=True)
    for col, width in zip("ABCDEFG", [24, 11, 14, 8, 6, 6, 9], strict=True):
        grades.column_dimensions[col].width = width

    notes = wb.create_sheet("Notes")
    notes.append(["Lunch: F = free, R = reduced-price, P = paid."])
    notes.append(["IEP: 1 = has an IEP, 0 = no IEP. ELL: Y/N."])

    wb.properties.creator = "Riverside Middle School"
    wb.properties.created = pd.Timestamp(FIXED_TIME).to_pydatetime().replace(tzinfo=None)
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(reproducible_zip(buffer.getvalue()))


def reproducible_zip(data: bytes) -> bytes:
    """Pin the save time and zip entry dates so the workbook bytes never change.

    openpyxl stamps the current time into docProps/core.xml and every zip entry.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + FIXED_TIME.encode(),
                                 content)
            info = zipfile.ZipInfo(item.filename, date_time=(2025, 6, 13, 15, 30, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = item.external_attr
            target.writestr(info, content)
    return out.getvalue()


# --------------------------------------------------------------------------


CRDC_SEED = 20251207
CRDC_RACES = {"HI": 0.30, "AM": 0.01, "AS": 0.07, "HP": 0.01, "BL": 0.22, "WH": 0.33, "TR": 0.06}
# In-school suspension risk per race: gaps as the CRDC has published them nationally, roughly.
CRDC_ISS = {"HI": 0.05, "AM": 0.07, "AS": 0.02, "HP": 0.05, "BL": 0.12, "WH": 0.04, "TR": 0.06}
CRDC_SCHOOLS = [f"{name} {kind}" for name, kind in zip(
    ["Alder", "Birch", "Cypress", "Dogwood", "Elm", "Fir", "Ginkgo", "Hawthorn", "Ironwood", "Juniper", "Katsura",
     "Linden", "Magnolia", "Nutmeg", "Oak Hollow", "Pine Ridge", "Quince", "Redwood", "Sycamore", "Tamarack"],
    ["Elementary"] * 10 + ["Middle"] * 6 + ["High"] * 4, strict=True)]


def crdc_table(rng: np.random.Generator) -> pd.DataFrame:
    """A fictional district of 20 schools as a CRDC public-use school file: enrollment and in-school
    suspensions per race and sex (`SCH_ENR_HI_M`, `SCH_DISCWODIS_ISS_BL_F`, `SCH_DISCWDIS_ISS_IDEA_WH_M` ...),
    totals by sex (`TOT_`) and English learners by sex. Some cells carry the CRDC's reserve codes: -9 (not
    applicable: one school reported no suspensions data) and -2 (suppressed)."""
    rows = []
    for i, school in enumerate(CRDC_SCHOOLS, start=1):
        size = int(rng.integers(250, 1400))
        share = rng.dirichlet(np.array(list(CRDC_RACES.values())) * 40)
        row = {"LEA_STATE": "ZZ", "LEAID": "9900001", "LEA_NAME": "Fictional Unified School District",
               "SCHID": f"{i:05d}", "SCH_NAME": school, "COMBOKEY": f"9900001{i:05d}"}
        enrolled, iss_free, iss_idea = {}, {}, {}
        for (race, risk), part in zip(CRDC_ISS.items(), share, strict=True):
            for sex in ("M", "F"):
                n = int(rng.binomial(size, part / 2))
                count = int(rng.binomial(n, risk * (1.4 if sex == "M" else 0.6)))
                idea = int(rng.binomial(count, 0.2))
                enrolled[race, sex], iss_free[race, sex], iss_idea[race, sex] = n, count - idea, idea
        row |= {f"SCH_ENR_{r}_{s}": n for (r, s), n in enrolled.items()}
        row |= {f"TOT_ENR_{s}": sum(n for (_, x), n in enrolled.items() if x == s) for s in ("M", "F")}
        row |= {f"SCH_ENR_LEP_{s}": int(row[f"TOT_ENR_{s}"] * 0.12) for s in ("M", "F")}
        row |= {f"SCH_DISCWODIS_ISS_{r}_{s}": n for (r, s), n in iss_free.items()}
        row |= {f"SCH_DISCWDIS_ISS_IDEA_{r}_{s}": n for (r, s), n in iss_idea.items()}
        if school.startswith("Katsura"):          # reported no suspensions data: not applicable
            row |= {k: -9 for k in row if "_ISS_" in k}
        rows.append(row)
    table = pd.DataFrame(rows)
    for column in ("SCH_DISCWODIS_ISS_AM_F", "SCH_DISCWODIS_ISS_HP_M"):     # a few suppressed cells
        table.loc[rng.choice(len(table), 3, replace=False), column] = -2
    return table


def write_csv(table: pd.DataFrame, name: str) -> None:
    """UTF-8, comma-separated, Unix newlines, no index."""
    table.to_csv(OUT_DIR / name, index=False, lineterminator="\n", encoding="utf-8")


def main() -> None:
    """Generate every sample file."""
    rng = np.random.default_rng(SEED)
    students, enrol = build_enrollment(rng)
    # IDs rise with enrolment order, as SIS-issued numbers do.
    ids = np.sort(rng.choice(np.arange(10_000, 200_000), len(students), replace=False))
    order = np.argsort(students["joined"].to_numpy(), kind="stable")
    id_text = np.empty(len(students), dtype=object)
    id_text[order] = np.char.zfill(ids.astype(str), 7)
    students["Student ID"] = id_text

    df = enrol.join(students.drop(columns="el"), on="sid")
    df["School Year"] = np.array(YEARS)[df["year"].to_numpy()]
    df["school"] = school_for(df["grade"].to_numpy(), df["zone"].to_numpy(),
                              df["middle"].to_numpy())
    df = df.sort_values(["year", "Student ID"], kind="stable").reset_index(drop=True)

    df = simulate_outcomes(rng, df)
    df = score_tests(df)
    incidents = simulate_incidents(rng, df)
    courses = simulate_courses(rng, df)
    answers = simulate_survey(rng, df)

    write_csv(district_table(rng, df), "district.csv")
    write_csv(incidents, "discipline_incidents.csv")
    write_csv(courses, "course_enrollments.csv")
    write_csv(survey_table(rng, df, answers), "belonging_survey.csv")
    write_gradebook(rng, OUT_DIR / "gradebook_demo.xlsx")
    write_csv(crdc_table(np.random.default_rng(CRDC_SEED)), "crdc_district.csv")   # its own seed: the rest stays

    for name in ["district.csv", "discipline_incidents.csv", "course_enrollments.csv",
                 "belonging_survey.csv", "gradebook_demo.xlsx", "crdc_district.csv"]:
        print(f"{name}: {(OUT_DIR / name).stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
