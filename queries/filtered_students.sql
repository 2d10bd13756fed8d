-- Defines filtered_students(...): the students the sidebar filters keep.
-- Parameters of the macro, each VARCHAR[] (an empty list keeps everyone): f_race, f_low_income,
-- f_english_learner, f_special_ed, f_section_504, f_gender, f_grade, f_school, f_term. Flags compare as
-- 'true' / 'false' / 'null'.
CREATE OR REPLACE TEMP MACRO filtered_students(
    f_race, f_low_income, f_english_learner, f_special_ed, f_section_504, f_gender, f_grade, f_school, f_term
) AS TABLE
SELECT *
FROM students
WHERE (len(f_race) = 0 OR list_contains(f_race, race_ethnicity))
  AND (len(f_low_income) = 0 OR list_contains(f_low_income, coalesce(CAST(low_income AS VARCHAR), 'null')))
  AND (len(f_english_learner) = 0
       OR list_contains(f_english_learner, coalesce(CAST(english_learner AS VARCHAR), 'null')))
  AND (len(f_special_ed) = 0 OR list_contains(f_special_ed, coalesce(CAST(special_ed AS VARCHAR), 'null')))
  AND (len(f_section_504) = 0 OR list_contains(f_section_504, coalesce(CAST(section_504 AS VARCHAR), 'null')))
  AND (len(f_gender) = 0 OR list_contains(f_gender, CAST(gender AS VARCHAR)))
  AND (len(f_grade) = 0 OR list_contains(f_grade, coalesce(grade, 'Not reported')))
  AND (len(f_school) = 0 OR list_contains(f_school, coalesce(school, 'Not reported')))
  AND (len(f_term) = 0 OR list_contains(f_term, coalesce(term, 'Not reported')))
