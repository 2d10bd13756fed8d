-- A canonical column `column` from the student's record (s) where the respondent matched one, else `own` (the
-- survey's own answer).
CASE WHEN s._key IS NOT NULL THEN s.{column} ELSE {own} END
