-- On track at the end of 9th grade (the Consortium on Chicago School Research's indicator): at least $min_credits
-- credits earned and at most $max_failures core courses failed (none counted when the file has no such column);
-- NULL without credits. Identifiers: credits, failures (a column, or columns/nothing.sql).
CASE WHEN {credits} IS NOT NULL THEN {credits} >= $min_credits AND coalesce({failures}, 0) <= $max_failures END
