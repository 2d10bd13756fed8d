-- An event count or flag `column` of join_right (r) in the combined table: for a main row without events, the
-- bound $default_`i` (0, or N for a flag) when `covered` (covered_term.sql, or always.sql), else blank.
coalesce(r.{column}, CASE WHEN {covered} THEN $default_{i} END) AS {column}
