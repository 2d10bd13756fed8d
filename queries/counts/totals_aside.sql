-- Creates `count_totals`: the loaded cells whose entity is a total row (a district's or state's), empty when
-- there is none, so a file loaded later never sees an earlier file's totals. Parameters: $names (VARCHAR[]).
CREATE OR REPLACE TABLE count_totals AS
SELECT *
FROM students
WHERE list_contains(CAST($names AS VARCHAR[]), school)
