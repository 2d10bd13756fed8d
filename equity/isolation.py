"""Running a parser of untrusted files in a child process, with a time and a memory limit.

The spreadsheet reader is native code. A crafted workbook can make it ask for terabytes (two cells at opposite
corners of a sheet are enough), and an allocation failure there aborts the whole process: on a server, every
user's session. In a child process the same file costs one failed read. Children are forked from a small
server process that has already imported the readers, so each read starts in milliseconds.
"""

import multiprocessing
import os
from collections.abc import Callable
from typing import Any

try:
    import resource
except ImportError:  # Windows: no address-space limit, the time limit still holds
    resource = None

PRELOAD = ["equity.ingest"]


class Stopped(Exception):
    """The child was stopped: it ran out of time ("time"), or died, most often of running out of memory."""

    def __init__(self, reason: str, exitcode: int | None = None):
        super().__init__(f"stopped ({reason}, exit code {exitcode})")
        self.reason = reason
        self.exitcode = exitcode


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


def run(function: Callable[..., Any], *args: Any, seconds: float, memory: int) -> Any:
    """`function(*args)` in a child process: its result, or its exception raised here, or `Stopped`.
    `function` must be importable by name (module level) and its arguments and result picklable; like any
    multiprocessing code, a script calling this needs the `if __name__ == "__main__":` guard.
    EQUITY_ISOLATE=0 runs it in this process instead, without limits (to step through it in a debugger)."""
    if os.environ.get("EQUITY_ISOLATE") == "0":
        return function(*args)
    context = _context()
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, memory, function, args), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(seconds):
            raise Stopped("time")
        try:
            succeeded, value = receive.recv()
        except EOFError:
            child.join(5)
            raise Stopped("died", child.exitcode) from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    if succeeded:
        return value
    raise value


def _child(send, memory: int, function: Callable[..., Any], args: tuple) -> None:
    _limit_memory(memory)
    try:
        outcome = (True, function(*args))
    except BaseException as error:  # noqa: BLE001 - every failure travels back to the parent
        outcome = (False, error)
    try:
        send.send(outcome)
    except Exception as error:  # noqa: BLE001 - an unpicklable result or exception
        send.send((False, RuntimeError(f"{type(error).__name__}: {error}")))
    finally:
        send.close()


def _limit_memory(extra: int) -> None:
    """Cap the address space at what the process already maps plus `extra` (where the system allows it)."""
    try:
        with open("/proc/self/statm") as statm:
            mapped = int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, AttributeError):  # no /proc (macOS) or no resource module (Windows)
        return
    limit = mapped + extra
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
