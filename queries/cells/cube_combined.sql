-- Creates a cube for races alone or in combination: for one outcome under one rule, students with a result per
-- race they report (race_list: a student with two races is counted under both) and per combination of every
-- column a sidebar filter can filter by, for the rule across views (equity.stats.across) on that breakdown.
-- Identifiers: cube (the table made), outcome. Parameters: $kind, $threshold, $categories.
CREATE OR REPLACE TEMP TABLE {cube} AS
SELECT
    race_list, race_ethnicity, low_income, english_learner, special_ed, section_504, gender, grade, school, term,
    count(y) AS n
FROM (
    SELECT unnest(coalesce(race_list, [CAST(race_ethnicity AS VARCHAR)])) AS race_list,
           race_ethnicity, low_income, english_learner, special_ed, section_504, gender, grade, school, term,
           score($kind, $threshold, $categories::VARCHAR[], {outcome}) AS y
    FROM students
)
GROUP BY ALL
