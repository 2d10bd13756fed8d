"""Raw values map to the canonical model: given, recognised from their words, guessed from codes, or unplaced."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from equity.data.normalize import (
    GENDER_LABELS,
    GIVEN,
    GUESSED,
    HISPANIC,
    NOT_REPORTED,
    RACE_LABELS,
    TWO_OR_MORE,
    UNPLACED,
    ValueMap,
    ValueMapError,
    from_text,
    looks_like,
    map_values,
)

FLAG_ROLES = ("low_income", "english_learner", "special_ed", "section_504", "hispanic", "race_black", "flag")
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


@pytest.mark.parametrize("code", ["A", "B", "H", "W", "I", "P", "M", "T", "1", "4", "7", "BL7", "MR"])
def test_short_codes_are_guessed_never_recognised(code):
    result = map_values("race_ethnicity", [code])
    assert result.guessed == (code,) and result.unplaced == ()
    assert looks_like("race_ethnicity", [code]) == 0.0


def test_a_given_map_overrides_words_and_guesses():
    given = {"a": "Asian", "B": "Black or African American", "NA": "American Indian or Alaska Native",
             "9": NOT_REPORTED, "White": "Two or More Races"}
    result = map_values("race_ethnicity", ["A", "B ", "NA", "9", "Z", "White", "W"], given)
    assert result.values == {
        "A": "Asian",
        "B ": "Black or African American",
        "NA": "American Indian or Alaska Native",
        "9": NOT_REPORTED,
        "Z": NOT_REPORTED,
        "White": "Two or More Races",
        "W": "White",
    }
    assert result.status == {"A": GIVEN, "B ": GIVEN, "NA": GIVEN, "9": GIVEN, "Z": UNPLACED, "White": GIVEN,
                             "W": GUESSED}
    assert result.unplaced == ("Z",) and result.guessed == ("W",)


def test_a_complete_map_leaves_new_values_unplaced():
    result = map_values("race_ethnicity", ["W", "White", "Asian"], {"W": "White"}, complete=True)
    assert result.values == {"W": "White", "White": NOT_REPORTED, "Asian": NOT_REPORTED}
    assert result.unplaced == ("White", "Asian")


@pytest.mark.parametrize(("role", "text", "value"), [
    ("race_ethnicity", "black or african american", "Black or African American"),
    ("race_ethnicity", "Native American", "American Indian or Alaska Native"),
    ("race_ethnicity", "Not reported", NOT_REPORTED),
    ("low_income", "true", True), ("low_income", "FALSE", False), ("low_income", "yes", True),
    ("low_income", "Not reported", None), ("grade", "k", "K"), ("grade", "Grade 3", "3"),
    ("gender", "female", "Female"),
])
def test_canonical_values_are_read_from_text(role, text, value):
    assert from_text(role, text) == value


@pytest.mark.parametrize(("role", "text"), [("race_ethnicity", "Martian"), ("race_ethnicity", "B"),
                                            ("low_income", "maybe"), ("grade", "14"), ("gender", "")])
def test_a_canonical_value_that_does_not_exist_is_refused(role, text):
    with pytest.raises(ValueMapError) as refused:
        from_text(role, text)
    assert refused.value.key == "values.no_such_canonical"


def test_unknown_role_is_rejected():
    with pytest.raises(ValueError, match="shoe_size"):
        map_values("shoe_size", ["9"])


def test_letter_codes_follow_the_common_convention():
    distinct = ["A", "B", "H", "W", "I", "P", "M", "T", None]
    assert map_values("race_ethnicity", distinct).values == {
        "A": "Asian",
        "B": "Black or African American",
        "H": "Hispanic/Latino",
        "W": "White",
        "I": "American Indian or Alaska Native",
        "P": "Native Hawaiian or Other Pacific Islander",
        "M": "Two or More Races",
        "T": "Two or More Races",
        None: NOT_REPORTED,
    }


def test_number_codes_follow_the_federal_alphabetical_order():
    assert map_values("race_ethnicity", ["1", "2", "3", "4", "5", "6", "07", ""]).values == {
        "1": "American Indian or Alaska Native",
        "2": "Asian",
        "3": "Black or African American",
        "4": "Hispanic/Latino",
        "5": "Native Hawaiian or Other Pacific Islander",
        "6": "White",
        "07": "Two or More Races",
        "": NOT_REPORTED,
    }


def test_ambiguous_codes_are_left_to_the_person():
    result = map_values("race_ethnicity", ["A", "W", "NA", "8", "Other", "Indian", "Asian/Pacific Islander"])
    assert result.guessed == ("A", "W")
    assert result.unplaced == ("NA", "8", "Other", "Indian", "Asian/Pacific Islander")


def test_several_codes_in_one_cell_follow_the_federal_rule():
    result = map_values("race_ethnicity", ["B,W", "A;H", "2|6", "W", "Black/White", "White Hispanic"])
    assert result.values == {"B,W": TWO_OR_MORE, "A;H": HISPANIC, "2|6": TWO_OR_MORE, "W": "White",
                             "Black/White": TWO_OR_MORE, "White Hispanic": HISPANIC}
    assert result.guessed == ("B,W", "A;H", "2|6", "W")


def test_zero_against_other_codes_in_a_yes_no_column():
    """Income 0 = not eligible, 1 free, 2 reduced, 3 directly certified: 2 and 3 are guessed yes, not lost."""
    result = map_values("low_income", ["0", "1", "2", "3", None])
    assert result.values == {"0": False, "1": True, "2": True, "3": True, None: None}
    assert result.guessed == ("2", "3") and result.unplaced == ()
    assert map_values("special_ed", ["0", "300", "601"]).values == {"0": False, "300": True, "601": True}
    assert map_values("low_income", ["1", "2", "3"]).unplaced == ("2", "3")   # no 0: no convention


def test_anonymised_groups_are_not_races():
    groups = ["group A", "group B", "Group C"]
    assert map_values("race_ethnicity", groups).unplaced == tuple(groups)


def test_unplaced_values_are_listed_once_in_order():
    result = map_values("race_ethnicity", ["Martian", "White", "Venusian", "Martian", None])
    assert result.unplaced == ("Martian", "Venusian")


def test_looks_like_is_the_placed_share():
    assert looks_like("flag", ["Yes", "No", "Maybe", "Perhaps", None]) == 0.5
    assert looks_like("race_ethnicity", ["Alice", "Bob"]) == 0.0
    assert looks_like("race_ethnicity", ["A", "B", "H"]) == 0.0  # codes are only guessed
    assert looks_like("grade", [None, ""]) == 0.0


raw_values = st.one_of(st.none(), st.text(max_size=20), st.sampled_from(ALL_SPELLINGS))


def is_blank(raw: str | None) -> bool:
    return raw is None or not raw.strip()


def in_domain(role: str, value: object) -> bool:
    return type(value) in (str, bool, type(None)) and value in DOMAIN[role]


@given(role=st.sampled_from(ROLES), distinct=st.lists(raw_values, max_size=8, unique=True))
@example(role="race_ethnicity", distinct=["²"])          # a digit to str.isdigit, not to int()
@example(role="low_income", distinct=["0", "²"])
def test_map_values_is_total(role, distinct):
    result = map_values(role, distinct)
    assert set(result.values) == set(distinct) == set(result.status)
    for raw, value in result.values.items():
        assert in_domain(role, value)
        if raw in result.unplaced:
            assert value in (None, NOT_REPORTED) and not is_blank(raw)
        if raw is not None and " ".join(raw.casefold().split()) in MISSING:
            assert raw not in result.unplaced


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
