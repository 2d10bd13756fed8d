-- The first $rows rows of a table, as a sample from which every column's kind is judged where the table is large
-- and far away (on a cluster): reading them costs the same at any size, where a reservoir sample
-- (profile/table_sample.sql) reads every row. Identifiers: table. Parameters: $rows.
SELECT * FROM {table} LIMIT $rows
