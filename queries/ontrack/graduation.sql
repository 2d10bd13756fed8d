-- The 9th graders of one term by their group and whether they were on track: how many, how many of them have a
-- graduation value in a later term, and how many of those graduated. Identifiers: by (the group's column, or
-- columns/nothing.sql for one row per status), on_track (SQL from ontrack/on_track.sql), graduated (a yes/no column).
-- Parameters: $term, $grade, $later (the later terms), $min_credits, $max_failures and the filter
-- lists $f_race ... $f_gender, $f_school (grade and term are these).
WITH entering AS (
    SELECT DISTINCT cohort_key(student_id) AS id, {by} AS grp, {on_track} AS on_track
    FROM filtered_students($f_race::VARCHAR[], $f_low_income::VARCHAR[], $f_english_learner::VARCHAR[],
                           $f_special_ed::VARCHAR[], $f_section_504::VARCHAR[], $f_gender::VARCHAR[],
                           []::VARCHAR[], $f_school::VARCHAR[], []::VARCHAR[])
    WHERE term = $term AND grade = $grade AND student_id IS NOT NULL
), finished AS (
    SELECT cohort_key(student_id) AS id, bool_or({graduated}) AS graduated
    FROM students
    WHERE list_contains($later::VARCHAR[], term) AND {graduated} IS NOT NULL
    GROUP BY ALL
)
SELECT entering.grp, entering.on_track, count(*) AS n, count(finished.graduated) AS known,
       count(*) FILTER (WHERE finished.graduated) AS graduated
FROM entering LEFT JOIN finished USING (id)
WHERE entering.on_track IS NOT NULL
GROUP BY ALL
