-- Students with a known count and how many of them the count covers, over every loaded cell of published
-- counts, to say when a count is zero everywhere. Identifiers: outcome (the count column). No parameters.
SELECT
    coalesce(sum(denominator) FILTER (WHERE {outcome} IS NOT NULL), 0) AS n,
    coalesce(sum({outcome}), 0) AS met
FROM students
