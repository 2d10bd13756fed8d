-- How one raw column looks: non-blank count, distinct count, how many values read as numbers.
-- Identifiers: table, column. Parameters: $excused (VARCHAR[] of codes that mean "no result").
SELECT
    count({column}) AS non_blank,
    count(DISTINCT {column}) AS distinct_count,
    count(TRY_CAST(replace(trim({column}), '%', '') AS DOUBLE)) AS numeric_count,
    count(*) FILTER (WHERE list_contains($excused::VARCHAR[], upper(trim({column})))) AS excused_count
FROM {table}
