-- Builds the temp table `matched_rows`: every row of two terms that the filters keep, with its student's
-- cohort_key, the ID as written, its group and its outcome scored (`y`; for ordered levels, the level's place
-- in $levels). Identifiers: outcome, dimension. Parameters: $from, $to, $levels (VARCHAR[], empty unless
-- levels), $kind, $threshold, $categories and the filter lists $f_race … $f_school ($f_term is not used: the
-- two terms are chosen by $from and $to).
CREATE OR REPLACE TEMP TABLE matched_rows AS
SELECT cohort_key(student_id) AS k, trim(student_id) AS raw, term, {dimension} AS grp,
       CASE WHEN len($levels::VARCHAR[]) > 0
            THEN CAST(list_position($levels::VARCHAR[], CAST({outcome} AS VARCHAR)) AS DOUBLE)
            ELSE score($kind, $threshold, $categories::VARCHAR[], {outcome}) END AS y
FROM filtered_students($f_race::VARCHAR[], $f_low_income::VARCHAR[], $f_english_learner::VARCHAR[],
                       $f_special_ed::VARCHAR[], $f_section_504::VARCHAR[],
                       $f_gender::VARCHAR[], $f_grade::VARCHAR[], $f_school::VARCHAR[], []::VARCHAR[])
WHERE term IN ($from, $to)
