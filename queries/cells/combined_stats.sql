-- Per-race counts of one outcome, alone or in combination: a student is counted under every race they report
-- (race_list), so the groups add up to more than all students; the row with is_total = 1 is all students,
-- each counted once. Identifiers: outcome. Parameters: $kind, $threshold, $categories and the filter lists
-- $f_race, $f_low_income, $f_english_learner, $f_special_ed, $f_section_504, $f_gender, $f_grade, $f_school,
-- $f_term.
WITH scored AS (
    SELECT coalesce(race_list, [CAST(race_ethnicity AS VARCHAR)]) AS races,
           score($kind, $threshold, $categories::VARCHAR[], {outcome}) AS y
    FROM filtered_students($f_race::VARCHAR[], $f_low_income::VARCHAR[], $f_english_learner::VARCHAR[],
                           $f_special_ed::VARCHAR[], $f_section_504::VARCHAR[],
                           $f_gender::VARCHAR[], $f_grade::VARCHAR[], $f_school::VARCHAR[],
                           $f_term::VARCHAR[])
)
SELECT grp, 0 AS is_total, count(y) AS n, coalesce(sum(y), 0) AS total, coalesce(sum(y * y), 0) AS squares,
       count(*) - count(y) AS missing
FROM (SELECT unnest(races) AS grp, y FROM scored)
GROUP BY grp
UNION ALL
SELECT NULL, 1, count(y), coalesce(sum(y), 0), coalesce(sum(y * y), 0), count(*) - count(y)
FROM scored
