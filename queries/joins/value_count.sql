-- A student's number of events whose column `column` holds the bound value ($value_`i`, a list of one), as
-- text, AS `target`.
CAST(count(*) FILTER (WHERE list_contains($value_{i}, {column})) AS VARCHAR) AS {target}
