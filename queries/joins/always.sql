-- A condition that always holds: where files are not joined by term.
TRUE
