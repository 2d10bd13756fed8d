-- The session's own tables, to copy into the read-only SQL console. No parameters.
SELECT table_name
FROM duckdb_tables()
WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary AND NOT internal
ORDER BY table_name
