-- A cube's cells of one kind of row only (counts/described.sql): the kind $described.
described = $described
