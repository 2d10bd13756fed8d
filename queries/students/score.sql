-- Defines score(kind, threshold, categories, value): one student's outcome scored under a rule.
-- kind is 'threshold' | 'boolean' | 'categories' | 'mean'; threshold DOUBLE; categories VARCHAR[].
-- The result is 1/0 for rates, the value itself for means, NULL when the outcome is missing or excused.
-- A category matches by its text or, when both read as numbers, by value: 1, 1.0 and '1' are one category.
CREATE OR REPLACE TEMP MACRO score(kind, threshold, categories, value) AS
CASE
    WHEN value IS NULL THEN NULL
    WHEN kind = 'threshold' THEN CAST(TRY_CAST(value AS DOUBLE) >= threshold AS DOUBLE)
    WHEN kind = 'boolean' THEN CAST(TRY_CAST(value AS BOOLEAN) AS DOUBLE)
    WHEN kind = 'categories' THEN CAST(
        list_contains(categories, CAST(value AS VARCHAR))
        OR coalesce(list_contains(list_transform(categories, lambda c: TRY_CAST(c AS DOUBLE)),
                                  TRY_CAST(value AS DOUBLE)), false) AS DOUBLE)
    ELSE TRY_CAST(value AS DOUBLE)
END
