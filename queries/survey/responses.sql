-- A survey export copied into the session with a respondent number. Identifiers: source.
CREATE OR REPLACE TABLE survey_responses AS
SELECT row_number() OVER () AS _rid, *
FROM {source}
