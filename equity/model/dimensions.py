"""The dimensions students are grouped by: their canonical column, their name on screen, their group order."""

from dataclasses import dataclass

from equity.data.normalize import GENDER_LABELS, NOT_REPORTED, RACE_LABELS


@dataclass(frozen=True)
class Dimension:
    key: str          # the name used on the command line and in URLs
    column: str       # the canonical column of the `students` table
    label: str        # the name people read
    flag: bool        # a true/false column (keys true/false/null) rather than labels
    yes: str = ""     # how a flagged group is called, e.g. "Low income"
    no: str = ""

    def group_label(self, key: object) -> str:
        """The words for one group of this dimension."""
        if self.flag:
            return {True: self.yes, False: self.no}.get(key, NOT_REPORTED)
        return NOT_REPORTED if key is None else str(key)

    def order(self, key: object) -> tuple:
        """Sort key: canonical order where there is one, then alphabetical, `Not reported` last."""
        if self.flag:
            return ({True: 0, False: 1}.get(key, 2), "")
        if key is None or key == NOT_REPORTED:
            return (9, "")
        known = {"race_ethnicity": RACE_LABELS, "race_list": RACE_LABELS, "gender": GENDER_LABELS}.get(self.column, ())
        if key in known:
            return (0, f"{known.index(key):03d}")
        return (1, _natural(str(key)))


def _natural(text: str) -> str:
    """Grades sort as PK, K, 1 … 12 rather than 1, 10, 11."""
    special = {"PK": "000", "K": "001"}
    return special.get(text, text.zfill(3) if text.isdigit() else text)


COMBINED = "race_combined"
DIMENSIONS: dict[str, Dimension] = {
    d.key: d
    for d in (
        Dimension("race", "race_ethnicity", "Race/ethnicity", False),
        # Each race counted for every student who reports it, so the groups add up to more than all students:
        # an option on the race dimension, not a dimension of its own in the lists below.
        Dimension(COMBINED, "race_list", "Race/ethnicity, alone or in combination", False),
        Dimension("low_income", "low_income", "Income", True, "Low income", "Not low income"),
        Dimension("english_learner", "english_learner", "English learner", True,
                  "English learners", "Not English learners"),
        Dimension("special_ed", "special_ed", "Special education", True,
                  "Students with disabilities", "Students without disabilities"),
        Dimension("section_504", "section_504", "Section 504", True, "504 plan", "No 504 plan"),
        Dimension("gender", "gender", "Gender", False),
        Dimension("grade", "grade", "Grade", False),
        Dimension("school", "school", "School", False),
        Dimension("term", "term", "Term", False),
    )
}

GAP_DIMENSIONS = ("race", "low_income", "english_learner", "special_ed", "section_504", "gender", "grade", "school")
