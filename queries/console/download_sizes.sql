-- Group sizes for a download from the SQL console, computed by the app from `students` (never read from the
-- query): all students per group (n) and, per column the query aggregates, those with a value (n_0, n_1, ...).
-- Identifiers: groups (canonical columns). Fragment: counts (console/size_of.sql per column, ...
-- or console/no_sizes.sql). No parameters.
SELECT
    {groups},
    count(*) AS n,
    {counts}
FROM students
GROUP BY ALL
