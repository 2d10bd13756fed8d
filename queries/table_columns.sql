-- The column names of one table in order. Parameters: $table.
SELECT column_name
FROM duckdb_columns()
WHERE table_name = $table AND NOT internal
ORDER BY column_index
