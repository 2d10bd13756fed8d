-- One indicator's flag for a student (warning/macros.sql). Identifiers: value (a column, or SQL from query()).
-- Parameters: $test_{i}, $threshold_{i}, $categories_{i}, with the indicator's number i.
warns($test_{i}, $threshold_{i}, $categories_{i}::VARCHAR[], {value})
