-- A sidebar filter in use, as a cube's cells are kept: keep_`filter` (students/keep_filters.sql) of the filter's
-- bound list $f_`filter` and its column `column`. `filter`: the filter's name (a field of Filters).
keep_{filter}($f_{filter}::VARCHAR[], {column})
