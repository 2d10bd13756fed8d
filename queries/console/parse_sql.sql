-- A query as DuckDB's parser reads it, as JSON (its statements, each with its select list, tables, groups).
-- Parameters: the query text, bound positionally.
SELECT json_serialize_sql(CAST(? AS VARCHAR))
