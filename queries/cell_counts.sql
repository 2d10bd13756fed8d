-- Counts of one outcome under one rule for every combination of race/ethnicity, low income, English learner
-- and special education among the filtered students: one small table that the breakdowns by each of these
-- four dimensions, and all students, are summed from.
-- Identifiers: outcome. Parameters: $kind, $threshold, $categories and the filter lists
-- $f_race, $f_low_income, $f_english_learner, $f_special_ed, $f_section_504, $f_gender, $f_grade, $f_school,
-- $f_term.
SELECT
    race_ethnicity,
    low_income,
    english_learner,
    special_ed,
    count(y) AS n,
    coalesce(sum(y), 0) AS total,
    coalesce(sum(y * y), 0) AS squares,
    count(*) - count(y) AS missing
FROM (
    SELECT race_ethnicity, low_income, english_learner, special_ed,
           score($kind, $threshold, $categories::VARCHAR[], {outcome}) AS y
    FROM filtered_students($f_race::VARCHAR[], $f_low_income::VARCHAR[], $f_english_learner::VARCHAR[],
                           $f_special_ed::VARCHAR[], $f_section_504::VARCHAR[],
                           $f_gender::VARCHAR[], $f_grade::VARCHAR[], $f_school::VARCHAR[],
                           $f_term::VARCHAR[])
)
GROUP BY ALL
