-- Event rows (one per incident or course enrolment) rolled up to one row per student (and term): counts,
-- as text like every raw column. Identifiers: source, id. Fragments: term (term_key of a column, or NULL),
-- measures (count expressions whose values are bound as $value_N / $flag_N lists).
CREATE OR REPLACE TABLE join_right AS
SELECT id_key({id}) AS _key, {term} AS _term, min(trim({id})) AS _id, {measures}
FROM {source}
WHERE id_key({id}) IS NOT NULL
GROUP BY ALL
