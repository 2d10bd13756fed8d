-- Creates the typed `students` table: one row per student and term, canonical columns, normalised values.
-- Identifiers: source (the raw upload). Fragment: columns, one expression per canonical or outcome
-- column, each a template of queries/columns/ filled by equity.data.students (restored rows: the saved
-- columns as they are). Parameters: those the expressions name ($keys_N, $values_N, $constant_N, $excused,
-- $not_reported, $race_flag_N, $hispanic, $two_or_more, $min_days, $chronic_share, $cut_grades_N, ...).
CREATE OR REPLACE TABLE students AS
SELECT
    {columns}
FROM {source}
