"""Child processes that cannot fool or outlive the command that started them.

`run_isolated` runs a function in a forked child process with a deadline and
returns its result; whatever the function does (``sys.exit(0)``, ``os._exit``,
an infinite loop, a segfault) the parent gets an `Outcome` that says so.  The
child becomes the leader of its own process group, so on a timeout the whole
group (the child and the workers it forked, e.g. verify's simplify worker) is
killed.  `ProcessGuard` is what the ``mathml`` command wraps itself in: it makes
the command a child subreaper (Linux), turns SIGTERM/SIGINT into a clean exit
and kills every descendant process on the way out, so that no process outlives
the command.

Where ``os.fork`` is missing (Windows) `run_isolated` runs the function in the
calling process: ``SystemExit`` is still caught, but the deadline is not
enforced.

Examples
--------
>>> from mathml.core.processes import run_isolated
>>> run_isolated(pow, (2, 10), timeout=30).value
1024
>>> import sys
>>> out = run_isolated(sys.exit, (0,), timeout=30)
>>> out.ok, out.error
(False, 'the code called sys.exit(0)')
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import select
import signal
import sys
import time
import traceback
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from .errors import InvalidInputError

__all__ = ["Outcome", "run_isolated", "run_many_isolated", "descendants", "kill_descendants",
           "ProcessGuard"]

_PR_SET_PDEATHSIG = 1
_PR_SET_CHILD_SUBREAPER = 36


@dataclass(frozen=True)
class Outcome:
    """What happened to one isolated call.

    Attributes
    ----------
    ok : bool
        True when the function returned; ``value`` is its return value.
    value : object
    error : str or None
        Why there is no value: the exception (with traceback), ``sys.exit``, a
        timeout, or the exit code / signal of a child that died.
    timed_out : bool
    elapsed : float
        Wall-clock seconds.
    """

    ok: bool
    value: Any = None
    error: str | None = None
    timed_out: bool = False
    elapsed: float = 0.0


def _prctl(option: int, value: int) -> None:
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)


def _call(fn: Callable, args: Sequence[Any]) -> tuple[bool, Any]:
    try:
        return True, fn(*args)
    except SystemExit as exc:
        return False, f"the code called sys.exit({exc.code!r})"
    except KeyboardInterrupt:
        return False, "interrupted (KeyboardInterrupt)"
    except BaseException as exc:  # noqa: BLE001 - everything is reported to the parent
        return False, f"{type(exc).__name__}: {exc}\n" + traceback.format_exc(limit=6)


def _child(fn: Callable, args: Sequence[Any], write_fd: int) -> None:  # pragma: no cover - child
    status = 1
    try:
        os.setpgid(0, 0)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        _not_a_daemon()
        ok, value = _call(fn, args)
        try:
            payload = pickle.dumps((ok, value), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001
            payload = pickle.dumps((False, f"the result could not be pickled: {type(exc).__name__}: {exc}"))
        with os.fdopen(write_fd, "wb") as out:
            out.write(payload)
        status = 0
    finally:
        os._exit(status)


def _not_a_daemon() -> None:  # pragma: no cover - child
    """This child is ours, not multiprocessing's: it may start workers even inside a daemon (dask)."""
    with contextlib.suppress(Exception):
        import multiprocessing.process as mp_process

        mp_process.current_process()._config["daemon"] = False
        mp_process._children = set()


def _kill_group(pid: int) -> None:
    for target in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
        with contextlib.suppress(ProcessLookupError, PermissionError, OSError):
            target()


