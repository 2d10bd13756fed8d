-- The kinds of row a cube of published counts holds (`described`, counts/described.sql) with the students
-- whose count is known in each. Identifiers: cube. No parameters.
SELECT described, sum(n) AS n
FROM {cube}
GROUP BY ALL
ORDER BY described
