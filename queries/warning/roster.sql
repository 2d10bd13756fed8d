-- The students the filters keep in one term (or all), with a flag per early-warning area and each indicator's value, the
-- most areas flagged first. Identifiers: areas (SQL from warning/area.sql), values (columns, or SQL from query()).
-- Parameters: $term (NULL: every term), each indicator's $test_i, $threshold_i, $categories_i, $min_days for an attendance rate from
-- day counts, and the filter lists $f_race ... $f_term.
SELECT student_id, school, grade, CAST(race_ethnicity AS VARCHAR) AS race_ethnicity, low_income, english_learner,
       special_ed, section_504, len(list_filter([{areas}], lambda flagged: coalesce(flagged, false))) AS flagged,
       {areas}, {values}
FROM filtered_students($f_race::VARCHAR[], $f_low_income::VARCHAR[], $f_english_learner::VARCHAR[],
                       $f_special_ed::VARCHAR[], $f_section_504::VARCHAR[], $f_gender::VARCHAR[],
                       $f_grade::VARCHAR[], $f_school::VARCHAR[], $f_term::VARCHAR[])
WHERE $term::VARCHAR IS NULL OR term = $term
ORDER BY flagged DESC, school, grade, student_id
