-- The values of several raw columns with their counts (NULL for blank), in one pass: profile/column_values.sql for many
-- columns at once, for a table on a cluster. Identifiers: table. Fragment: columns, the quoted columns joined by
-- commas.
SELECT header, value, count(*) AS n
FROM {table} UNPIVOT INCLUDE NULLS (value FOR header IN ({columns}))
GROUP BY header, value
