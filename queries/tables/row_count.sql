-- The number of rows of one table. Identifiers: table.
SELECT count(*) FROM {table}
