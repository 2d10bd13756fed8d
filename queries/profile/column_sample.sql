-- A fixed sample of one column's distinct values, for columns with too many to count (ids, names, scores);
-- each comes with a count of 1. Identifiers: table, column. Fragment: text, the expression that writes `value`
-- as text. Parameters: $limit.
SELECT DISTINCT {text} AS value, 1 AS n
FROM (SELECT {column} AS value FROM {table} USING SAMPLE reservoir(10000 ROWS) REPEATABLE (7))
ORDER BY value NULLS LAST
LIMIT $limit
