-- Creates a cube from published counts: each row of `students` is already a cell (a school's group), so the
-- cells are summed per combination of every column a view or a sidebar filter can group or filter by, with
-- n = the students in the group whose count is known, total = squares = the count (a yes/no outcome: y = y²),
-- and missing = the students in groups whose count is suppressed. Same columns as cells/cube_build.sql, and
-- `described` (the dimensions a row describes, counts/described.sql): rows of different kinds stay apart.
-- Identifiers: cube (the table made), outcome (the count column), source (`students`, or `count_totals`).
-- No parameters.
CREATE OR REPLACE TEMP TABLE {cube} AS
SELECT
    race_ethnicity, low_income, english_learner, special_ed, section_504, gender, grade, school, term, described,
    CAST(coalesce(sum(denominator) FILTER (WHERE {outcome} IS NOT NULL), 0) AS BIGINT) AS n,
    coalesce(sum({outcome}) FILTER (WHERE denominator IS NOT NULL), 0) AS total,
    coalesce(sum({outcome}) FILTER (WHERE denominator IS NOT NULL), 0) AS squares,
    CAST(coalesce(sum(denominator) FILTER (WHERE {outcome} IS NULL), 0) AS BIGINT) AS missing
FROM {source}
GROUP BY ALL
