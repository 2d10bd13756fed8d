-- Rows of the two terms with a student ID, and all rows. No parameters; reads `matched_rows`.
SELECT count(k) AS with_id, count(*) AS all_rows
FROM matched_rows
