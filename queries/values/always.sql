-- A condition that always holds: where files are not joined by term, or no filter is in use.
TRUE
