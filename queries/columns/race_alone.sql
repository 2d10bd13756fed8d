-- The list of one race: `race` (race_ethnicity's expression) alone.
[CAST({race} AS VARCHAR)]
