-- Defines filtered_students(...): the students the sidebar filters keep, each filter tested by its
-- keep_<filter> macro (students/keep_filters.sql). Parameters of the macro, each VARCHAR[] (an empty list keeps
-- everyone): f_race, f_low_income, f_english_learner, f_special_ed, f_section_504, f_gender, f_grade, f_school,
-- f_term.
CREATE OR REPLACE TEMP MACRO filtered_students(
    f_race, f_low_income, f_english_learner, f_special_ed, f_section_504, f_gender, f_grade, f_school, f_term
) AS TABLE
SELECT *
FROM students
WHERE (len(f_race) = 0 OR keep_race(f_race, race_ethnicity))
  AND (len(f_low_income) = 0 OR keep_low_income(f_low_income, low_income))
  AND (len(f_english_learner) = 0 OR keep_english_learner(f_english_learner, english_learner))
  AND (len(f_special_ed) = 0 OR keep_special_ed(f_special_ed, special_ed))
  AND (len(f_section_504) = 0 OR keep_section_504(f_section_504, section_504))
  AND (len(f_gender) = 0 OR keep_gender(f_gender, gender))
  AND (len(f_grade) = 0 OR keep_grade(f_grade, grade))
  AND (len(f_school) = 0 OR keep_school(f_school, school))
  AND (len(f_term) = 0 OR keep_term(f_term, term));
