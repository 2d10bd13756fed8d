-- The values of several raw columns with their counts (NULL for blank), in one pass: profile/column_values.sql for
-- many columns at once, for a table on a cluster; every value of the columns named in $every, only the values at
-- least $shared rows hold of the others. Identifiers: table. Fragment: columns, the quoted columns joined by commas.
-- Parameters: $shared, $every (VARCHAR[] of headers).
SELECT header, value, count(*) AS n
FROM {table} UNPIVOT INCLUDE NULLS (value FOR header IN ({columns}))
GROUP BY header, value
HAVING count(*) >= $shared OR list_contains($every::VARCHAR[], header)
