"""Peak memory of the running process, for the processes benchmarks and tests start to measure a load, a reader
or a statement.

Linux carries `ru_maxrss` across exec: a process started from a large one (the test runner, after hundreds of
tests) reports its parent's size as its own peak. The high-water mark of the process's own memory (VmHWM)
starts afresh at exec, so it measures only what the script itself used."""

from pathlib import Path


def peak_mb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    raise RuntimeError("no VmHWM in /proc/self/status: peak memory is measured on Linux only")
