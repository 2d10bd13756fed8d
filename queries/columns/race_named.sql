-- The races the race column names: `parts` (race_parts.sql) when the value names several, else `race` alone.
coalesce({parts}, [CAST({race} AS VARCHAR)])
