-- `text` (a column as text) as a DOUBLE where it reads as one (a trailing % and spaces allowed), else NULL.
TRY_CAST(nullif(replace(trim({text}), '%', ''), '') AS DOUBLE)
