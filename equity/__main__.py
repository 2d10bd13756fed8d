"""`python -m equity …`: the command line."""

import sys

from equity.app.cli import main

sys.exit(main())
