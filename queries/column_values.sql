-- The most frequent values of one raw column with their counts (NULL for blank).
-- Identifiers: table, column. Parameters: $limit.
SELECT {column} AS value, count(*) AS n
FROM {table}
GROUP BY {column}
ORDER BY n DESC, value NULLS LAST
LIMIT $limit
