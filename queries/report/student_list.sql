-- One row per student the filters keep, for a student-level export the user asked for explicitly (a teacher's
-- own class): canonical columns, one outcome as recorded, and that outcome scored under the rule.
-- Identifiers: outcome. Parameters: $kind, $threshold, $categories and the filter lists $f_race ... $f_term.
SELECT student_id, term, school, grade, CAST(race_ethnicity AS VARCHAR) AS race_ethnicity, low_income,
       english_learner, special_ed, section_504, CAST({outcome} AS VARCHAR) AS result,
       score($kind, $threshold, $categories::VARCHAR[], {outcome}) AS scored
FROM filtered_students($f_race::VARCHAR[], $f_low_income::VARCHAR[], $f_english_learner::VARCHAR[],
                       $f_special_ed::VARCHAR[], $f_section_504::VARCHAR[], $f_gender::VARCHAR[],
                       $f_grade::VARCHAR[], $f_school::VARCHAR[], $f_term::VARCHAR[])
ORDER BY school, grade, term, student_id
