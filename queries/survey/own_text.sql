-- A text answer of the respondent (column `column` of survey_responses AS r), trimmed, blank as NULL.
nullif(trim(r.{column}), '')
