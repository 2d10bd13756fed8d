-- Student IDs that appear more than once within one of two terms: how many, and a few as written.
-- Parameters: $from, $to. Reads `students` (cohort_key from matched_key must be defined).
SELECT count(*) AS repeated, list(example ORDER BY example)[1:5] AS examples
FROM (
    SELECT cohort_key(student_id) AS k, term, min(trim(student_id)) AS example
    FROM students
    WHERE term IN ($from, $to) AND cohort_key(student_id) IS NOT NULL
    GROUP BY ALL
    HAVING count(*) > 1
)
