-- Defines id_key(x) and term_key(x): how a student ID and a term are compared when two files are joined.
-- IDs ignore surrounding spaces, case and leading zeros (a spreadsheet often drops them: 0012345 = 12345);
-- terms ignore spaces and case, and a school year written 2024-2025 matches 2024-25. No parameters.
CREATE OR REPLACE TEMP MACRO id_key(x) AS
CASE
    WHEN nullif(trim(CAST(x AS VARCHAR)), '') IS NULL THEN NULL
    WHEN regexp_full_match(trim(CAST(x AS VARCHAR)), '[0-9]+')
        THEN coalesce(nullif(ltrim(trim(CAST(x AS VARCHAR)), '0'), ''), '0')
    ELSE upper(trim(CAST(x AS VARCHAR)))
END;
CREATE OR REPLACE TEMP MACRO term_key(x) AS
regexp_replace(upper(trim(CAST(x AS VARCHAR))), '^(?:SY\s*)?([0-9]{4})\s*[-/]\s*(?:[0-9]{2})?([0-9]{2})$', '\1-\2');
