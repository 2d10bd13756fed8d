-- Per-group counts of one outcome under one rule; the row with is_total = 1 is all students.
-- Identifiers: outcome, dimension. Parameters: $kind, $threshold, $categories and the filter lists
-- $f_race, $f_low_income, $f_english_learner, $f_special_ed, $f_section_504, $f_gender, $f_grade, $f_school,
-- $f_term.
SELECT
    {dimension} AS grp,
    GROUPING({dimension}) AS is_total,
    count(y) AS n,
    coalesce(sum(y), 0) AS total,
    coalesce(sum(y * y), 0) AS squares,
    count(*) - count(y) AS missing
FROM (
    SELECT {dimension}, score($kind, $threshold, $categories::VARCHAR[], {outcome}) AS y
    FROM filtered_students($f_race::VARCHAR[], $f_low_income::VARCHAR[], $f_english_learner::VARCHAR[],
                           $f_special_ed::VARCHAR[], $f_section_504::VARCHAR[],
                           $f_gender::VARCHAR[], $f_grade::VARCHAR[], $f_school::VARCHAR[],
                           $f_term::VARCHAR[])
)
GROUP BY ROLLUP ({dimension})
