-- Whether the loaded `students` table holds published counts (a `denominator` column: each row is a cell of
-- students, equity.sources.counts) rather than students. No identifiers or parameters.
SELECT count(*) > 0
FROM information_schema.columns
WHERE table_name = 'students' AND column_name = 'denominator' AND table_schema = current_schema()
