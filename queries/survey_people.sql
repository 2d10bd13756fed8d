-- Each respondent's groups: from the student's record (see survey_records.sql) when the survey has a
-- student ID that matches, else from the survey's own demographic columns.
-- Fragments: records (a relation with _key and the canonical columns), id (the survey's student ID
-- column as r."…", or NULL), columns (one expression per canonical column, reading s.* for the record and
-- r.* for the survey). Parameters: those the fragments name.
CREATE OR REPLACE TABLE survey_people AS
SELECT r._rid, s._key IS NOT NULL AS _matched, {columns}
FROM survey_responses AS r
LEFT JOIN ({records}) AS s ON s._key = id_key({id})
