"""`python -m equity …`: the command line."""

import sys

from equity.cli import main

sys.exit(main())
