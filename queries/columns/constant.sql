-- A canonical column no raw column gives: the bound $constant_`i` (a term set at upload, or NULL) as `type`,
-- AS `target`.
CAST(CAST($constant_{i} AS VARCHAR) AS {type}) AS {target}
