-- Whether a `count_totals` table (total rows of published counts) exists. No identifiers or parameters.
SELECT count(*) > 0
FROM information_schema.tables
WHERE table_name = 'count_totals' AND table_schema = current_schema()
