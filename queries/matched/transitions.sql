-- Students with the outcome in both terms, counted by group (is_total = 1: all of them), level in the first
-- term and level in the second (places in the ordered list of levels). No parameters; reads `matched`.
SELECT grp, GROUPING(grp) AS is_total, CAST(y_from AS INTEGER) AS level_from, CAST(y_to AS INTEGER) AS level_to,
       count(*) AS n
FROM matched
WHERE y_from IS NOT NULL AND y_to IS NOT NULL
GROUP BY GROUPING SETS ((grp, y_from, y_to), (y_from, y_to))
