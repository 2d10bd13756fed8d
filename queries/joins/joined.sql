-- A joined column `column` of join_right (r) in the combined table.
r.{column} AS {column}
