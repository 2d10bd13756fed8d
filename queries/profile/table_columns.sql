-- The column names of one table (or registered view) in order, with their types. Parameters: $table.
SELECT column_name, data_type
FROM duckdb_columns()
WHERE table_name = $table AND NOT internal
ORDER BY column_index