class _Running:
    def __init__(self, index: int, fn: Callable, args: Sequence[Any], timeout: float | None):
        self.index, self.start = index, time.monotonic()
        self.deadline = None if timeout is None else self.start + timeout
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - child
            os.close(read_fd)
            _child(fn, args, write_fd)
        os.close(write_fd)
        with contextlib.suppress(OSError):
            os.setpgid(pid, pid)
        self.pid, self.fd, self.chunks = pid, read_fd, []
        _CHILDREN.add(pid)

    def finish(self, timed_out: bool = False) -> Outcome:
        elapsed = time.monotonic() - self.start
        if timed_out:
            _kill_group(self.pid)
        os.close(self.fd)
        _, status = os.waitpid(self.pid, 0)
        _CHILDREN.discard(self.pid)
        _kill_group(self.pid)  # workers the child left behind in its group
        if timed_out:
            return Outcome(False, error=f"timed out after {elapsed:.1f} s (the process group was killed)",
                           timed_out=True, elapsed=elapsed)
        data = b"".join(self.chunks)
        if data:
            try:
                ok, value = pickle.loads(data)
            except Exception as exc:  # noqa: BLE001
                return Outcome(False, error=f"unreadable result from the child: {exc}", elapsed=elapsed)
            return Outcome(ok, value if ok else None, None if ok else value, elapsed=elapsed)
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
            return Outcome(False, error=f"the process was killed by signal {name}", elapsed=elapsed)
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else status
        return Outcome(False, error=f"the process exited with code {code} without a result "
                                    "(os._exit or a crash)", elapsed=elapsed)


_CHILDREN: set[int] = set()


def run_many_isolated(calls: Sequence[tuple[Callable, Sequence[Any]]], *, jobs: int = 1,
                      timeout: float | None = None, on_done: Callable[[int, Outcome], None] | None = None
                      ) -> list[Outcome]:
    """Run ``fn(*args)`` for every ``(fn, args)`` in forked children, ``jobs`` at a time.

    Parameters
    ----------
    calls : sequence of (callable, args)
    jobs : int
        Children running at once (>= 1).
    timeout : float or None
        Seconds per call; a child still running then is killed with its process group.
    on_done : callable, optional
        ``on_done(index, outcome)`` as each call finishes.

    Returns
    -------
    list of Outcome
        In the order of ``calls``.

    Raises
    ------
    InvalidInputError
        For ``jobs < 1`` or a non-positive timeout.

    Examples
    --------
    >>> [o.value for o in run_many_isolated([(abs, (-3,)), (max, (1, 5))], jobs=2, timeout=30)]
    [3, 5]
    """
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise InvalidInputError(f"jobs must be an int >= 1, got {jobs!r}")
    if timeout is not None and not timeout > 0:
        raise InvalidInputError(f"timeout must be positive seconds or None, got {timeout!r}")
    if timeout is not None and timeout == float("inf"):
        timeout = None
    outcomes: list[Outcome | None] = [None] * len(calls)
    if not hasattr(os, "fork"):  # pragma: no cover - Windows: in process, no deadline
        for i, (fn, args) in enumerate(calls):
            start = time.monotonic()
            ok, value = _call(fn, args)
            outcomes[i] = Outcome(ok, value if ok else None, None if ok else value,
                                  elapsed=time.monotonic() - start)
            if on_done:
                on_done(i, outcomes[i])
        return outcomes  # type: ignore[return-value]
    pending = list(enumerate(calls))[::-1]
    running: dict[int, _Running] = {}
    try:
        while pending or running:
            while pending and len(running) < jobs:
                i, (fn, args) = pending.pop()
                child = _Running(i, fn, args, timeout)
                running[child.fd] = child
            now = time.monotonic()
            deadlines = [c.deadline for c in running.values() if c.deadline is not None]
            wait = max(0.0, min(deadlines) - now) if deadlines else None
            ready, _, _ = select.select(list(running), [], [], wait)
            for fd in ready:
                child = running[fd]
                chunk = os.read(fd, 1 << 16)
                if chunk:
                    child.chunks.append(chunk)
                    continue
                del running[fd]
                outcomes[child.index] = child.finish()
                if on_done:
                    on_done(child.index, outcomes[child.index])
            now = time.monotonic()
            for fd, child in list(running.items()):
                if child.deadline is not None and now >= child.deadline and fd not in ready:
                    del running[fd]
                    outcomes[child.index] = child.finish(timed_out=True)
                    if on_done:
                        on_done(child.index, outcomes[child.index])
    finally:
        for child in running.values():
            _kill_group(child.pid)
            with contextlib.suppress(OSError):
                os.close(child.fd)
            with contextlib.suppress(ChildProcessError, OSError):
                os.waitpid(child.pid, 0)
            _CHILDREN.discard(child.pid)
    return outcomes  # type: ignore[return-value]


