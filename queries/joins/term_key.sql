-- A row's term as two files' terms are compared (term_key, join_macros.sql): of the column `column`.
term_key({column})
