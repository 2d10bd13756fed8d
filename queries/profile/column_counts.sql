-- How one raw column looks, counted over every row in one pass: the figures of profile/column_profile.sql, for a table on
-- a cluster, where a sample saves no scan and each column's figures join one query of all columns.
-- Identifiers: table, column. Parameters: $excused (VARCHAR[] of codes that mean "no result").
SELECT
    count({column}) AS non_blank,
    approx_count_distinct({column}) AS distinct_estimate,
    count({column}) AS sampled,
    count(TRY_CAST(replace(trim({column}), '%', '') AS DOUBLE)) AS numeric_count,
    count(*) FILTER (WHERE list_contains($excused::VARCHAR[], upper(trim({column})))) AS excused_count
FROM {table}
