-- A column `value` cast to `type`.
CAST({value} AS {type})
