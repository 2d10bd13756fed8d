-- The suppression markers of one raw column of published counts (non-blank values count_cell reads as
-- unknown, counts/cell.sql) with how many cells hold each, most frequent first.
-- Identifiers: table, column. No parameters.
SELECT trim(CAST({column} AS VARCHAR)) AS marker, count(*) AS n
FROM {table}
WHERE nullif(trim(CAST({column} AS VARCHAR)), '') IS NOT NULL AND count_cell({column}) IS NULL
GROUP BY ALL
ORDER BY n DESC, marker
