-- A published count: the raw `source` (as text) read by count_cell (counts/cell.sql; suppressed cells unknown),
-- AS `target`.
count_cell({source}) AS {target}
