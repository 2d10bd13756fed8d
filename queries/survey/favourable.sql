-- Respondents answering each item and how many answered favourably, per group and for everyone.
-- Fragment: groups (one or two canonical columns of survey_people, comma-separated).
SELECT
    a.item,
    {groups},
    GROUPING({groups}) AS is_total,
    count(a.y) AS n,
    coalesce(sum(a.y), 0) AS favourable
FROM survey_answers AS a
JOIN survey_people AS p USING (_rid)
GROUP BY GROUPING SETS ((a.item), (a.item, {groups}))
