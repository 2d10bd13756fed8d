-- A row's term when the files are not joined by term: none.
CAST(NULL AS VARCHAR)
