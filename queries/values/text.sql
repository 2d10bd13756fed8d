-- Any other column `value` as text.
CAST({value} AS VARCHAR)
