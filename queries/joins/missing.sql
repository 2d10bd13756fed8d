-- Main rows that found no partner: how many, and a few of their IDs as written. Identifiers: id.
SELECT count(*) AS n,
    (list(DISTINCT trim({id}) ORDER BY trim({id})) FILTER (WHERE trim({id}) <> ''))[1:5] AS examples
FROM join_result
WHERE NOT _matched
