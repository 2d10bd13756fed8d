-- No value, of `type`.
CAST(NULL AS {type})
