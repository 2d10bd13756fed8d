"""Running a parser of untrusted files in a child process, with a time and a memory limit.

The spreadsheet reader is native code. A crafted workbook can make it ask for terabytes (two cells at opposite
corners of a sheet are enough), and an allocation failure there aborts the whole process: on a server, every
user's session. In a child process the same file costs one failed read.

Children come from a small helper process, started once, that has already imported the readers and forks one
child per read, so a read starts in milliseconds. The helper is single-threaded, which makes forking safe, and
it is not started through `multiprocessing`, which would re-run the caller's main script in every child (under
Streamlit that script is the app itself). It listens on a socket in a folder only this user can open, and exits
when the process that started it does. EQUITY_ISOLATE=0 runs reads in this process instead, without limits
(to step through them in a debugger); so do systems without fork (Windows).
"""

import atexit
import contextlib
import os
import pickle
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from typing import Any

import numpy

try:
    import resource
except ImportError:  # Windows
    resource = None

PRELOAD = ("equity.data.ingest", "equity.app.sql_console")
_HEADER = struct.Struct("!q")
_lock = threading.Lock()
_helper: tuple[subprocess.Popen, str] | None = None


class Stopped(Exception):
    """The child was stopped: it ran out of time ("time"), or died ("died"), most often of running out of
    memory."""

    def __init__(self, reason: str):
        super().__init__(f"stopped ({reason})")
        self.reason = reason


def run(function: Callable[..., Any], *args: Any, seconds: float, memory: int) -> Any:
    """`function(*args)` in a child process: its result, or its exception raised here, or `Stopped`.
    `function` must be importable by name (defined at module level); arguments and result must pickle."""
    if os.environ.get("EQUITY_ISOLATE") == "0" or not hasattr(os, "fork"):
        return function(*args)
    args = tuple(pickle.PickleBuffer(arg) if isinstance(arg, bytes) else arg for arg in args)  # sent as they are
    request = _dumps((function, args, memory, seconds))
    deadline = time.monotonic() + seconds
    with socket.socket(socket.AF_UNIX) as connection:
        connection.connect(_address())
        pid = None
        try:
            connection.settimeout(max(0.1, deadline - time.monotonic()))
            # the child says which process it is before anything else, so it can be stopped even when the time
            # runs out while its request is still being sent
            pid = _HEADER.unpack(_receive_exactly(connection, _HEADER.size, None))[0]
            _send(connection, request)
            answer = _receive_message(connection, deadline)
        except TimeoutError:
            if pid:
                _kill(pid)
            raise Stopped("time") from None
        except (ConnectionError, EOFError):
            raise Stopped("died") from None
    succeeded, value = _loads(answer)
    if succeeded:
        return value
    raise value


def _kill(pid: int) -> None:
    with contextlib.suppress(OSError):   # already gone
        os.kill(pid, signal.SIGKILL)


# --- Framing: an 8-byte length, then the bytes ----------------------------------------------------------
# A message is a pickle and the buffers it refers to (an upload's bytes, a table's columns), each sent as it
# lies in memory and received into memory of its own: a large table crosses without extra copies.

Message = tuple[bytes, list[pickle.PickleBuffer]]


def _dumps(value: Any) -> Message:
    buffers: list[pickle.PickleBuffer] = []
    return pickle.dumps(value, protocol=5, buffer_callback=buffers.append), buffers


def _loads(message: Message) -> Any:
    head, buffers = message
    return pickle.loads(head, buffers=buffers)


def _send(connection: socket.socket, message: Message) -> None:
    head, buffers = message
    connection.sendall(_HEADER.pack(len(buffers)))
    for part in (head, *buffers):
        view = memoryview(part).cast("B")
        connection.sendall(_HEADER.pack(view.nbytes))
        connection.sendall(view)


def _receive_message(connection: socket.socket, deadline: float | None) -> Message:
    count = _HEADER.unpack(_receive_exactly(connection, _HEADER.size, deadline))[0]
    head = bytes(_receive(connection, deadline))
    return head, [_receive(connection, deadline) for _ in range(count)]


def _receive(connection: socket.socket, deadline: float | None) -> bytes | numpy.ndarray:
    size = _HEADER.unpack(_receive_exactly(connection, _HEADER.size, deadline))[0]
    return _receive_exactly(connection, size, deadline)


