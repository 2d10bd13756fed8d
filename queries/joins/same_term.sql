-- The join condition on terms: the joined row's term (r._term) is the main row's, of its column `term`.
r._term = term_key(m.{term})
