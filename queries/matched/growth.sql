-- Each matched student's conditional percentile, summarised per group (is_total = 1: all of them) as students
-- and median. Students are put in $bins bins of their first-term score (by rank, ties kept together); the
-- percentile is the share of the other students in the same bin whose second-term score is lower, ties
-- counting half. Parameters: $bins. Reads `matched`.
WITH scored AS (
    SELECT grp, y_from, y_to,
           least($bins - 1, floor($bins * (rank() OVER (ORDER BY y_from) - 1) / count(*) OVER ())) AS bin
    FROM matched
    WHERE y_from IS NOT NULL AND y_to IS NOT NULL
),
ranked AS (
    SELECT grp,
           CASE WHEN count(*) OVER w = 1 THEN NULL
                ELSE 100.0 * (rank() OVER (PARTITION BY bin ORDER BY y_to) - 1
                              + (count(*) OVER (PARTITION BY bin, y_to) - 1) / 2.0) / (count(*) OVER w - 1)
           END AS pct
    FROM scored
    WINDOW w AS (PARTITION BY bin)
)
SELECT grp, GROUPING(grp) AS is_total, count(pct) AS n, median(pct) AS median
FROM ranked
GROUP BY ROLLUP (grp)
