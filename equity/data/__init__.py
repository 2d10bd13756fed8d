"""From a file to the typed `students` table: reading, limits, headers, mapping, value maps, derived outcomes."""
