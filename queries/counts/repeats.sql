-- Groups of published counts listed more than once for the same school and term (their counts would be added
-- together): how many, and up to five of them. Rows of different kinds (counts/described.sql) are different
-- groups even where their columns agree (a report card's 'All students' and its race 'Unknown').
-- No identifiers or parameters.
SELECT count(*) AS repeated, list(cell ORDER BY cell)[1:5] AS cells
FROM (
    SELECT concat_ws(' · ', school, nullif(CAST(race_ethnicity AS VARCHAR), 'Not reported'),
                     nullif(CAST(gender AS VARCHAR), 'Not reported'), grade, term,
                     CAST(low_income AS VARCHAR), CAST(english_learner AS VARCHAR), CAST(special_ed AS VARCHAR),
                     CAST(section_504 AS VARCHAR)) AS cell,
           described
    FROM students
    GROUP BY ALL
    HAVING count(*) > 1
)
