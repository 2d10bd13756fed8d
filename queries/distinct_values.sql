-- The distinct values of one column of `students`, as text ('true' / 'false' / 'null' for flags,
-- $missing for a missing value). Identifiers: column. Parameters: $missing.
SELECT DISTINCT coalesce(CAST({column} AS VARCHAR), $missing) AS value
FROM students
ORDER BY value
