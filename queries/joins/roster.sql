-- One roster row per student (and term) to join: the first row of each; later ones are reported as
-- duplicates, never multiplied into the main file. Identifiers: source, id. Fragments: term (term_key of
-- a column, or NULL), columns (the roster's other columns, renamed where they clash with the main file).
CREATE OR REPLACE TABLE join_right AS
SELECT id_key({id}) AS _key, {term} AS _term, trim({id}) AS _id, {columns}
FROM {source}
WHERE id_key({id}) IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY id_key({id}), {term} ORDER BY rowid) = 1
