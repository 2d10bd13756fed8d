-- Defines warns(test, threshold, categories, value): whether one early-warning indicator flags a student (true),
-- does not (false), or cannot tell (NULL: no value). `test` is 'below', 'at_least', 'yes' or 'in'. No parameters.
CREATE OR REPLACE TEMP MACRO warns(test, threshold, categories, value) AS
CASE
    WHEN value IS NULL THEN NULL
    WHEN test = 'below' THEN TRY_CAST(value AS DOUBLE) < threshold
    WHEN test = 'at_least' THEN TRY_CAST(value AS DOUBLE) >= threshold
    WHEN test = 'yes' THEN TRY_CAST(value AS BOOLEAN)
    ELSE list_contains(categories, CAST(value AS VARCHAR))
END
