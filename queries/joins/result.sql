-- The joined table without its bookkeeping column. No parameters.
SELECT * EXCLUDE (_matched) FROM join_result
