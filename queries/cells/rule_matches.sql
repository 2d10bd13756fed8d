-- How many students in the whole loaded file have a result for one outcome, how many meet its rule, and what
-- its values run over (lowest, highest, and the first eight distinct values), to say why a rule matches nobody.
-- Identifiers: outcome. Parameters: $kind, $threshold, $categories.
SELECT
    count(y) AS n,
    coalesce(sum(y), 0) AS met,
    min(TRY_CAST(v AS DOUBLE)) AS lowest,
    max(TRY_CAST(v AS DOUBLE)) AS highest,
    list(DISTINCT CAST(v AS VARCHAR) ORDER BY CAST(v AS VARCHAR))[1:8] AS seen
FROM (
    SELECT score($kind, $threshold, $categories::VARCHAR[], {outcome}) AS y, {outcome} AS v
    FROM students
)
WHERE y IS NOT NULL
