-- A download's query aggregates no column: a placeholder size column.
0 AS n_none
