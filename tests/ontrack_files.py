"""An entering 9th-grade cohort followed to graduation, whose figures are worked out by hand (comments)."""

HEADER = ["Student ID", "Year", "Grade", "Race", "Credits Earned", "Core Courses Failed", "Graduated"]
ENTRY, LAST = "2021-22", "2024-25"
H, W = "Hispanic or Latino", "White"

# 9th grade in 2021-22, IDs written with leading zeros. On track: 5+ credits and at most 1 core course failed.
NINTH = [
    *[[f"00{100 + i}", ENTRY, "9", H, 6, 0, None] for i in range(1, 7)],   # 101-106 on track
    ["00107", ENTRY, "9", H, 5, 1, None],                                  # 107 on the line: on track
    ["00108", ENTRY, "9", H, 4.5, 0, None],                                # 108 too few credits: off
    ["00109", ENTRY, "9", H, 6, 2, None],                                  # 109 two failures: off
    *[[f"00{100 + i}", ENTRY, "9", H, 3, 3, None] for i in range(10, 13)],  # 110-112 off
    *[[f"00{200 + i}", ENTRY, "9", W, 6, 0, None] for i in range(1, 9)],    # 201-208 on track
    *[[f"00{200 + i}", ENTRY, "9", W, 2, 4, None] for i in range(9, 11)],   # 209-210 off
]
# Hispanic: 7 of 12 on track; White: 8 of 10; all: 15 of 22.
# 2024-25, IDs without the zeros. On track: 101-107, 201-208 (15), graduated all but 107 (14).
# Off track: 108-112, 209, 210 (7), graduated 108 and 209 (2).
LATER = [
    *[[str(100 + i), LAST, "12", H, 24, 0, "Y"] for i in range(1, 7)],
    [str(107), LAST, "12", H, 20, 1, "N"],
    [str(108), LAST, "12", H, 22, 0, "Y"],
    *[[str(100 + i), LAST, "12", H, 12, 4, "N"] for i in (9, 10, 11, 12)],
    *[[str(200 + i), LAST, "12", W, 24, 0, "Y"] for i in range(1, 9)],
    [str(209), LAST, "12", W, 23, 1, "Y"],
    [str(210), LAST, "12", W, 10, 6, "N"],
]
ROWS = [HEADER, *NINTH, *LATER]
# Without 208's and 112's later rows (they left): 14 on track with a record (13 graduated), 6 off (2), 2 without.
LEFT = [row for row in ROWS if row[:2] not in (["208", LAST], ["112", LAST])]
# A third group: 301-305 on track (304 did not graduate), 306 off track (did not graduate).
B = "Black or African American"
THREE = [*ROWS,
         *[[f"00{300 + i}", ENTRY, "9", B, 6, 0, None] for i in range(1, 6)], ["00306", ENTRY, "9", B, 2, 3, None],
         *[[str(300 + i), LAST, "12", B, 24, 0, "N" if i == 4 else "Y"] for i in range(1, 6)],
         ["306", LAST, "12", B, 8, 5, "N"]]
