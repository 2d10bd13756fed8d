-- Builds the temp table `matched`: one row per student (cohort_key of the ID) found in either of two terms,
-- with the group they belong to (in the first term when they were there, else in the second), the outcome
-- scored in each term (`y_from`, `y_to`; for ordered levels, the level's place in $levels) and the ID as
-- written in each. A student whose ID repeats within either term is left out of both (matched_repeats counts them).
-- Identifiers: outcome, dimension. Parameters: $from, $to, $levels (VARCHAR[], empty unless levels),
-- $kind, $threshold, $categories and the filter lists $f_race … $f_school ($f_term is not used: the two
-- terms are chosen by $from and $to).
CREATE OR REPLACE TEMP TABLE matched AS
WITH found AS (
    SELECT cohort_key(student_id) AS k, trim(student_id) AS raw, term, {dimension} AS grp,
           CASE WHEN len($levels::VARCHAR[]) > 0
                THEN CAST(list_position($levels::VARCHAR[], CAST({outcome} AS VARCHAR)) AS DOUBLE)
                ELSE score($kind, $threshold, $categories::VARCHAR[], {outcome}) END AS y
    FROM filtered_students($f_race::VARCHAR[], $f_low_income::VARCHAR[], $f_english_learner::VARCHAR[],
                           $f_special_ed::VARCHAR[], $f_section_504::VARCHAR[],
                           $f_gender::VARCHAR[], $f_grade::VARCHAR[], $f_school::VARCHAR[], []::VARCHAR[])
    WHERE term IN ($from, $to) AND cohort_key(student_id) IS NOT NULL
),
kept AS (
    SELECT * FROM found
    WHERE k NOT IN (SELECT k FROM found GROUP BY k, term HAVING count(*) > 1)
),
a AS (SELECT * FROM kept WHERE term = $from),
b AS (SELECT * FROM kept WHERE term = $to)
SELECT coalesce(a.k, b.k) AS k, a.k IS NOT NULL AS in_from, b.k IS NOT NULL AS in_to,
       CASE WHEN a.k IS NOT NULL THEN a.grp ELSE b.grp END AS grp,
       a.y AS y_from, b.y AS y_to, a.raw AS raw_from, b.raw AS raw_to
FROM a FULL OUTER JOIN b ON a.k = b.k
