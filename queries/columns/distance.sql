-- A scale score's distance from standard: `score` (a number) minus its grade's "Standard Met" cut, the grade's
-- number read from the column `grade`. Parameters: $cut_grades_`i` and $cut_scores_`i` (the cuts by grade, bound
-- lists of the same length); a grade without a cut gives NULL. AS `target`.
{score} - map_extract_value(MAP($cut_grades_{i}::INTEGER[], $cut_scores_{i}::INTEGER[]),
                            TRY_CAST(regexp_extract(CAST({grade} AS VARCHAR), '(\d+)', 1) AS INTEGER)) AS {target}
