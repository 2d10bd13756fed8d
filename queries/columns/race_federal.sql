-- The federal rule over a Hispanic/Latino flag and one flag per race: `hispanic` (a mapped boolean, or NULL) set
-- gives $hispanic; more than one of the `flagged` races (race_flagged.sql, a list; NULL when none is mapped)
-- gives $two_or_more; one gives its group; none gives `race` (the race column's value), or $not_reported.
CAST(CASE WHEN coalesce({hispanic}, false) THEN $hispanic
          WHEN array_length(list_filter([{flagged}], lambda x: x IS NOT NULL)) > 1 THEN $two_or_more
          ELSE coalesce({flagged}, CAST({race} AS VARCHAR), $not_reported)
     END AS race_label)
