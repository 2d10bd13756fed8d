-- Defines cohort_key(x): how one student's ID is recognised from one term to the next. No parameters.
-- Surrounding spaces and case are ignored; an ID of digits, or of a short letter prefix and digits
-- ('S0012345', 'ID-12345'), is read as its number without leading zeros, so 0012345, 12345 and S12345 are one
-- student; any other ID is compared as written.
CREATE OR REPLACE TEMP MACRO cohort_key(x) AS
CASE
    WHEN nullif(trim(CAST(x AS VARCHAR)), '') IS NULL THEN NULL
    WHEN regexp_full_match(upper(trim(CAST(x AS VARCHAR))), '[A-Z]{0,3}[-_#. ]?[0-9]+')
        THEN coalesce(nullif(ltrim(regexp_extract(trim(CAST(x AS VARCHAR)), '([0-9]+)$', 1), '0'), ''), '0')
    ELSE upper(trim(CAST(x AS VARCHAR)))
END;
