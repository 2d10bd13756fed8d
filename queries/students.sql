-- Creates the typed `students` table: one row per student and term, canonical columns, normalised values.
-- Identifiers: source (the raw upload). Fragment: columns, one expression per canonical or outcome
-- column, built by equity.data.students from its templates. Parameters: the lookups and constants those
-- expressions name ($keys_N, $values_N, $constant_N, $excused).
CREATE OR REPLACE TABLE students AS
SELECT
    {columns}
FROM {source}
