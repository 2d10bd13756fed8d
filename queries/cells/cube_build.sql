-- Creates a cube: for one outcome under one rule, the students counted per combination of every column a view
-- or a sidebar filter can group or filter by (n with an outcome, sum and sum of squares of the score, missing).
-- Identifiers: cube (the table made), outcome. Parameters: $kind, $threshold, $categories.
CREATE OR REPLACE TEMP TABLE {cube} AS
SELECT
    race_ethnicity, low_income, english_learner, special_ed, section_504, gender, grade, school, term,
    count(y) AS n,
    coalesce(sum(y), 0) AS total,
    coalesce(sum(y * y), 0) AS squares,
    count(*) - count(y) AS missing
FROM (
    SELECT race_ethnicity, low_income, english_learner, special_ed, section_504, gender, grade, school, term,
           score($kind, $threshold, $categories::VARCHAR[], {outcome}) AS y
    FROM students
)
GROUP BY ALL
