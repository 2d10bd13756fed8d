"""Small files of the same students in two terms, whose matched figures are worked out by hand."""

HEADER = ["Student ID", "Year", "Race", "Score", "Level"]
H, W = "Hispanic or Latino", "White"
Y1, Y2 = "2023-24", "2024-25"

# Year 1: Hispanic 001-005 (scores 10..50), White 101-104 (60..90), and 200 written twice (left out of both years).
# Year 2: 001-004 come back as 1-4, 102 as S102; 005 has left; S0006 and 7 arrive (Hispanic); 200 once.
ROWS = [HEADER,
        ["001", Y1, H, "10", "Not Met"], ["002", Y1, H, "20", "Not Met"], ["003", Y1, H, "30", "Nearly Met"],
        ["004", Y1, H, "40", "Met"], ["005", Y1, H, "50", "Met"],
        ["101", Y1, W, "60", "Met"], ["102", Y1, W, "70", "Met"], ["103", Y1, W, "80", "Exceeded"],
        ["104", Y1, W, "90", "Exceeded"], ["200", Y1, W, "55", "Met"], ["200 ", Y1, W, "65", "Met"],
        ["1", Y2, H, "15", "Nearly Met"], ["2", Y2, H, "30", "Not Met"], ["3", Y2, H, "30", "Met"],
        ["4", Y2, H, "50", "Nearly Met"], ["S0006", Y2, H, "5", "Not Met"], ["7", Y2, H, "5", "Not Met"],
        ["101", Y2, W, "70", "Exceeded"], ["S102", Y2, W, "70", "Met"], ["103", Y2, W, "90", "Exceeded"],
        ["104", Y2, W, "100", "Met"], ["200", Y2, W, "75", "Met"]]
LEVEL_NAMES = ("Not Met", "Nearly Met", "Met", "Exceeded")


def growth_rows():
    """20 students, year-1 scores 1..20 (two bins of 10 with bins=2). Hispanic: 1-5 and 11-15; White: 6-10
    and 16-20. Year 2, bin 1: Hispanic 5,4,3,2,1, White 10,9,8,7,6; bin 2: Hispanic 30,30,30,40,50, White
    20..24."""
    second = [5, 4, 3, 2, 1, 10, 9, 8, 7, 6, 30, 30, 30, 40, 50, 20, 21, 22, 23, 24]
    rows = [HEADER]
    for i, y2 in enumerate(second, start=1):
        race = H if (i - 1) % 10 < 5 else W
        rows += [[str(i), Y1, race, str(i), ""], [str(i), Y2, race, str(y2), ""]]
    return rows
# The same students in terms named without a year ('Fall', 'Spring'): they cannot be placed in time.
SEASONS = [HEADER, *[[row[0], {Y1: "Fall", Y2: "Spring"}[row[1]], *row[2:]] for row in ROWS[1:]]]
