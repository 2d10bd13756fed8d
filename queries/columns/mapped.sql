-- A raw column `source` (as text) through its value map, as `type`. Parameters: $keys_`i` (each raw value, '' for
-- blank) and $values_`i` (its canonical value as text), bound lists of the same length.
CAST(map_extract_value(MAP($keys_{i}::VARCHAR[], $values_{i}::VARCHAR[]), coalesce({source}, '')) AS {type})
