-- The main row's term (of its column `term`) is one the joined file has rows for.
term_key(m.{term}) IN (SELECT _term FROM join_right)
