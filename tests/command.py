"""The command line as a user types it: `python -m equity ARGS...` in the project folder, in its own process."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def typed(*args: object) -> subprocess.CompletedProcess:
    """The finished command: its exit code, its standard output and its standard error as text."""
    return subprocess.run([sys.executable, "-m", "equity", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
