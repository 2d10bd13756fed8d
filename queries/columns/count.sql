-- A published count: the raw `source` (as text) read by count_cell (count_cell.sql; suppressed cells unknown),
-- AS `target`.
count_cell({source}) AS {target}
