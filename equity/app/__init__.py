"""The entry points: the session façade pages call, access control, the command line, the SQL console."""
