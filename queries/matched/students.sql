-- Builds the temp table `matched` from `matched_rows`: one row per student (cohort_key of the ID) found in
-- either term, with the group they belong to (in the first term when they were there, else in the second),
-- the outcome in each term (`y_from`, `y_to`) and the ID as written in each. A student whose ID repeats within
-- either term is left out of both (matched_repeats counts them). Parameters: $from, $to.
CREATE OR REPLACE TEMP TABLE matched AS
WITH kept AS (
    SELECT * FROM matched_rows
    WHERE k IS NOT NULL AND k NOT IN (SELECT k FROM matched_rows WHERE k IS NOT NULL GROUP BY k, term
                                      HAVING count(*) > 1)
),
a AS (SELECT * FROM kept WHERE term = $from),
b AS (SELECT * FROM kept WHERE term = $to)
SELECT coalesce(a.k, b.k) AS k, a.k IS NOT NULL AS in_from, b.k IS NOT NULL AS in_to,
       CASE WHEN a.k IS NOT NULL THEN a.grp ELSE b.grp END AS grp,
       a.y AS y_from, b.y AS y_to, a.raw AS raw_from, b.raw AS raw_to
FROM a FULL OUTER JOIN b ON a.k = b.k
