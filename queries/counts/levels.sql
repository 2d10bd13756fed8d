-- Each distinct (level, entity) pair of a raw count file, as text, to find rows above the school level.
-- Identifiers: source (the raw upload), level (its column of levels), school (its column of entities).
-- No parameters.
SELECT DISTINCT CAST({level} AS VARCHAR) AS level, CAST({school} AS VARCHAR) AS entity
FROM {source}
