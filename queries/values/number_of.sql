-- A numeric column `value` as a DOUBLE, NaN as missing (profile/text_of.sql).
number_of({value})
