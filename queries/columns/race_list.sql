-- race_list: the groups a student reports (`reported`, race_reported.sql), or `race` alone when none.
CASE WHEN array_length({reported}) > 0 THEN {reported} ELSE [CAST({race} AS VARCHAR)] END
