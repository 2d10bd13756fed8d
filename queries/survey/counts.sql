-- How many respondents a survey has, and how many were joined to a student record. No parameters.
SELECT count(*), count(*) FILTER (WHERE _matched) FROM survey_people
