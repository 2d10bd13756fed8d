-- Defines filtered_students(...): the students the sidebar filters keep; filters_keep(...), the same test on
-- any row holding the canonical columns (a student, or a cell of a cube); and flag_in(chosen, flag).
-- Parameters of the macros, each VARCHAR[] (an empty list keeps everyone): f_race, f_low_income,
-- f_english_learner, f_special_ed, f_section_504, f_gender, f_grade, f_school, f_term. Flags are chosen as
-- 'true' / 'false' / 'null'. Each row's own value is compared as it is stored (ENUM, BOOLEAN): the chosen
-- lists are turned into the column's type once, never every row into text.
CREATE OR REPLACE TEMP MACRO flag_in(chosen, flag) AS
    len(chosen) = 0
    OR (flag AND list_contains(chosen, 'true'))
    OR (NOT flag AND list_contains(chosen, 'false'))
    OR (flag IS NULL AND list_contains(chosen, 'null'));
CREATE OR REPLACE TEMP MACRO filters_keep(
    f_race, f_low_income, f_english_learner, f_special_ed, f_section_504, f_gender, f_grade, f_school, f_term,
    race_ethnicity, low_income, english_learner, special_ed, section_504, gender, grade, school, term
) AS
    (len(f_race) = 0 OR list_contains(TRY_CAST(f_race AS race_label[]), race_ethnicity))
    AND flag_in(f_low_income, low_income)
    AND flag_in(f_english_learner, english_learner)
    AND flag_in(f_special_ed, special_ed)
    AND flag_in(f_section_504, section_504)
    AND (len(f_gender) = 0 OR list_contains(TRY_CAST(f_gender AS gender_label[]), gender))
    AND (len(f_grade) = 0 OR list_contains(f_grade, coalesce(grade, 'Not reported')))
    AND (len(f_school) = 0 OR list_contains(f_school, coalesce(school, 'Not reported')))
    AND (len(f_term) = 0 OR list_contains(f_term, coalesce(term, 'Not reported')));
CREATE OR REPLACE TEMP MACRO filtered_students(
    f_race, f_low_income, f_english_learner, f_special_ed, f_section_504, f_gender, f_grade, f_school, f_term
) AS TABLE
SELECT *
FROM students
WHERE filters_keep(f_race, f_low_income, f_english_learner, f_special_ed, f_section_504, f_gender, f_grade,
                   f_school, f_term,
                   race_ethnicity, low_income, english_learner, special_ed, section_504, gender, grade, school,
                   term);
