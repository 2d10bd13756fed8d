-- No value: NULL, where a template asks for an expression the mapping does not give.
NULL
