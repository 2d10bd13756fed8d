-- A category outcome: the raw `source` (as text) trimmed, blank or excused (the bound list $excused) as NULL.
CASE WHEN list_contains($excused, upper(trim({source}))) THEN NULL ELSE nullif(trim({source}), '') END