def _receive_exactly(connection: socket.socket, size: int, deadline: float | None) -> bytes | numpy.ndarray:
    """`size` bytes, received into memory of their own. Without a deadline (the child reading its request)
    they arrive as `bytes`, filled by the system in one call: the readers take bytes, and need no copy."""
    if deadline is None:
        parts = []
        while sum(map(len, parts)) < size:
            part = connection.recv(size - sum(map(len, parts)), socket.MSG_WAITALL)
            if not part:
                raise EOFError
            parts.append(part)
        return parts[0] if len(parts) == 1 else b"".join(parts)
    data = numpy.empty(size, numpy.uint8)      # not zeroed first, unlike a bytearray; large ones in huge pages
    view, done = memoryview(data), 0
    while done < size:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        connection.settimeout(remaining)
        received = connection.recv_into(view[done:], min(size - done, 1 << 20))
        if not received:
            raise EOFError
        done += received
    return data


# --- The helper process ---------------------------------------------------------------------------------


def _address() -> str:
    """The helper's socket, starting the helper on first use (and again if it has died)."""
    global _helper
    with _lock:
        if _helper is None or _helper[0].poll() is not None:
            folder = tempfile.mkdtemp(prefix="equity-readers-")   # mode 0700: only this user can connect
            address = os.path.join(folder, "socket")
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
            helper = subprocess.Popen([sys.executable, "-c", "from equity.data.isolation import serve; serve()",
                                       address], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
            if helper.stdout.read(1) != b"!":     # the helper says it is listening
                raise RuntimeError("The file reader's helper process did not start.")
            atexit.register(_stop_helper, helper, folder)
            _helper = (helper, address)
        return _helper[1]


def _stop_helper(helper: subprocess.Popen, folder: str) -> None:
    if helper.poll() is None:
        helper.stdin.close()       # the helper exits when its input closes
        try:
            helper.wait(5)
        except subprocess.TimeoutExpired:
            helper.kill()
    shutil.rmtree(folder, ignore_errors=True)


def serve() -> None:
    """The helper's loop: import the readers once, then fork one child per connection. It exits when its
    standard input closes, that is when the process that started it has gone."""
    import importlib

    address = sys.argv[1]
    for module in PRELOAD:
        importlib.import_module(module)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)       # children are reaped by the system
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(address)
    listener.listen(64)
    sys.stdout.buffer.write(b"!")
    sys.stdout.buffer.flush()
    with open(os.devnull, "wb") as nowhere:      # nobody reads the pipe from here on: what readers print
        os.dup2(nowhere.fileno(), sys.stdout.fileno())   # must not fill it and block them
    stdin = sys.stdin.fileno()
    while True:
        ready, _, _ = select.select([listener, stdin], [], [])
        if stdin in ready and not os.read(stdin, 4096):
            break
        if listener in ready:
            connection, _ = listener.accept()
            if os.fork() == 0:
                listener.close()
                _child(connection)
            connection.close()
    listener.close()
    os.unlink(address)


def _child(connection: socket.socket) -> None:
    """One read: say which process this is, take the request, answer, exit (never return into the loop)."""
    status = 0
    try:
        connection.sendall(_HEADER.pack(os.getpid()))
        request = _receive_message(connection, None)
        try:
            function, args, memory, seconds = _loads(request)
            del request
            _limit(memory, seconds)
            outcome = (True, function(*args))
            del args             # the upload: its memory is not held while the answer is sent
            _release_unused()
        except BaseException as error:  # noqa: BLE001 - every failure travels back to the caller
            outcome = (False, error)
        try:
            answer = _dumps(outcome)
        except Exception as error:  # noqa: BLE001 - an unpicklable result or exception
            answer = _dumps((False, RuntimeError(f"{type(error).__name__}: {error}")))
        _send(connection, answer)
    except BaseException:  # noqa: BLE001 - the caller sees the connection close
        status = 1
    finally:
        os._exit(status)


def _release_unused() -> None:
    """Hand back to the system the memory Arrow's allocator keeps for reuse (about as much again as the table a
    reader made): the caller receives a copy of the answer while this process still holds it."""
    if "pyarrow" in sys.modules:
        sys.modules["pyarrow"].default_memory_pool().release_unused()


def _limit(memory: int, seconds: float) -> None:
    """Cap the address space at what is mapped already plus `memory`, and CPU time at `seconds` on every core
    and a little, so that a child is stopped even if its caller has gone (where the system allows both)."""
    if resource is None:
        return
    cpu = int(seconds) * (os.cpu_count() or 1) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    try:
        with open("/proc/self/statm") as statm:
            mapped = int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:  # no /proc (macOS): the time limit still holds
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = mapped + memory if hard == resource.RLIM_INFINITY else min(mapped + memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
