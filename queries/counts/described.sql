-- Which dimensions each row of published counts describes: the roles whose column is filled in the row, joined
-- by commas in a fixed order ('race_ethnicity,gender'; '' for a school's all students), so that rows describing
-- the same students in different ways (a report card's races and its income groups) are never added together
-- (equity.sources.counts). Fragment: filled (counts/filled each, none or more). No parameters of its own.
coalesce(array_to_string([{filled}], ','), '') AS described
