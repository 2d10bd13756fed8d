"""A small district over three school years with English learners crossed with income, figures simple
enough to check by hand (proficient of students with a result).

| term    | EL · low income | EL · not low income | not EL · low income | not EL · not low income | all          |
|---------|-----------------|---------------------|---------------------|-------------------------|--------------|
| 2022-23 | 3 of 12 = 25%   | 5 of 10 = 50%       | 10 of 20 = 50%      | 12 of 18 = 66.7%        | 30 of 60 = 50% |
| 2023-24 | 6 of 15         | 2 of 4 (n < 10)     | 11 of 20            | 15 of 21                | 34 of 60 = 56.7% |
| 2024-25 | 5 of 10 = 50%   | 6 of 10 = 60%       | 12 of 20 = 60%      | 15 of 20 = 75%          | 38 of 60 = 63.3% |

In 2023-24 only four English learners who are not low income have a result. In a two-way table one hidden
cell gives itself away through its row and its column, so the rule hides the next smallest cell of that row,
then of each column in turn: all four combinations are hidden that year, while all students (60) are shown.
"""

from tests.files import csv_bytes

TERMS = ("2022-23", "2023-24", "2024-25")
COUNTS = {  # term: {(EL, low income): (students, proficient)}
    "2022-23": {(True, True): (12, 3), (True, False): (10, 5), (False, True): (20, 10), (False, False): (18, 12)},
    "2023-24": {(True, True): (15, 6), (True, False): (4, 2), (False, True): (20, 11), (False, False): (21, 15)},
    "2024-25": {(True, True): (10, 5), (True, False): (10, 6), (False, True): (20, 12), (False, False): (20, 15)},
}
# The same district with ten English learners who are not low income in 2023-24, five proficient: no group is
# small, so every combination is shown in every term (2023-24: 40%, 50%, 55%, 71.4%; all 37 of 66 = 56.1%).
SHOWN = {**COUNTS, "2023-24": {**COUNTS["2023-24"], (True, False): (10, 5)}}
HEADER = ["Student ID", "School Year", "ELL", "FRL", "Proficient"]


def one_file(counts: dict = COUNTS) -> bytes:
    """All three years in one file with a School Year column."""
    rows, number = [], 0
    for term in TERMS:
        for (el, low), (students, proficient) in counts[term].items():
            for i in range(students):
                number += 1
                rows.append([f"{number:05d}", term, "Y" if el else "N", "Y" if low else "N",
                             "Y" if i < proficient else "N"])
    return csv_bytes([HEADER, *rows])
