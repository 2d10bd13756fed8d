-- race_ethnicity when no column gives it: the bound $not_reported as `type`.
CAST($not_reported AS {type})
