-- Students with a result per group of one or two columns, over every loaded student (summed from a cube), split
-- by which chosen value of each sidebar filter the students have (m_<filter>: that value, NULL when the filter
-- leaves them out, '' when the filter is off): the sizes of the same groups in every view with filters or
-- chosen values fewer, summed from this one small table by equity.stats.across.
-- Identifiers: cube, first, second (second may be the fragment NULL for one column).
-- Parameters: the filter lists $f_race, $f_low_income, $f_english_learner, $f_special_ed, $f_section_504,
-- $f_gender, $f_grade, $f_school, $f_term.
SELECT
    {first} AS first_group,
    {second} AS second_group,
    chosen($f_race::VARCHAR[], CAST(race_ethnicity AS VARCHAR)) AS m_race,
    chosen($f_low_income::VARCHAR[], coalesce(CAST(low_income AS VARCHAR), 'null')) AS m_low_income,
    chosen($f_english_learner::VARCHAR[], coalesce(CAST(english_learner AS VARCHAR), 'null')) AS m_english_learner,
    chosen($f_special_ed::VARCHAR[], coalesce(CAST(special_ed AS VARCHAR), 'null')) AS m_special_ed,
    chosen($f_section_504::VARCHAR[], coalesce(CAST(section_504 AS VARCHAR), 'null')) AS m_section_504,
    chosen($f_gender::VARCHAR[], CAST(gender AS VARCHAR)) AS m_gender,
    chosen($f_grade::VARCHAR[], coalesce(grade, 'Not reported')) AS m_grade,
    chosen($f_school::VARCHAR[], coalesce(school, 'Not reported')) AS m_school,
    chosen($f_term::VARCHAR[], coalesce(term, 'Not reported')) AS m_term,
    sum(n) AS n
FROM {cube}
GROUP BY ALL
