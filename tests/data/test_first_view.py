"""What a file lets a person compare, which outcome they would look at first, and the rule it starts with."""

import pytest

from equity.data.first_view import dimensions, groups, likeliest
from equity.data.mapping import ColumnRole, Mapping
from equity.data.profile import ColumnProfile
from equity.model.rules import default_threshold, meeting_categories


def _mapping(*roles: tuple[str, str]) -> Mapping:
    return Mapping(tuple(ColumnRole(header, role) for header, role in roles))


def test_only_the_dimensions_a_column_is_mapped_to():
    mapping = _mapping(("ID", "student_id"), ("Sex", "gender"), ("School", "school"), ("G3", "outcome"))
    assert dimensions(mapping) == ("gender", "school")
    found = groups(mapping)
    assert found.has == () and found.lacks == ("race", "low_income", "english_learner", "special_ed",
                                               "section_504")


def test_race_counts_when_it_comes_from_the_race_rules_yes_no_columns():
    mapping = _mapping(("Hispanic", "hispanic"), ("Black", "race_black"), ("IEP", "special_ed"), ("504", "section_504"))
    assert dimensions(mapping) == ("race", "special_ed", "section_504")
    assert groups(mapping).has == ("race", "special_ed", "section_504")


def _profile(header: str, filled: int) -> ColumnProfile:
    return ColumnProfile(header, filled, 10, 1.0, ())


@pytest.mark.parametrize(("columns", "first"), [
    # Equal kinds guessed from values: the last in the file (G3 after G1 and G2).
    ([("G1", "score", 395), ("G2", "score", 395), ("G3", "score", 395)], "G3"),
    # A header that names the kind beats values that suggest it; then the column filled in for more students.
    ([("test_sem", "score", 500), ("test_scale_score", "score", 500), ("test_raw_score", "score", 40)],
     "test_scale_score"),
    # The likeliest kind first: a percentage before a level and a count.
    ([("Suspensions", "discipline", 90), ("Proficiency", "level", 90), ("Final %", "percent", 80)], "Final %"),
])
def test_the_likeliest_outcome(columns, first):
    outcomes = [ColumnRole(header, "outcome", "numeric", measure=kind) for header, kind, _ in columns]
    profiles = [_profile(header, filled) for header, _, filled in columns]
    assert outcomes[likeliest(outcomes, profiles)].header == first


@pytest.mark.parametrize(("values", "measure", "threshold"), [
    (["1", "2", "3", "4"], "level", 3.0),           # of four levels the top two meet the standard
    (["1", "2", "3", "4", "5"], "level", 4.0),
    (["1", "2", "3"], "level", 3.0),                # of three, the top one
    (["0", "7", "13", "20"], "score", 10.0),        # a 0-20 mark: the middle of the scale
    (["45", "88", "100"], "percent", 70.0),
    (["0.42", "0.91"], "percent", 0.7),             # shares written as fractions
    (["12%", "95%"], "", 70.0),
])
def test_starting_thresholds(values, measure, threshold):
    assert default_threshold(values, measure) == threshold


def test_meeting_categories_named_or_numbered():
    assert meeting_categories(["Not Met", "Nearly Met", "Met", "Exceeded"]) == ("Met", "Exceeded")
    assert meeting_categories(["Level 1", "Level 3", "Level 2", "Level 4"]) == ("Level 3", "Level 4")
    assert meeting_categories(["Level 1", "Level 2"]) == ()
