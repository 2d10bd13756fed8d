-- A student's number of events, as text like every raw column, AS `target`.
CAST(count(*) AS VARCHAR) AS {target}
