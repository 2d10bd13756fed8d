-- The groups a raw race value `source` (as text) names when it names several, as a list, else NULL.
-- Parameters: $parts_keys (each raw value, '' for blank), $parts_values (its groups joined by '|', or NULL).
string_split(map_extract_value(MAP($parts_keys::VARCHAR[], $parts_values::VARCHAR[]), coalesce({source}, '')), '|')
