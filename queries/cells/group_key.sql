-- The `i`th column a neighbour query groups by: `column`, AS g`i`.
{column} AS g{i}
