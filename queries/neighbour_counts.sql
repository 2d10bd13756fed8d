-- Students with a result per group of one or two columns, over every loaded student (summed from a cube), split
-- by which chosen value of each sidebar filter in use the students have (m_<filter>: that value, NULL when the
-- filter leaves them out): the sizes of the same groups in every view with filters or chosen values fewer,
-- summed from this one small table by equity.stats.across. The cube's cells are first summed per group and per
-- stored value of the filters' columns, so that only those few rows are compared and turned into text.
-- Identifiers: cube, first, second (second may be the fragment NULL for one column). Fragments: columns, the
-- quoted columns of the filters in use each followed by a comma; seen, per filter in use
-- seen_<filter>($f_<filter>::VARCHAR[], <its column>) AS m_<filter> followed by a comma (chosen.sql).
-- Parameters: the lists of the filters in use, $f_<filter>.
SELECT first_group, second_group, {seen} sum(n) AS n
FROM (
    SELECT {first} AS first_group, {second} AS second_group, {columns} sum(n) AS n
    FROM {cube}
    GROUP BY ALL
)
GROUP BY ALL
