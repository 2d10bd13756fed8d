-- No student records to join a survey to: an empty relation with the key column only.
SELECT CAST(NULL AS VARCHAR) AS _key WHERE false
