-- Students with a result (n) and without one (missing) per cell of a cube, every sidebar filter's column as the
-- text the filter names its values by (flags 'true' / 'false' / 'null'; a missing label 'Not reported'), and the
-- groups' own values (first_group, second_group) as breakdowns key them: the size of every view the app can show
-- is a sum over these rows, for the rule across views (equity.across).
-- Identifiers: cube, first, second (each may be the fragment NULL).
SELECT
    {first} AS first_group,
    {second} AS second_group,
    coalesce(CAST(race_ethnicity AS VARCHAR), 'Not reported') AS race,
    coalesce(CAST(low_income AS VARCHAR), 'null') AS low_income,
    coalesce(CAST(english_learner AS VARCHAR), 'null') AS english_learner,
    coalesce(CAST(special_ed AS VARCHAR), 'null') AS special_ed,
    coalesce(CAST(section_504 AS VARCHAR), 'null') AS section_504,
    coalesce(CAST(gender AS VARCHAR), 'Not reported') AS gender,
    coalesce(grade, 'Not reported') AS grade,
    coalesce(school, 'Not reported') AS school,
    coalesce(term, 'Not reported') AS term,
    n,
    missing
FROM {cube}
WHERE n > 0 OR missing > 0
