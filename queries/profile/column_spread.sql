-- How one raw column of a table on a cluster spreads, counted over every row: its non-blank values and an estimate
-- of its distinct values (profile/column_profile.sql's first two figures). Each column's figures join one query of
-- all columns, so the table is read once. Identifiers: table, column.
SELECT
    count({column}) AS non_blank,
    approx_count_distinct({column}) AS distinct_estimate
FROM {table}
