-- Defines count_cell(v): a published count as a number, NULL when blank or suppressed (any text that is not a
-- number of zero or more: `*`, `<10`, `n<5`, `‡`, the CRDC's negative reserve codes `-9`, `-2` ...), never 0.
-- Thousands separators are read. No identifiers or parameters.
CREATE OR REPLACE MACRO count_cell(v) AS
    CASE WHEN TRY_CAST(replace(trim(CAST(v AS VARCHAR)), ',', '') AS DOUBLE) >= 0
         THEN TRY_CAST(replace(trim(CAST(v AS VARCHAR)), ',', '') AS DOUBLE) END
