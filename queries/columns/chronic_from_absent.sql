-- Chronically absent from days enrolled (`enrolled`) and absent (`absent`), both as numbers: missing at least
-- the bound $chronic_share of the days, for a student with at least $min_days enrolled (else NULL), AS `target`.
CASE WHEN {enrolled} >= $min_days AND {absent} >= 0 THEN {absent} / {enrolled} >= $chronic_share END AS {target}
