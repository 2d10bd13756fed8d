-- Creates a cube from cells counted elsewhere (a Spark cluster, a count-level file), with the columns and types of
-- the cubes cells/cube_build.sql creates, so every view sums it alike. Identifiers: cube (the table made), source (the
-- cells, registered from Arrow, with cells/cube_build.sql's columns).
CREATE OR REPLACE TEMP TABLE {cube} AS
SELECT
    CAST(race_ethnicity AS race_label) AS race_ethnicity,
    CAST(low_income AS BOOLEAN) AS low_income,
    CAST(english_learner AS BOOLEAN) AS english_learner,
    CAST(special_ed AS BOOLEAN) AS special_ed,
    CAST(section_504 AS BOOLEAN) AS section_504,
    CAST(gender AS gender_label) AS gender,
    CAST(grade AS VARCHAR) AS grade,
    CAST(school AS VARCHAR) AS school,
    CAST(term AS VARCHAR) AS term,
    CAST(n AS BIGINT) AS n,
    CAST(total AS DOUBLE) AS total,
    CAST(squares AS DOUBLE) AS squares,
    CAST(missing AS BIGINT) AS missing
FROM {source}
