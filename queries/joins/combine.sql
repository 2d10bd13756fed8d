-- The main file with the joined columns: every main row once (LEFT JOIN on one row per key), with
-- _matched saying whether it found a partner. Identifiers: main, id. Fragments: match (the term
-- condition, or TRUE), added (joins/joined.sql or, for events, joins/joined_count.sql per column, whose
-- defaults are bound as $default_N).
CREATE OR REPLACE TABLE join_result AS
SELECT m.*, {added}, r._key IS NOT NULL AS _matched
FROM {main} AS m
LEFT JOIN join_right AS r ON r._key = id_key(m.{id}) AND {match}
