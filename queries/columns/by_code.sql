-- A raw column's expression worked out once per distinct value and looked up by each row's code: `each` (an
-- expression of the raw value `value`, as text) over the bound $dictionary_`i` (the column's values by code, then
-- NULL for a missing value, `missing` its position from 0), indexed by `code` (the column of codes; NULL where
-- the value is missing).
(list_transform($dictionary_{i}::VARCHAR[], lambda {value}: {each}))[coalesce({code}, {missing}) + 1]
