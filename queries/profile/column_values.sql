-- The most frequent values of one raw column with their counts (NULL for blank), as text. The column is grouped
-- on its stored values first, so that only distinct values of a typed column are written as text.
-- Identifiers: table, column. Fragment: text, the expression that writes `value` as text.
-- Parameters: $limit.
SELECT {text} AS value, sum(n) AS n
FROM (SELECT {column} AS value, count(*) AS n FROM {table} GROUP BY ALL)
GROUP BY ALL
ORDER BY n DESC, value NULLS LAST
LIMIT $limit
