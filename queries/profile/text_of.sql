-- Defines number_of(x), a typed number as a DOUBLE with NaN as NULL; and text_of_number(x), text_of_flag(x) and
-- text_of_time(x): a typed value written as text the way an
-- upload's reader writes it (equity.ingest: whole numbers without `.0`, NaN blank, TRUE/FALSE, midnight as the
-- date alone), so that typed columns are profiled and mapped as their text would be.
CREATE OR REPLACE TEMP MACRO text_of_number(x) AS
    CASE WHEN isnan(x) THEN NULL
         WHEN x = floor(x) AND abs(x) < 9007199254740992 THEN CAST(CAST(x AS BIGINT) AS VARCHAR)
         ELSE CAST(x AS VARCHAR) END;
CREATE OR REPLACE TEMP MACRO text_of_flag(x) AS CASE WHEN x THEN 'TRUE' WHEN NOT x THEN 'FALSE' END;
CREATE OR REPLACE TEMP MACRO text_of_time(x) AS
    CASE WHEN CAST(x AS TIME) = TIME '00:00:00' THEN strftime(x, '%Y-%m-%d')
         ELSE strftime(x, '%Y-%m-%d %H:%M:%S') END;
CREATE OR REPLACE TEMP MACRO number_of(x) AS CASE WHEN NOT isnan(CAST(x AS DOUBLE)) THEN CAST(x AS DOUBLE) END;
