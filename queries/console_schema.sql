-- Every column of every table in the SQL console, with its type, for the schema shown beside the editor.
-- No parameters.
SELECT table_name, column_name, data_type
FROM duckdb_columns()
WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal
ORDER BY table_name, column_index
