-- Students with a result per group of some columns, over every loaded student (summed from a cube), split by
-- which chosen value of each sidebar filter in use the students have (m_<filter>: that value, NULL when the
-- filter leaves them out): the sizes of the same groups in every view with filters or chosen values fewer,
-- summed from this one small table by equity.stats.across. The cube's cells are first summed per group and per
-- stored value of the filters' columns, so that only those few rows are compared and turned into text.
-- Identifiers: cube. Fragments (at least one group column): groups, the group columns (cells/group_key.sql, as
-- g<i>) and the columns of the filters in use; keys, the names g<i> (cells/key.sql) and per filter in use
-- cells/seen.sql. Parameters: the lists of the filters in use, $f_<filter>. Columns: g<i>..., m_<filter>..., n.
SELECT {keys}, sum(n) AS n
FROM (
    SELECT {groups}, sum(n) AS n
    FROM {cube}
    GROUP BY ALL
)
GROUP BY ALL
