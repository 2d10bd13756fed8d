-- The attendance rate, in percent of the days enrolled, from days enrolled (`enrolled`) and present (`present`),
-- for a student with at least $min_days enrolled (else NULL), as chronic absence counts them.
CASE WHEN {enrolled} >= $min_days AND {present} >= 0 THEN 100.0 * {present} / {enrolled} END
