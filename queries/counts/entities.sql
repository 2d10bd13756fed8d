-- The distinct schools (entities) of the loaded cells of published counts, to find total rows among them.
-- No identifiers or parameters.
SELECT DISTINCT school
FROM students
WHERE school IS NOT NULL
