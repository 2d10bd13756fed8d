-- The cells of a cube the sidebar filters keep, summed per combination of the chosen columns (none: one row,
-- all students). Identifiers: cube. Fragments: columns, the quoted columns each followed by a comma; kept, the
-- filters in use joined by AND, each keep_<filter>($f_<filter>::VARCHAR[], <its column>) (students/keep_filters.sql),
-- or true. Parameters: the lists of the filters in use, $f_<filter>.
SELECT
    {columns}
    coalesce(sum(n), 0) AS n,
    coalesce(sum(total), 0) AS total,
    coalesce(sum(squares), 0) AS squares,
    coalesce(sum(missing), 0) AS missing
FROM {cube}
WHERE {kept}
GROUP BY ALL
