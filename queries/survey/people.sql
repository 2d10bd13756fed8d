-- Each respondent's groups: from the student's record (see survey/records.sql) when the survey has a
-- student ID that matches, else from the survey's own demographic columns.
-- Fragments: records (survey/records.sql or survey/no_records.sql), id (the survey's student ID column,
-- survey/respondent_column.sql, or NULL), columns (one expression per canonical column, survey/from_record.sql where
-- records are joined, reading s.* for the record and r.* for the survey). Parameters: those they name.
CREATE OR REPLACE TABLE survey_people AS
SELECT r._rid, s._key IS NOT NULL AS _matched, {columns}
FROM survey_responses AS r
LEFT JOIN ({records}) AS s ON s._key = id_key({id})
