-- Whether a yes/no dimension of published counts is listed on its yes side only (a report card's 'Economically
-- Disadvantaged' with no 'Not economically disadvantaged') beside rows of all students: rows describing it alone
-- that say yes, none that say no, and rows describing nothing. Identifiers: flag (the dimension's column).
-- Parameters: $described (the dimension's name, as counts/described.sql writes it).
SELECT count(*) FILTER (WHERE described = $described AND {flag}) > 0
       AND count(*) FILTER (WHERE described = $described AND NOT {flag}) = 0
       AND count(*) FILTER (WHERE described = '') > 0
FROM students
