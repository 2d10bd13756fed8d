"""A small class whose early-warning flags are worked out by hand (see each row's comment)."""

HEADER = ["Student ID", "Year", "Race", "Days Enrolled", "Days Absent", "Suspended", "Discipline Incidents",
          "Final Grade %"]
Y1, Y2 = "2023-24", "2024-25"
H, W, A, B = "Hispanic or Latino", "White", "Asian", "Black or African American"


def _clean(prefix: str, race: str, numbers: range) -> list[list]:
    return [[f"{prefix}{i:02d}", Y2, race, 180, 0, "N", 0, 80] for i in numbers]


# 2024-25. Attendance = (enrolled - absent) / enrolled; flagged below 90%, 1+ suspension, 2+ incidents, grade < 65.
ROWS = [HEADER,
        ["H01", Y2, H, 180, 18, "N", 0, 70],    # 90.0%: on the line, not flagged       -> 0 areas
        ["H02", Y2, H, 180, 19, "N", 0, 70],    # 89.4%: attendance                      -> 1
        ["H03", Y2, H, 180, 0, "Y", 0, 70],     # suspended: behaviour                   -> 1
        ["H04", Y2, H, 180, 0, "N", 2, 70],     # 2 incidents: behaviour                 -> 1
        ["H05", Y2, H, 180, 0, "N", 1, 70],     # 1 incident: not flagged                -> 0
        ["H06", Y2, H, 180, 0, "N", 0, 64.9],   # below 65: course                       -> 1
        ["H07", Y2, H, 180, 0, "N", 0, 65],     # 65: on the line, not flagged           -> 0
        ["H08", Y2, H, 180, 30, "Y", 3, 50],    # 83.3%, suspended, 50                   -> 3
        *_clean("H", H, range(9, 13)),          # Hispanic: 5 of 12 flagged
        ["W01", Y2, W, 180, 20, "N", 0, 80],    # 88.9%: attendance                      -> 1
        ["W02", Y2, W, 180, 0, "N", 0, 60],     # course                                 -> 1
        *_clean("W", W, range(3, 11)),          # White: 2 of 10 flagged
        ["A01", Y2, A, 180, 40, "Y", 5, 40],    # all three                              -> 3
        ["A02", Y2, A, 180, 0, "N", 0, 80],     # Asian: 1 of 2
        ["B01", Y2, B, 5, 5, "N", 0, 80],       # 5 days enrolled: no attendance rate; nothing else flags
        *_clean("B", B, range(2, 9)),           # Black: 0 of 8
        # 2023-24: the twelve Hispanic students a year before, none flagged (the roster of 2024-25 leaves them out)
        *[[f"H{i:02d}", Y1, H, 180, 0, "N", 0, 90] for i in range(1, 13)]]
# All students in 2024-25: 5 + 2 + 1 + 0 = 8 of 32 flagged (25%).
FLAGGED_FIRST = ["A01", "H08", "H02", "H03", "H04", "H06", "W01", "W02"]   # 3 areas, then 1, each by ID
