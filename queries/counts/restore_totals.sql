-- Sets the total rows of saved published counts (marked `count_total`, counts/saved_rows.sql) aside again:
-- into `count_totals`, out of `students`, and drops the mark. No identifiers or parameters.
CREATE OR REPLACE TABLE count_totals AS SELECT * EXCLUDE (count_total) FROM students WHERE count_total;
DELETE FROM students WHERE count_total;
ALTER TABLE students DROP COLUMN count_total;
