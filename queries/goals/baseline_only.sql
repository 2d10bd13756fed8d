-- An outcome's value for the students of a goal's baseline (the table goals/baseline_students.sql made), NULL for
-- anyone else, so that they count as students without a result. Identifiers: table, outcome. No parameters.
CASE WHEN cohort_key(student_id) IN (SELECT id FROM {table}) THEN {outcome} END
