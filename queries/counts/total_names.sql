-- The entities of the total rows set aside (`count_totals`), by name. No identifiers or parameters.
SELECT DISTINCT school
FROM count_totals
WHERE school IS NOT NULL
ORDER BY school
