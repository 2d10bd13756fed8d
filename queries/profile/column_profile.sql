-- How one raw column looks: non-blank count and an estimate of its distinct values over every row, and how
-- many values read as numbers or as excused codes in a fixed sample of rows (enough to judge its kind).
-- Identifiers: table, column, sample (a table of sampled rows: profile/table_sample.sql). Fragments: stored, the column as stored but NaN as NULL; text, the expression
-- that writes `value` as text.
-- Parameters: $excused (VARCHAR[] of codes that mean "no result").
SELECT
    (SELECT count({stored}) FROM {table}) AS non_blank,
    (SELECT approx_count_distinct({stored}) FROM {table}) AS distinct_estimate,
    count(value) AS sampled,
    count(TRY_CAST(replace(trim(value), '%', '') AS DOUBLE)) AS numeric_count,
    count(*) FILTER (WHERE list_contains($excused::VARCHAR[], upper(trim(value)))) AS excused_count
FROM (SELECT {text} AS value FROM (SELECT {column} AS value FROM {sample}))
