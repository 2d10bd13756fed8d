-- Moves source into target, replacing it. Identifiers: target, source.
CREATE OR REPLACE TABLE {target} AS SELECT * FROM {source};
DROP TABLE {source};
