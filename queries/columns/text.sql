-- A text column of `students` (id, term, school): the raw `source` (as text) trimmed, blank as NULL, AS `target`.
nullif(trim({source}), '') AS {target}
