-- A dimension's role name where its raw column, `source` (a fragment), is filled in the row; NULL where blank.
-- Parameters: $described_{i} (the role's name).
CASE WHEN nullif(trim({source}), '') IS NOT NULL THEN $described_{i} END
