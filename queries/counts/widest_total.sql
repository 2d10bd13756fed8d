-- The total row of the widest population (a state's before a district's): the entity of `count_totals` with
-- the most students; no row when there is none. No identifiers or parameters.
SELECT school
FROM count_totals
GROUP BY school
ORDER BY sum(denominator) DESC NULLS LAST, school
LIMIT 1
