-- An ENUM type for a canonical label column, so grouping and filtering compare small integers.
-- Identifiers: type_name. Parameters: $labels (VARCHAR[] in display order, 'Not reported' included).
CREATE TYPE IF NOT EXISTS {type_name} AS ENUM (SELECT unnest($labels::VARCHAR[]))
