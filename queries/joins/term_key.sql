-- A row's term as two files' terms are compared (term_key, joins/macros.sql): of the column `column`.
term_key({column})
