-- Rows whose student (and term) appears more than once in one file: how many rows beyond the first, and a
-- few of those IDs as written. Identifiers: source, id. Fragment: term (term_key of a column, or NULL).
SELECT coalesce(sum(n - 1), 0) AS extra_rows, list(example ORDER BY n DESC, example)[1:5] AS examples
FROM (
    SELECT id_key({id}) AS student, {term} AS period, any_value(trim({id})) AS example, count(*) AS n
    FROM {source}
    WHERE id_key({id}) IS NOT NULL
    GROUP BY ALL
    HAVING count(*) > 1
)
