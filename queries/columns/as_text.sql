-- A column `column` as text, under its own name.
CAST({column} AS VARCHAR) AS {column}
