-- Creates a temporary table of a fixed sample of a table's rows (50,000 rows, all of a smaller table), from
-- which every column's kind is judged: one pass over the rows instead of one per column.
-- Identifiers: target, source.
CREATE OR REPLACE TEMP TABLE {target} AS
SELECT * FROM {source} USING SAMPLE reservoir(50000 ROWS) REPEATABLE (7)
