-- A view of some columns of a table as text, for profiling typed columns the way raw uploads are profiled.
-- Identifiers: target, source. Fragment: columns, one columns/as_text.sql per column.
CREATE OR REPLACE TEMP VIEW {target} AS
SELECT
    {columns}
FROM {source}
