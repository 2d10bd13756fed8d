-- What kind of values one raw text column holds, judged on a sample of its rows (profile/table_head.sql on a
-- cluster, profile/table_sample.sql for an upload whose column was counted on its codes), as
-- profile/column_profile.sql judges an upload: how many values read as numbers or as excused codes. On a cluster
-- each column's figures join one query of all columns.
-- Identifiers: table, column. Parameters: $excused (VARCHAR[] of codes that mean "no result").
SELECT
    count({column}) AS sampled,
    count(TRY_CAST(replace(trim({column}), '%', '') AS DOUBLE)) AS numeric_count,
    count(*) FILTER (WHERE list_contains($excused::VARCHAR[], upper(trim({column})))) AS excused_count
FROM {table}
