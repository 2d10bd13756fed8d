-- The session's own tables, and the views of its upload's rows (equity.dataset: DuckDB reads the upload's Arrow
-- table), to copy into the read-only SQL console. Parameters: $views, the names of those views.
SELECT table_name
FROM duckdb_tables()
WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary AND NOT internal
UNION ALL
SELECT view_name
FROM duckdb_views()
WHERE temporary AND NOT internal AND list_contains($views::VARCHAR[], view_name)
ORDER BY 1
