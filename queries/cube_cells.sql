-- The cells of a cube the sidebar filters keep, summed per combination of the chosen columns (none: one row,
-- all students). Identifiers: cube. Fragment: columns, the quoted columns each followed by a comma.
-- Parameters: the filter lists $f_race, $f_low_income, $f_english_learner, $f_special_ed, $f_section_504,
-- $f_gender, $f_grade, $f_school, $f_term.
SELECT
    {columns}
    coalesce(sum(n), 0) AS n,
    coalesce(sum(total), 0) AS total,
    coalesce(sum(squares), 0) AS squares,
    coalesce(sum(missing), 0) AS missing
FROM {cube}
WHERE filters_keep($f_race::VARCHAR[], $f_low_income::VARCHAR[], $f_english_learner::VARCHAR[],
                   $f_special_ed::VARCHAR[], $f_section_504::VARCHAR[], $f_gender::VARCHAR[],
                   $f_grade::VARCHAR[], $f_school::VARCHAR[], $f_term::VARCHAR[],
                   race_ethnicity, low_income, english_learner, special_ed, section_504, gender, grade, school,
                   term)
GROUP BY ALL
