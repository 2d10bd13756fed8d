-- Every loaded cell of published counts to save, the total rows set aside at load (`count_totals`) among them,
-- marked by `count_total` so that opening the saved rows sets them aside again (counts/restore_totals.sql).
-- No identifiers or parameters.
SELECT *, false AS count_total FROM students
UNION ALL BY NAME
SELECT *, true AS count_total FROM count_totals
