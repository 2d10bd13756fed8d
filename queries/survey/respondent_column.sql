-- A column `column` of the respondent's row (survey_responses AS r).
r.{column}
