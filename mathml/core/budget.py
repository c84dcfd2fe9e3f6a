"""A cooperative, load-independent work budget for `verify`: no fork, no signals, no threads.

`Budget` counts *work* instead of reading a clock: while it is active, a
`sys.setprofile` hook counts Python and C function calls in the current thread,
and the budget runs out after ``seconds * EVENTS_PER_SECOND`` events.  Counted
work does not depend on how loaded the machine is, so a verdict does not flip
with load, and the mechanism works everywhere a Python thread runs: in the main
thread, in worker threads (dask), in daemon processes (``multiprocessing.Pool``)
and on platforms without ``fork``.  A CPU-time guard (the thread's CPU time,
``seconds`` plus `WALL_SLACK`) stops a call whose events are individually slow
(huge integers); CPU time, unlike the wall clock, does not grow when other
processes load the machine.  A wall-clock guard at ``4 * seconds + 5`` is the
last resort.

Stages that run without the hook (the exact normal form, which is bounded by
size checks) call `Budget.tick` to count their own work.  Running out raises
`BudgetExhausted`, a `BaseException`, so that library code catching ``Exception``
cannot swallow it.

Examples
--------
>>> import sympy as sp
>>> from mathml.core.budget import Budget, BudgetExhausted
>>> x = sp.Symbol('x')
>>> with Budget(0.01) as budget:
...     try:
...         budget.run(lambda: sp.expand((1 + x)**400))
...     except BudgetExhausted:
...         print('stopped')
stopped
>>> with Budget(5) as budget:
...     budget.run(lambda: sp.expand((1 + x)**2))
x**2 + 2*x + 1
"""
from __future__ import annotations

import sys
import time
from typing import Any, Callable

__all__ = ["Budget", "BudgetExhausted", "EVENTS_PER_SECOND", "WALL_SLACK"]

EVENTS_PER_SECOND = 3_000_000  # profile events per budget second (about the rate on a 2020s core)
WALL_SLACK = 0.75  # CPU seconds beyond the budget before the CPU-time guard stops a call
_GENERATOR_FLAGS = 0x20 | 0x80 | 0x200  # CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR
_CHECK_EVERY = 128  # events between clock reads (each event may be a slow big-number operation)


class BudgetExhausted(BaseException):
    """The work budget of a `verify` call ran out (caught inside `verify`).

    A `BaseException`, so that library code catching ``Exception`` does not swallow it.

    Examples
    --------
    >>> from mathml.core.budget import Budget, BudgetExhausted
    >>> try:
    ...     Budget(0).tick()
    ... except BudgetExhausted as exc:
    ...     print(exc)
    work budget
    """


class Budget:
    """Counted work plus CPU-time and wall-clock guards; use as a context manager, run stages with `run`.

    Parameters
    ----------
    seconds : float
        The budget; ``seconds * EVENTS_PER_SECOND`` counted events, a guard at
        ``seconds + WALL_SLACK`` of the thread's CPU time and one at
        ``4 * seconds + 5`` of wall time.

    Examples
    --------
    >>> from mathml.core.budget import Budget
    >>> with Budget(1.0) as b:
    ...     b.run(sum, range(10))
    45
    >>> 0 <= b.used() < 1
    True
    """

    def __init__(self, seconds: float):
        self.seconds = float(seconds)
        self.limit = int(self.seconds * EVENTS_PER_SECOND)
        self.events = 0
        self.start = time.monotonic()
        self.cpu_deadline = time.thread_time() + self.seconds + WALL_SLACK
        self.wall_deadline = self.start + 4 * self.seconds + 5
        self.exhausted = False
        self._next_wall = _CHECK_EVERY

    def __enter__(self) -> "Budget":
        return self

    def __exit__(self, *exc) -> None:
        return None

    def used(self) -> float:
        """Fraction of the counted budget used so far (may exceed 1 after exhaustion)."""
        return self.events / self.limit if self.limit else 1.0

    def remaining_seconds(self) -> float:
        """Budget seconds left (counted work), at least 0."""
        return max(0.0, (self.limit - self.events) / EVENTS_PER_SECOND)

    def tick(self, n: int = 1) -> None:
        """Count ``n`` units of work done outside the hook; raise when the budget is gone."""
        self.events += n
        if self.events >= self.limit:
            self.exhausted = True
            raise BudgetExhausted("work budget")
        if self.events >= self._next_wall:
            self._next_wall = self.events + _CHECK_EVERY
            if self._late():
                self.exhausted = True
                raise BudgetExhausted("clock")

    def _late(self) -> bool:
        return time.thread_time() > self.cpu_deadline or time.monotonic() > self.wall_deadline

    def check(self) -> None:
        """Raise `BudgetExhausted` if the budget has already run out."""
        if self.exhausted or self.events >= self.limit or self._late():
            self.exhausted = True
            raise BudgetExhausted("budget")

    def run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call ``fn(*args, **kwargs)`` with the counting hook installed in this thread.

        If another profiler is active (cProfile), it is left alone and only the
        checks before and after the call apply.
        """
        self.check()
        previous = sys.getprofile()
        if previous is not None:
            result = fn(*args, **kwargs)
            self.check()
            return result
        budget = self

        def hook(frame, event, arg):
            budget.events += 1
            if budget.events >= budget._next_wall and not frame.f_code.co_flags & _GENERATOR_FLAGS:
                # (never raise in a generator frame: it may be a finaliser, where Python ignores it)
                budget._next_wall = budget.events + _CHECK_EVERY
                if budget.events >= budget.limit or budget._late():
                    budget.exhausted = True
                    sys.setprofile(None)
                    raise BudgetExhausted("budget")

        sys.setprofile(hook)
        try:
            result = fn(*args, **kwargs)
        finally:
            sys.setprofile(None)
        self.check()
        return result
