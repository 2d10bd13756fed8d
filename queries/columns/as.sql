-- Any expression named: `value` (SQL from a template) AS `target` (a column name).
{value} AS {target}
