"""A small district over three school years, with figures simple enough to check by hand.

| term    | English learners      | not English learners  | all students     |
|---------|-----------------------|-----------------------|------------------|
| 2022-23 | 6 of 20 = 30%         | 18 of 30 = 60%        | 24 of 50 = 48%   |
| 2023-24 | 8 of 20 = 40%         | 18 of 30 = 60%        | 26 of 50 = 52%   |
| 2024-25 | 3 of 5 (hidden, n<10) | 21 of 30 (hidden too) | 24 of 35 = 68.6% |

In 2024-25 only five English learners have a result, so that group is hidden, and so is the other group
(the complement rule: it would give the hidden figure away from the total).
"""

from tests.files import csv_bytes

TERMS = ("2022-23", "2023-24", "2024-25")
COUNTS = {  # term: ((EL students, EL proficient), (non-EL students, non-EL proficient))
    "2022-23": ((20, 6), (30, 18)),
    "2023-24": ((20, 8), (30, 18)),
    "2024-25": ((5, 3), (30, 21)),
}
HEADER = ["Student ID", "School Year", "ELL", "Proficient"]


def rows(term: str, with_term: bool = True) -> list[list]:
    """One term's students: ID, year (when `with_term`), ELL Y/N, proficient Y/N."""
    out = []
    (el, el_yes), (other, other_yes) = COUNTS[term]
    start = TERMS.index(term) * 1000
    for i in range(el + other):
        is_el = i < el
        proficient = i < el_yes if is_el else i - el < other_yes
        row = [f"{start + i:05d}", term, "Y" if is_el else "N", "Y" if proficient else "N"]
        out.append(row if with_term else row[:1] + row[2:])
    return out


def one_file() -> bytes:
    """All three years in one file with a School Year column."""
    return csv_bytes([HEADER, *(r for term in TERMS for r in rows(term))])


def term_file(term: str) -> bytes:
    """One year's file with no year column: the term is set at upload."""
    return csv_bytes([[h for h in HEADER if h != "School Year"], *rows(term, with_term=False)])
