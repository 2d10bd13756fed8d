-- Every group a student reports, once each: the `flagged` groups (race_flagged.sql, a list of expressions) and
-- those `named` (race_named.sql or race_alone.sql), without NULL or the bound $not_reported.
list_distinct(list_filter(list_concat([{flagged}], {named}), lambda x: x IS NOT NULL AND x <> $not_reported))
