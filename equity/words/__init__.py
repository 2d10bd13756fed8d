"""Words for people: translations, messages, names of groups and flags, plain-language summaries."""
