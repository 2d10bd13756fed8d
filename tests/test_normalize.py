"""Raw spellings of demographic values map to the canonical model, and never by guessing codes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from equity.normalize import (
    GENDER_LABELS,
    NOT_REPORTED,
    RACE_LABELS,
    ValueMap,
    looks_like,
    map_values,
    suggested_codebook,
)

FLAG_ROLES = ("low_income", "english_learner", "special_ed", "section_504", "flag")
ROLES = ("race_ethnicity", "gender", "grade", *FLAG_ROLES)

RACE_FAMILIES = {
    "Hispanic/Latino": ["Hispanic/Latino", "Hispanic or Latino", "Hispanic", "Latino", "Latina", "Latinx",
                        "Hispanic/Latinx", "HISPANIC"],
    "Black or African American": ["Black or African American", "Black/African American", "Black",
                                  "African American", "African-American"],
    "White": ["White", "Caucasian", "White (not Hispanic)", "White, non-Hispanic"],
    "Asian": ["Asian", "Asian American", "Asian/Asian American"],
    "American Indian or Alaska Native": ["American Indian or Alaska Native", "American Indian/Alaska Native",
                                         "American Indian", "Native American", "Alaska Native", "AI/AN"],
    "Native Hawaiian or Other Pacific Islander": ["Native Hawaiian or Other Pacific Islander",
                                                  "Native Hawaiian/Pacific Islander", "Pacific Islander",
                                                  "Native Hawaiian", "NHPI", "Hawaiian/Pacific Islander"],
    "Two or More Races": ["Two or More Races", "Two or more", "Multiracial", "Multi-racial", "Multiple",
                          "Mixed", "2 or more races"],
    "Not reported": [None, "", "   ", "Not reported", "Unknown", "Declined", "Declined to State",
                     "Decline to state", "Prefer not to say", "N/A", "Not specified"],
}

GENDER_FAMILIES = {
    "Female": ["F", "Female", "Girl", "W", "Woman"],
    "Male": ["M", "Male", "Boy", "Man"],
    "Nonbinary": ["X", "N", "NB", "Nonbinary", "Non-binary", "Other"],
    "Not reported": [None, "", "Not reported", "Unknown", "Declined", "Prefer not to say"],
}

GRADE_FAMILIES = {
    "PK": ["PK", "Pre-K", "PreK", "P"],
    "K": ["K", "KG", "KN", "Kindergarten", "0", "00"],
    "1": ["1", "01", "Grade 1", "1st", "Gr 1", "1.0"],
    "3": ["3", "03", "Grade 3", "3rd", "Gr 3", "3.0", "3rd grade"],
    "9": ["9", "09", "Grade 9", "9th", "Gr 9", "9.0", "9th grade"],
    "12": ["12", "Grade 12", "12th", "Gr 12", "12.0", "12th grade"],
    None: [None, "", "N/A", "Unknown", "Not reported"],
}

YES = ["Y", "Yes", "1", "TRUE", "T", "X", "✓"]
NO = ["N", "No", "0", "FALSE", "F"]
FLAG_FAMILIES = [
    ("low_income", True, [*YES, "Free", "Reduced", "F", "R", "Free/Reduced", "free/reduced", "FRL",
                          "Eligible", "Economically Disadvantaged", "ED", "Low income"]),
    ("low_income", False, ["N", "No", "0", "FALSE", "Paid", "P", "Full", "Full pay", "standard",
                           "Not eligible", "Not economically disadvantaged"]),
    ("english_learner", True, [*YES, "EL", "ELL", "LEP", "Current EL", "English learner",
                               "Limited English Proficient"]),
    ("english_learner", False, [*NO, "EO", "IFEP", "RFEP", "Former EL", "Not EL", "Non-ELL", "English Only"]),
    ("special_ed", True, [*YES, "IEP", "SWD", "SPED", "Special Education", "Student with disabilities",
                          "Yes - IEP"]),
    ("special_ed", False, [*NO, "No IEP", "Regular-Ed", "Regular Ed", "Gen Ed", "General Education",
                           "Not SWD"]),
    ("section_504", True, YES),
    ("section_504", False, NO),
    ("flag", True, YES),
    ("flag", False, NO),
    *[(role, None, [None, "", "N/A", "Unknown", "Not reported"]) for role in FLAG_ROLES],
]

# Missing spellings are placed (as not reported), so they are never listed as unplaced.
MISSING = {"n/a", "unknown", "not reported", "declined", "declined to state", "decline to state",
           "prefer not to say", "not specified"}

DOMAIN = {
    "race_ethnicity": {*RACE_LABELS, NOT_REPORTED},
    "gender": {*GENDER_LABELS, NOT_REPORTED},
    "grade": {"PK", "K", *(str(n) for n in range(1, 13)), None},
    **{role: {True, False, None} for role in FLAG_ROLES},
}

SPELLINGS = {
    "race_ethnicity": [s for family in RACE_FAMILIES.values() for s in family if s and s.strip()],
    "gender": [s for family in GENDER_FAMILIES.values() for s in family if s],
    "grade": [s for family in GRADE_FAMILIES.values() for s in family if s],
    **{role: [s for r, _, family in FLAG_FAMILIES if r == role for s in family if s] for role in FLAG_ROLES},
}
ALL_SPELLINGS = sorted({s for spellings in SPELLINGS.values() for s in spellings})


def assert_maps(result: ValueMap, spellings: list, expected: object) -> None:
    assert result.values == dict.fromkeys(spellings, expected)
    assert result.unplaced == ()


@pytest.mark.parametrize("label", RACE_FAMILIES)
def test_race_spellings(label):
    spellings = RACE_FAMILIES[label]
    assert_maps(map_values("race_ethnicity", spellings), spellings, label)


@pytest.mark.parametrize("label", GENDER_FAMILIES)
def test_gender_spellings(label):
    spellings = GENDER_FAMILIES[label]
    assert_maps(map_values("gender", spellings), spellings, label)


@pytest.mark.parametrize("grade", GRADE_FAMILIES)
def test_grade_spellings(grade):
    spellings = GRADE_FAMILIES[grade]
    assert_maps(map_values("grade", spellings), spellings, grade)


@pytest.mark.parametrize(("role", "expected", "spellings"), FLAG_FAMILIES)
def test_flag_spellings(role, expected, spellings):
    assert_maps(map_values(role, spellings), spellings, expected)


def test_ungradeable_values_are_unplaced():
    result = map_values("grade", ["13", "UG", "Adult", "3"])
    assert result.values == {"13": None, "UG": None, "Adult": None, "3": "3"}
    assert result.unplaced == ("13", "UG", "Adult")


@pytest.mark.parametrize("mark", ["X", "Y", "✓", "Yes"])
def test_blank_means_no_in_mark_only_columns(mark):
    assert map_values("english_learner", [mark, None, ""]).values == {mark: True, None: False, "": False}


@pytest.mark.parametrize("distinct", [["Y", "N", None], ["X", "Unknown", None]])
def test_blank_stays_not_reported_when_column_has_other_values(distinct):
    assert map_values("flag", distinct).values[None] is None


def test_f_means_free_in_low_income_but_false_elsewhere():
    assert map_values("low_income", ["F", "P"]).values == {"F": True, "P": False}
    assert map_values("flag", ["F", "T"]).values == {"F": False, "T": True}
    assert map_values("english_learner", ["F", "T"]).values == {"F": False, "T": True}


def test_na_is_ambiguous_in_race_columns():
    result = map_values("race_ethnicity", ["NA", "White"])
    assert result.values == {"NA": NOT_REPORTED, "White": "White"}
    assert result.unplaced == ("NA",)


@pytest.mark.parametrize("code", ["A", "B", "H", "W", "I", "P", "M", "T", "1", "4", "7"])
def test_short_codes_are_never_guessed(code):
    assert map_values("race_ethnicity", [code]).unplaced == (code,)


def test_codebook_is_applied():
    codebook = {"a": "Asian", "B": "Black or African American", "NA": "Native American", "9": "Declined"}
    result = map_values("race_ethnicity", ["A", "B ", "NA", "9", "Z"], codebook)
    assert result.values == {
        "A": "Asian",
        "B ": "Black or African American",
        "NA": "American Indian or Alaska Native",
        "9": NOT_REPORTED,
        "Z": NOT_REPORTED,
    }
    assert result.unplaced == ("Z",)


def test_codebook_rejects_labels_outside_the_model():
    with pytest.raises(ValueError, match="Martian"):
        map_values("race_ethnicity", ["A"], {"A": "Martian"})


def test_unknown_role_is_rejected():
    with pytest.raises(ValueError, match="shoe_size"):
        map_values("shoe_size", ["9"])


def test_suggested_codebook_for_letters():
    distinct = ["A", "B", "H", "W", "I", "P", "M", "T", None]
    assert suggested_codebook("race_ethnicity", distinct) == {
        "A": "Asian",
        "B": "Black or African American",
        "H": "Hispanic/Latino",
        "W": "White",
        "I": "American Indian or Alaska Native",
        "P": "Native Hawaiian or Other Pacific Islander",
        "M": "Two or More Races",
        "T": "Two or More Races",
    }


def test_suggested_codebook_for_numbers():
    assert suggested_codebook("race_ethnicity", ["1", "2", "3", "4", "5", "6", "7", ""]) == {
        "1": "American Indian or Alaska Native",
        "2": "Asian",
        "3": "Black or African American",
        "4": "Hispanic/Latino",
        "5": "Native Hawaiian or Other Pacific Islander",
        "6": "White",
        "7": "Two or More Races",
    }


def test_suggested_codebook_leaves_ambiguous_codes_to_the_person():
    assert suggested_codebook("race_ethnicity", ["A", "W", "NA"]) == {"A": "Asian", "W": "White"}


@pytest.mark.parametrize(
    ("role", "distinct"),
    [
        ("race_ethnicity", ["Asian", "White", "Hispanic or Latino", None]),
        ("race_ethnicity", ["group A", "group B", "group C", "group D", "group E"]),
        ("race_ethnicity", ["A", "B", "Martian"]),
        ("race_ethnicity", []),
        ("gender", ["A", "B"]),
    ],
)
def test_no_codebook_is_suggested_for_values_that_are_not_codes(role, distinct):
    assert suggested_codebook(role, distinct) is None


def test_anonymised_groups_are_not_races():
    groups = ["group A", "group B", "Group C"]
    assert map_values("race_ethnicity", groups).unplaced == tuple(groups)


def test_unplaced_values_are_listed_once_in_order():
    result = map_values("race_ethnicity", ["Martian", "White", "Venusian", "Martian", None])
    assert result.unplaced == ("Martian", "Venusian")


def test_looks_like_is_the_placed_share():
    assert looks_like("flag", ["Yes", "No", "Maybe", "Perhaps", None]) == 0.5
    assert looks_like("race_ethnicity", ["Alice", "Bob"]) == 0.0
    assert looks_like("race_ethnicity", ["A", "B", "H"]) == 0.0  # codes need a code book
    assert looks_like("grade", [None, ""]) == 0.0


raw_values = st.one_of(st.none(), st.text(max_size=20), st.sampled_from(ALL_SPELLINGS))


def is_blank(raw: str | None) -> bool:
    return raw is None or not raw.strip()


def in_domain(role: str, value: object) -> bool:
    return type(value) in (str, bool, type(None)) and value in DOMAIN[role]


@given(role=st.sampled_from(ROLES), distinct=st.lists(raw_values, max_size=8, unique=True))
def test_map_values_is_total(role, distinct):
    result = map_values(role, distinct)
    assert set(result.values) == set(distinct)
    for raw, value in result.values.items():
        assert in_domain(role, value)
        informative = value not in (None, NOT_REPORTED)
        missing = raw is not None and " ".join(raw.casefold().split()) in MISSING
        placed = informative or missing or is_blank(raw)
        assert (raw in result.unplaced) == (not placed)
        if raw in result.unplaced:
            assert not informative


whitespace = st.text(alphabet=" \t\n", max_size=3)
recase = st.sampled_from([str.upper, str.lower, str.swapcase, str.title])


@st.composite
def respelled(draw, raw: str) -> str:
    """The same value with other case, padding and inner spacing."""
    inner = draw(whitespace) + " "
    return draw(whitespace) + draw(recase)(raw).replace(" ", inner) + draw(whitespace)


@given(
    role=st.sampled_from(ROLES),
    distinct=st.lists(st.sampled_from(ALL_SPELLINGS) | st.text(max_size=12), max_size=6, unique=True),
    data=st.data(),
)
def test_case_and_whitespace_do_not_change_mappings(role, distinct, data):
    variants = [data.draw(respelled(raw)) for raw in distinct]
    before, after = map_values(role, distinct), map_values(role, variants)
    for raw, variant in zip(distinct, variants, strict=True):
        assert before.values[raw] == after.values[variant]
        assert (raw in before.unplaced) == (variant in after.unplaced)


@given(role=st.sampled_from(ROLES), distinct=st.lists(raw_values, max_size=8))
def test_looks_like_is_a_share(role, distinct):
    assert 0.0 <= looks_like(role, distinct) <= 1.0


@given(data=st.data(), role=st.sampled_from(ROLES))
def test_canonical_spellings_look_like_their_role(data, role):
    sample = data.draw(st.lists(st.sampled_from(SPELLINGS[role]), min_size=1, unique=True))
    assert looks_like(role, sample) == 1.0
