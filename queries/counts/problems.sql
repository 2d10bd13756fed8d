-- Cells of published counts that cannot be right, for one count column: more students counted than in the
-- group, and students counted in a group of none; with up to five of the cells each concerns (school and group).
-- Identifiers: outcome (the count column of `students`). No parameters.
SELECT
    count(*) FILTER (WHERE {outcome} > denominator AND denominator > 0) AS over,
    list(cell ORDER BY cell) FILTER (WHERE {outcome} > denominator AND denominator > 0)[1:5] AS over_cells,
    count(*) FILTER (WHERE denominator = 0 AND {outcome} > 0) AS empty,
    list(cell ORDER BY cell) FILTER (WHERE denominator = 0 AND {outcome} > 0)[1:5] AS empty_cells
FROM (
    SELECT {outcome}, denominator,
           concat_ws(' · ', school, nullif(CAST(race_ethnicity AS VARCHAR), 'Not reported'),
                     nullif(CAST(gender AS VARCHAR), 'Not reported'), grade, term,
                     CAST(low_income AS VARCHAR), CAST(english_learner AS VARCHAR), CAST(special_ed AS VARCHAR))
               AS cell
    FROM students
)
