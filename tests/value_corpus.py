"""Spellings of categorical values as real exports and published standards write them, with what each means,
assembled from public documentation (see SOURCES). `None` as the meaning: a value that names no canonical group
(or names it ambiguously) and must be left for the person to place, never guessed."""

SOURCES = {
    "edfi": "Ed-Fi Data Standard descriptors (github.com/Ed-Fi-Alliance-OSS/Ed-Fi-Data-Standard, Descriptors/*.xml): "
            "Race, Sex, GradeLevel, LimitedEnglishProficiency, EconomicDisadvantage, SchoolFoodServiceProgramService, "
            "StudentCharacteristic",
    "edfacts": "EDFacts subgroup and permitted-value codes (race AM7..WH7, grade PK/KG/01-13/UG, as used in state "
               "EDFacts reporting scripts)",
    "ceds": "CEDS element names as exports carry them (Pearson Access 'Race/Ethnicity Category' documentation)",
    "hl7": "OMB race categories as the HL7 US Core and NIH value sets spell them",
    "powerschool": "PowerSchool SIS state compliance documentation (ps-compliance.powerschool-docs.com): lunch status "
                   "codes (IN, NJ, MD, MI, AL, NM), race codes (TN, IN)",
    "infinite_campus": "Infinite Campus knowledge base (kb.infinitecampus.com): race/ethnicity federal codes 1-7 "
                       "(Minnesota wizard), gender F/M/X",
    "public_files": "Public files in ../shared/data: Delaware training data, Kaggle StudentsPerformance, UCI student",
}

AIAN, ASIAN, BLACK = "American Indian or Alaska Native", "Asian", "Black or African American"
HISP, NHPI, WHITE, TWO = "Hispanic/Latino", "Native Hawaiian or Other Pacific Islander", "White", "Two or More Races"
NR = "Not reported"
URI = "uri://ed-fi.org/{}#{}"

