-- `value`, or `otherwise` where it is NULL.
coalesce({value}, {otherwise})
