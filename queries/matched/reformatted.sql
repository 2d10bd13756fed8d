-- Students matched across the two terms whose ID is written differently in each (leading zeros, a prefix):
-- how many, and a few pairs as written. No parameters; reads `matched`.
SELECT count(*) AS changed, list([raw_from, raw_to] ORDER BY raw_from)[1:5] AS examples
FROM matched
WHERE in_from AND in_to AND raw_from <> raw_to
