-- Adds the other side of a yes/no dimension listed on its yes side only (counts/one_side.sql): per school and
-- term, the all-students row less the yes row, the students in the group and each count alike (unknown where
-- either is unknown; none where the yes side is larger than all students). Identifiers: flag (the dimension's
-- column). Fragment: outcomes (counts/less each).
-- Parameters: $described (the dimension's name).
INSERT INTO students BY NAME
SELECT whole.school, whole.term, whole.race_ethnicity, whole.gender, false AS {flag}, $described AS described,
       whole.denominator - side.denominator AS denominator,
       {outcomes}
FROM students AS whole
JOIN students AS side
    ON side.described = $described AND side.{flag}
    AND whole.school IS NOT DISTINCT FROM side.school AND whole.term IS NOT DISTINCT FROM side.term
WHERE whole.described = '' AND whole.denominator >= side.denominator
