-- A table of a cube of published counts holding the rows of one kind only, $described (counts/described.sql), so
-- every sum over it counts each student once. Identifiers: kinded (the table made), cube. Parameters: $described.
CREATE OR REPLACE TEMP TABLE {kinded} AS
SELECT *
FROM {cube}
WHERE described = $described
