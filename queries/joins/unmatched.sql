-- Rows of the joined file (rolled up) that match no main row: how many, and a few IDs.
-- Identifiers: main, id. Fragments: match (the term condition, or TRUE).
SELECT count(*) AS n, list(DISTINCT r._id ORDER BY r._id)[1:5] AS examples
FROM join_right AS r
WHERE NOT EXISTS (SELECT 1 FROM {main} AS m WHERE r._key = id_key(m.{id}) AND {match})
