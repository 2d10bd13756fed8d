-- Two conditions, `first` and `second`, both holding.
{first} AND {second}
