-- A numeric column `value` as a DOUBLE, NaN as missing (text_of.sql).
number_of({value})