CORPUS: list[tuple[str, str, object, str]] = [
    # --- race/ethnicity ---
    *[("race_ethnicity", v, m, "edfi") for v, m in [
        ("American Indian - Alaska Native", AIAN), ("Asian", ASIAN), ("Black - African American", BLACK),
        ("Choose Not to Respond", NR), ("Native Hawaiian - Pacific Islander", NHPI), ("Other", None),
        ("White", WHITE)]],
    *[("race_ethnicity", URI.format("RaceDescriptor", v), m, "edfi") for v, m in [
        ("American Indian - Alaska Native", AIAN), ("Black - African American", BLACK),
        ("Native Hawaiian - Pacific Islander", NHPI), ("Choose Not to Respond", NR), ("White", WHITE)]],
    *[("race_ethnicity", v, m, "edfacts") for v, m in [
        ("AM7", AIAN), ("AS7", ASIAN), ("BL7", BLACK), ("HI7", HISP), ("MU7", TWO), ("PI7", NHPI), ("WH7", WHITE)]],
    *[("race_ethnicity", v, m, "ceds") for v, m in [
        ("AmericanIndianOrAlaskaNative", AIAN), ("BlackOrAfricanAmerican", BLACK), ("HispanicOrLatinoEthnicity", HISP),
        ("NativeHawaiianOrOtherPacificIslander", NHPI), ("DemographicRaceTwoOrMoreRaces", TWO),
        ("Hispanics of any race", HISP), ("Race and Ethnicity unknown", NR), ("Two or more races", TWO),
        ("US Nonresident", None)]],
    *[("race_ethnicity", v, m, "hl7") for v, m in [
        ("American Indian or Alaska Native", AIAN), ("American Indian or Alaskan Native", AIAN),
        ("Black or African-American", BLACK), ("More than one race", TWO), ("Decline to answer", NR),
        ("Other Race", None), ("Asked but unknown", NR), ("Unknown", NR), ("Asian or Pacific Islander", None),
        ("AMERICAN_INDIAN_OR_ALASKA_NATIVE", AIAN), ("BLACK_OR_AFRICAN_AMERICAN", BLACK),
        ("NATIVE_HAWAIIAN_OR_OTHER_PACIFIC_ISLANDER", NHPI), ("hispanic_or_latino", HISP),
        ("two_or_more_races", TWO), ("not_disclosed", None), ("Multiracial", TWO)]],
    *[("race_ethnicity", v, m, "powerschool") for v, m in [
        ("A", ASIAN), ("B", BLACK), ("I", AIAN), ("P", NHPI), ("W", WHITE),
        ("American Indian", AIAN), ("Native Hawaiian / Other Pacific Islander", NHPI),
        # Indiana's numeric race codes (4 Hispanic, 6 multiracial, 1 2 3 5 7 races)
        ("1", AIAN), ("2", BLACK), ("3", ASIAN), ("4", HISP), ("5", WHITE), ("6", TWO), ("7", NHPI)]],
    *[("race_ethnicity", v, m, "infinite_campus") for v, m in [
        ("1", HISP), ("2", AIAN), ("3", ASIAN), ("4", BLACK), ("5", NHPI), ("6", WHITE), ("7", TWO),
        ("Hispanic/Latino", HISP)]],
    *[("race_ethnicity", v, m, "public_files") for v, m in [
        ("Black", BLACK), ("White", WHITE), ("Asian", ASIAN), ("group A", None), ("group B", None),
        ("group C", None), ("group D", None), ("group E", None)]],
    # --- gender ---
    *[("gender", v, m, "edfi") for v, m in [
        ("Female", "Female"), ("Male", "Male"), ("Non-binary", "Nonbinary"), ("Not Selected", NR),
        (URI.format("SexDescriptor", "Female"), "Female")]],
    *[("gender", v, m, "edfacts") for v, m in [("MALE", "Male"), ("FEMALE", "Female"), ("M", "Male"),
                                               ("F", "Female"), ("X", "Nonbinary")]],
    *[("gender", v, m, "infinite_campus") for v, m in [("Non-Binary", "Nonbinary")]],
    *[("gender", v, m, "public_files") for v, m in [("female", "Female"), ("male", "Male")]],
    # --- grade ---
    *[("grade", v, m, "edfi") for v, m in [
        ("Infant/toddler", None), ("Preschool", "PK"), ("Prekindergarten", "PK"), ("Transitional Kindergarten", None),
        ("Kindergarten", "K"), ("First grade", "1"), ("Second grade", "2"), ("Third grade", "3"),
        ("Fourth grade", "4"), ("Fifth grade", "5"), ("Sixth grade", "6"), ("Seventh grade", "7"),
        ("Eighth grade", "8"), ("Ninth grade", "9"), ("Tenth grade", "10"), ("Eleventh grade", "11"),
        ("Twelfth grade", "12"), ("Grade 13", None), ("Postsecondary", None), ("Ungraded", None),
        ("Preschool/Prekindergarten", "PK"), ("Adult Education", None),
        (URI.format("GradeLevelDescriptor", "Ninth grade"), "9")]],
    *[("grade", v, m, "edfacts") for v, m in [
        ("PK", "PK"), ("KG", "K"), ("01", "1"), ("05", "5"), ("09", "9"), ("12", "12"), ("13", None),
        ("UG", None), ("AE", None)]],
    *[("grade", v, m, "public_files") for v, m in [("5", "5"), ("8", "8")]],
    # --- low income ---
    *[("low_income", v, m, "edfi") for v, m in [
        ("Not Qualified As Economically Disadvantaged", False), ("Eligible For Free Meals", True),
        ("Eligible for Reduced-Price Meals", True), ("Other Economic Disadvantage", True), ("Unknown", NR),
        ("Free Lunch", True), ("Reduced Price Lunch", True), ("Full Price Lunch", False),
        ("Economic Disadvantaged", True),
        (URI.format("SchoolFoodServiceProgramServiceDescriptor", "Free Breakfast"), True)]],
    *[("low_income", v, m, "powerschool") for v, m in [
        ("P", False), ("R", True), ("F", True), ("FDC", True), ("RDC", True), ("Full Pay", False),
        ("Reduced", True), ("Free", True), ("Free-DC", True), ("Reduced-DC", True), ("Exempt", None),
        ("Temporary", None), ("F-Eligible", True), ("R-Eligible", True), ("N-Eligible", False)]],
    *[("low_income", v, m, "edfacts") for v, m in [("ECODIS", True), ("Direct Cert", True)]],
    *[("low_income", v, m, "public_files") for v, m in [
        ("free/reduced", True), ("standard", False), ("Y", True), ("N", False), ("1", True), ("0", False)]],
    # --- English learner ---
    *[("english_learner", v, m, "edfi") for v, m in [
        ("Limited", True), ("Limited Monitored 1", False), ("Limited Monitored 2", False), ("NotLimited", False),
        (URI.format("LimitedEnglishProficiencyDescriptor", "Limited"), True)]],
    *[("english_learner", v, m, "edfacts") for v, m in [("LEP", True)]],
    *[("english_learner", v, m, "public_files") for v, m in [("Y", True), ("N", False), ("1", True),
                                                             ("0", False)]],
    # --- special education and 504 ---
    *[("special_ed", v, m, "edfacts") for v, m in [("SPED", True), ("SWD", True), ("IDEA", True)]],
    *[("special_ed", v, m, "public_files") for v, m in [
        ("Regular-Ed", False), ("Learning Disability", True), ("Other Health Impairment", None), ("Y", True),
        ("N", False)]],
    *[("section_504", v, m, "public_files") for v, m in [("X", True), ("Y", True), ("N", False), ("504", True)]],
    # --- the federal rule's Hispanic flag (PowerSchool FedEthnicity, Ed-Fi HispanicLatinoEthnicity) ---
    *[("hispanic", v, m, "edfi") for v, m in [("true", True), ("false", False), ("1", True), ("0", False)]],
    *[("hispanic", v, m, "ceds") for v, m in [("Hispanic or Latino", True), ("Not Hispanic or Latino", False)]],
]
