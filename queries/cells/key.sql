-- The `i`th group column of a neighbour query's inner select (cells/group_key.sql).
g{i}
