-- Creates the groups cube: the students counted per combination of every column a view or a sidebar filter can
-- group or filter by, with no outcome (total, squares and missing 0), for the terms and the values the filters
-- offer when the students are counted elsewhere (a Spark table). Same columns as cube_build.sql.
-- Identifiers: cube (the table made). No parameters.
CREATE OR REPLACE TEMP TABLE {cube} AS
SELECT
    race_ethnicity, low_income, english_learner, special_ed, section_504, gender, grade, school, term,
    count(*) AS n,
    0.0 AS total,
    0.0 AS squares,
    0 AS missing
FROM students
GROUP BY ALL
