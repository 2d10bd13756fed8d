-- Students with a result (n) and without one (missing) per cell of a cube, every sidebar filter's column twice: as
-- the text the filter names its values by (flags 'true' / 'false' / 'null'; a missing label 'Not reported') and
-- as stored (raw_<filter>), the way breakdowns key their groups: the size of every view the app can show is a sum
-- over these rows, for the rule across views (equity.stats.across).
-- Identifiers: cube.
SELECT
    coalesce(CAST(race_ethnicity AS VARCHAR), 'Not reported') AS race,
    coalesce(CAST(low_income AS VARCHAR), 'null') AS low_income,
    coalesce(CAST(english_learner AS VARCHAR), 'null') AS english_learner,
    coalesce(CAST(special_ed AS VARCHAR), 'null') AS special_ed,
    coalesce(CAST(section_504 AS VARCHAR), 'null') AS section_504,
    coalesce(CAST(gender AS VARCHAR), 'Not reported') AS gender,
    coalesce(grade, 'Not reported') AS grade,
    coalesce(school, 'Not reported') AS school,
    coalesce(term, 'Not reported') AS term,
    race_ethnicity AS raw_race,
    low_income AS raw_low_income,
    english_learner AS raw_english_learner,
    special_ed AS raw_special_ed,
    section_504 AS raw_section_504,
    gender AS raw_gender,
    grade AS raw_grade,
    school AS raw_school,
    term AS raw_term,
    n,
    missing
FROM {cube}
WHERE n > 0 OR missing > 0
