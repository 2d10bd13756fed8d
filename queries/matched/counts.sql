-- Students in both terms, in the first only (left) and in the second only (arrived). No parameters; reads
-- `matched`.
SELECT count(*) FILTER (WHERE in_from AND in_to) AS matched,
       count(*) FILTER (WHERE in_from AND NOT in_to) AS left_,
       count(*) FILTER (WHERE in_to AND NOT in_from) AS arrived
FROM matched
