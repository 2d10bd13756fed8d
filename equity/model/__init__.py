"""What the data is about: dimensions and groupings, rules, filters, terms, cohorts."""
