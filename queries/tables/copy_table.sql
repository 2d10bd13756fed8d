-- Copies a registered relation into a table of its own. Identifiers: target, source.
CREATE OR REPLACE TABLE {target} AS SELECT * FROM {source}
