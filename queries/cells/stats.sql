-- Counts of one outcome under one rule for every pair of groups of two dimensions, plus all students.
-- Identifiers: outcome, first, second. Parameters: as cells/group_stats.sql.
SELECT
    {first} AS first_group,
    {second} AS second_group,
    GROUPING({first}, {second}) AS grouping_id,
    count(y) AS n,
    coalesce(sum(y), 0) AS total,
    coalesce(sum(y * y), 0) AS squares,
    count(*) - count(y) AS missing
FROM (
    SELECT {first}, {second}, score($kind, $threshold, $categories::VARCHAR[], {outcome}) AS y
    FROM filtered_students($f_race::VARCHAR[], $f_low_income::VARCHAR[], $f_english_learner::VARCHAR[],
                           $f_special_ed::VARCHAR[], $f_section_504::VARCHAR[],
                           $f_gender::VARCHAR[], $f_grade::VARCHAR[], $f_school::VARCHAR[],
                           $f_term::VARCHAR[])
)
GROUP BY GROUPING SETS (({first}, {second}), ())
