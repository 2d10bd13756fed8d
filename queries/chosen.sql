-- Defines chosen(choices, value): how one sidebar filter sees one student, for the rule across views.
-- choices VARCHAR[] (an empty list: the filter is off), value VARCHAR as filtered_students compares it.
-- The result is '' when the filter is off, the value when the filter keeps the student, else NULL.
CREATE OR REPLACE TEMP MACRO chosen(choices, value) AS
CASE
    WHEN len(choices) = 0 THEN ''
    WHEN list_contains(choices, value) THEN value
END
