-- Per group of `matched` (and all students, is_total = 1): students in both terms, who left, who arrived,
-- those with the outcome in both terms, their sums in each term, and how many moved up or down.
-- No parameters or identifiers.
SELECT grp, GROUPING(grp) AS is_total,
       count(*) FILTER (WHERE in_from AND in_to) AS matched,
       count(*) FILTER (WHERE in_from AND NOT in_to) AS left_,
       count(*) FILTER (WHERE in_to AND NOT in_from) AS arrived,
       count(*) FILTER (WHERE y_from IS NOT NULL AND y_to IS NOT NULL) AS scored,
       coalesce(sum(y_from) FILTER (WHERE y_to IS NOT NULL), 0) AS sum_from,
       coalesce(sum(y_to) FILTER (WHERE y_from IS NOT NULL), 0) AS sum_to,
       count(*) FILTER (WHERE y_to > y_from) AS up,
       count(*) FILTER (WHERE y_to < y_from) AS down
FROM matched
GROUP BY ROLLUP (grp)
