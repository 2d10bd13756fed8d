-- Run once on the SQL console's own connection: no progress bar on the server's output, then no further
-- change to any setting. No parameters.
SET enable_progress_bar = false;
SET lock_configuration = true;
