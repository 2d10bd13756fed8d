-- One row per respondent and Likert item: 1 for a favourable answer, 0 for any other answer on the scale,
-- NULL for a skipped item or an answer off the scale (N/A). Fragment: items, one SELECT per item over
-- survey_responses, built by equity.plans.survey from its template, bound lists $favourable_N and $answered_N.
CREATE OR REPLACE TABLE survey_answers AS
{items}
