-- Group sizes for a download from the SQL console, computed by the app from `students` (never read from the
-- query): all students per group (n) and, per column the query aggregates, those with a value (n_0, n_1, ...).
-- Identifiers: groups (quoted canonical columns, comma-separated), counts (count(<quoted column>) AS n_<i>, ...
-- or the fragment 0 AS n_none). No parameters.
SELECT
    {groups},
    count(*) AS n,
    {counts}
FROM students
GROUP BY ALL
