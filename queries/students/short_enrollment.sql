-- Students the chronic-absence rule leaves out: days enrolled known but fewer than the minimum.
-- Identifier: enrolled (the days-enrolled column). Parameters: $min_days and the filter lists $f_race,
-- $f_low_income, $f_english_learner, $f_special_ed, $f_section_504, $f_gender, $f_grade, $f_school, $f_term.
SELECT count(*) AS short
FROM filtered_students($f_race::VARCHAR[], $f_low_income::VARCHAR[], $f_english_learner::VARCHAR[],
                       $f_special_ed::VARCHAR[], $f_section_504::VARCHAR[],
                       $f_gender::VARCHAR[], $f_grade::VARCHAR[], $f_school::VARCHAR[],
                       $f_term::VARCHAR[])
WHERE {enrolled} >= 0 AND {enrolled} < $min_days
