-- One count of all students less the same count of one side (counts/other_side.sql), AS the count.
-- Identifiers: outcome.
whole.{outcome} - side.{outcome} AS {outcome}
