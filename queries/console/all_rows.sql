-- Every row and column of one table, to save it. Identifiers: table.
SELECT * FROM {table}
