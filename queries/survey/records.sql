-- One record per student from `students` for a survey to join: the chosen term's ($term), or the latest.
SELECT *, id_key(student_id) AS _key
FROM students
WHERE student_id IS NOT NULL AND ($term IS NULL OR term = $term)
QUALIFY row_number() OVER (PARTITION BY id_key(student_id) ORDER BY term DESC) = 1
