-- Students with the outcome in each of the two terms, per group (is_total = 1: all of them), as the
-- single-term views of the same filters count them. Parameters: $from. Reads `matched_rows`.
SELECT term = $from AS is_from, grp, GROUPING(grp) AS is_total, count(y) AS n
FROM matched_rows
GROUP BY GROUPING SETS ((term, grp), (term))
