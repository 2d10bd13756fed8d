-- The values of several raw columns with their counts (NULL for blank), in one pass: profile/column_values.sql for
-- many columns at once, for a table on a cluster; only the values at least $shared rows hold. Identifiers: table.
-- Fragment: columns, the quoted columns joined by commas. Parameters: $shared.
SELECT header, value, count(*) AS n
FROM {table} UNPIVOT INCLUDE NULLS (value FOR header IN ({columns}))
GROUP BY header, value
HAVING count(*) >= $shared
