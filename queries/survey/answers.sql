-- One row per respondent and Likert item: 1 for a favourable answer, 0 for any other answer on the scale,
-- NULL for a skipped item or an answer off the scale (N/A). Fragment: items, one survey/item_answer.sql per
-- item, each binding its lists $favourable_N and $answered_N.
CREATE OR REPLACE TABLE survey_answers AS
SELECT _rid, a.item AS item, a.y AS y
FROM (SELECT _rid, unnest([{items}]) AS a FROM survey_responses)
