-- An area's flag from its indicators' flags (warning/flag.sql), or any area's from the areas' flags: true when
-- one of them is, false when none is but one is known, NULL when none is known. Identifiers: flags (SQL from
-- query()). No parameters of its own.
list_bool_or([{flags}])
