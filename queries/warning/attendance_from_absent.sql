-- The attendance rate, in percent of the days enrolled, from days enrolled (`enrolled`) and absent (`absent`), for
-- a student with at least $min_days enrolled (else NULL), as chronic absence counts them (columns/chronic_from_absent).
CASE WHEN {enrolled} >= $min_days AND {absent} >= 0 THEN 100.0 * ({enrolled} - {absent}) / {enrolled} END
