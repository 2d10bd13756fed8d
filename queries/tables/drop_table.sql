-- Drops a working table when it exists. Identifiers: table.
DROP TABLE IF EXISTS {table}
