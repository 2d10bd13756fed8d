-- Creates `table`: the students enrolled in the baseline term $term, one row per student as cohort_key
-- (matched/key.sql) reads their ID, so that a goal can follow them in later terms. Identifiers: table.
CREATE OR REPLACE TEMP TABLE {table} AS
SELECT DISTINCT cohort_key(student_id) AS id
FROM students
WHERE term = $term AND student_id IS NOT NULL
