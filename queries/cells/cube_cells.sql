-- The cells of a cube the sidebar filters keep, summed per combination of the chosen columns (none: one row,
-- all students): the sums first, then the columns. Identifiers: cube, columns (none or more; DuckDB takes the
-- comma left before FROM when there are none). Fragment: kept, the filters in use (cells/keep.sql each) joined by
-- values/both.sql, or values/always.sql. Parameters: the lists of the filters in use, $f_<filter>.
SELECT
    coalesce(sum(n), 0) AS n,
    coalesce(sum(total), 0) AS total,
    coalesce(sum(squares), 0) AS squares,
    coalesce(sum(missing), 0) AS missing,
    {columns}
FROM {cube}
WHERE {kept}
GROUP BY ALL
