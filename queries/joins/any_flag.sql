-- Whether a student has any event whose column `column` holds one of the bound values ($flag_`i`): 'Y' or 'N',
-- AS `target`.
CASE WHEN count(*) FILTER (WHERE list_contains($flag_{i}, {column})) > 0 THEN 'Y' ELSE 'N' END AS {target}
