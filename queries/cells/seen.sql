-- How a sidebar filter in use sees a cell (students/chosen.sql): seen_`filter` of the filter's bound list
-- $f_`filter` and its column `column`, AS m_`filter`. `filter`: the filter's name (a field of Filters).
seen_{filter}($f_{filter}::VARCHAR[], {column}) AS m_{filter}
