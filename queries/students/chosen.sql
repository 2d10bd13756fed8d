-- Defines seen_<filter>(chosen, value): how one sidebar filter in use sees one value of its column, for the rule
-- across views: the value as the filter compares it (text) when keep_<filter> (students/keep_filters.sql) keeps it,
-- else NULL. chosen VARCHAR[] as keep_<filter> takes it; value as stored (ENUM, BOOLEAN or text).
CREATE OR REPLACE TEMP MACRO seen_race(chosen, value) AS
    CASE WHEN keep_race(chosen, value) THEN CAST(value AS VARCHAR) END;
CREATE OR REPLACE TEMP MACRO seen_flag(chosen, value) AS
    CASE WHEN flag_in(chosen, value) THEN coalesce(CAST(value AS VARCHAR), 'null') END;
CREATE OR REPLACE TEMP MACRO seen_low_income(chosen, value) AS seen_flag(chosen, value);
CREATE OR REPLACE TEMP MACRO seen_english_learner(chosen, value) AS seen_flag(chosen, value);
CREATE OR REPLACE TEMP MACRO seen_special_ed(chosen, value) AS seen_flag(chosen, value);
CREATE OR REPLACE TEMP MACRO seen_section_504(chosen, value) AS seen_flag(chosen, value);
CREATE OR REPLACE TEMP MACRO seen_gender(chosen, value) AS
    CASE WHEN keep_gender(chosen, value) THEN CAST(value AS VARCHAR) END;
CREATE OR REPLACE TEMP MACRO seen_label(chosen, value) AS
    CASE WHEN list_contains(chosen, coalesce(value, 'Not reported')) THEN coalesce(value, 'Not reported') END;
CREATE OR REPLACE TEMP MACRO seen_grade(chosen, value) AS seen_label(chosen, value);
CREATE OR REPLACE TEMP MACRO seen_school(chosen, value) AS seen_label(chosen, value);
CREATE OR REPLACE TEMP MACRO seen_term(chosen, value) AS seen_label(chosen, value);
