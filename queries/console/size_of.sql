-- Students with a value in column `column` of a group, for a download's sizes, AS n_`i`.
count({column}) AS n_{i}
