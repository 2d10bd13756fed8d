-- Removes the total rows (kept in `count_totals`) from `students`. Parameters: $names (VARCHAR[]).
DELETE FROM students
WHERE list_contains(CAST($names AS VARCHAR[]), school)
