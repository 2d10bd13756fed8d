-- Defines keep_<filter>(chosen, value): one sidebar filter's test of a row's value, which a query over students
-- (students/filtered_students.sql) or a cube's cells (students/chosen.sql) combines for the filters in use only;
-- equity.sources.cube.Held keeps a cube's cells in memory the same way.
-- chosen is VARCHAR[]; flags are chosen as 'true' / 'false' / 'null'. Each row's own value is compared as it
-- is stored (ENUM, BOOLEAN): the chosen lists are turned into the column's type once, never every row into text.
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
