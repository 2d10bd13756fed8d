-- Defines filtered_students(...): the students the sidebar filters keep; and keep_<filter>(chosen, value), one
-- filter's test of a row's value, which a query over a cube's cells combines for the filters in use only.
-- Parameters of the macros, each VARCHAR[] (an empty list keeps everyone): f_race, f_low_income,
-- f_english_learner, f_special_ed, f_section_504, f_gender, f_grade, f_school, f_term. Flags are chosen as
-- 'true' / 'false' / 'null'. Each row's own value is compared as it is stored (ENUM, BOOLEAN): the chosen
-- lists are turned into the column's type once, never every row into text.
CREATE OR REPLACE TEMP MACRO flag_in(chosen, flag) AS
    (flag AND list_contains(chosen, 'true'))
    OR (NOT flag AND list_contains(chosen, 'false'))
    OR (flag IS NULL AND list_contains(chosen, 'null'));
CREATE OR REPLACE TEMP MACRO keep_race(chosen, value) AS list_contains(TRY_CAST(chosen AS race_label[]), value);
CREATE OR REPLACE TEMP MACRO keep_low_income(chosen, value) AS flag_in(chosen, value);
CREATE OR REPLACE TEMP MACRO keep_english_learner(chosen, value) AS flag_in(chosen, value);
CREATE OR REPLACE TEMP MACRO keep_special_ed(chosen, value) AS flag_in(chosen, value);
CREATE OR REPLACE TEMP MACRO keep_section_504(chosen, value) AS flag_in(chosen, value);
CREATE OR REPLACE TEMP MACRO keep_gender(chosen, value) AS list_contains(TRY_CAST(chosen AS gender_label[]), value);
CREATE OR REPLACE TEMP MACRO keep_grade(chosen, value) AS list_contains(chosen, coalesce(value, 'Not reported'));
CREATE OR REPLACE TEMP MACRO keep_school(chosen, value) AS list_contains(chosen, coalesce(value, 'Not reported'));
CREATE OR REPLACE TEMP MACRO keep_term(chosen, value) AS list_contains(chosen, coalesce(value, 'Not reported'));
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
