-- A text column of `students` (id, term, school): the raw `source` (as text) trimmed, blank as NULL.
nullif(trim({source}), '')