def run_isolated(fn: Callable, args: Sequence[Any] = (), *, timeout: float | None = None) -> Outcome:
    """Run ``fn(*args)`` in a forked child with a deadline.

    Parameters
    ----------
    fn : callable
        Must return a picklable value.
    args : sequence
    timeout : float or None
        Seconds; the child's process group is killed after it.

    Returns
    -------
    Outcome

    Raises
    ------
    InvalidInputError
        For a non-positive timeout.

    Examples
    --------
    >>> import time
    >>> out = run_isolated(time.sleep, (60,), timeout=0.5)
    >>> out.timed_out, out.ok
    (True, False)
    """
    return run_many_isolated([(fn, tuple(args))], jobs=1, timeout=timeout)[0]


def descendants(pid: int | None = None) -> list[int]:
    """Process ids of every living descendant of ``pid`` (default: this process), Linux only.

    Returns
    -------
    list of int
        Empty where ``/proc`` is not available.

    Examples
    --------
    >>> import os
    >>> isinstance(descendants(os.getpid()), list)
    True
    """
    pid = os.getpid() if pid is None else pid
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read().decode(errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 1 and fields[0] != "Z":
            children.setdefault(int(fields[1]), []).append(int(entry))
    out, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            out.append(child)
            stack.append(child)
    return out


def kill_descendants() -> int:
    """SIGKILL every descendant of this process (and the groups of isolated children).

    Returns
    -------
    int
        How many processes were signalled.

    Examples
    --------
    >>> kill_descendants() >= 0
    True
    """
    for pid in list(_CHILDREN):
        _kill_group(pid)
    victims = descendants()
    for pid in victims:
        with contextlib.suppress(ProcessLookupError, PermissionError, OSError):
            os.kill(pid, signal.SIGKILL)
    for pid in victims:  # reap our own children
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(pid, os.WNOHANG)
    return len(victims)


class ProcessGuard:
    """Context manager: no process started inside outlives it, SIGTERM/SIGINT exit cleanly.

    On entry the process becomes a child subreaper (Linux), so that orphaned
    grandchildren are re-parented to it and can be found; SIGTERM and SIGINT
    kill every descendant and exit with code 128 + signal number.  On exit
    every remaining descendant is killed; the previous handlers are restored
    unless ``restore=False`` (a command about to exit keeps them, so that a
    signal during interpreter shutdown still ends cleanly).

    Parameters
    ----------
    restore : bool

    Examples
    --------
    >>> with ProcessGuard():
    ...     pass
    """

    def __init__(self, restore: bool = True):
        self.restore = restore

    def __enter__(self) -> "ProcessGuard":
        _prctl(_PR_SET_CHILD_SUBREAPER, 1)
        self._old = {}
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(ValueError):  # not the main thread: leave handlers alone
                self._old[sig] = signal.signal(sig, self._handle)
        return self

    @staticmethod
    def _handle(signum, frame):  # pragma: no cover - exercised through the CLI in a subprocess
        kill_descendants()
        name = signal.Signals(signum).name
        with contextlib.suppress(Exception):
            print(f"\nmathml: stopped by {name}; every child process was killed", file=sys.stderr, flush=True)
        os._exit(128 + signum)

    def __exit__(self, *exc) -> None:
        kill_descendants()
        for sig, old in self._old.items() if self.restore else ():
            with contextlib.suppress(ValueError, TypeError):
                signal.signal(sig, old)
