-- The group a race flag column names when it is set: `flag` (a mapped boolean), the bound $race_flag_`i` (the
-- group's label) when true, else NULL.
CASE WHEN coalesce({flag}, false) THEN $race_flag_{i} END
