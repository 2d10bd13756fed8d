-- The distinct values of one column of `students` (or of a cube: the same columns), as text ('true' / 'false' /
-- 'null' for flags, $missing for a missing value). Identifiers: column, table. Parameters: $missing.
SELECT DISTINCT coalesce(CAST({column} AS VARCHAR), $missing) AS value
FROM {table}
ORDER BY value
