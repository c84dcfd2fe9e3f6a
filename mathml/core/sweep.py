"""Parameter sweeps: one function over the product of axes, as a tidy table, on any executor.

`sweep` calls ``fn(**point)`` for every point of the Cartesian product of the
axes in ``grid`` and returns one record (a dict) per point: the point's
coordinates followed by the result's columns.  A dict result gives its keys as
columns, a `Verdict` gives ``status``, ``method``, ``max_error``, ``digits``,
and anything else goes into ``value``.  With ``seed=S`` every point gets its
own integer seed derived from ``S`` and the point's index
(``numpy.random.SeedSequence(S, spawn_key=(index,))``), passed as ``fn(...,
seed=...)`` and recorded, so that the table is the same on one process, a
process pool or a dask cluster.

``executor`` is any `concurrent.futures.Executor` (a ``ProcessPoolExecutor``,
dask's ``Client.get_executor()``...); ``fn`` must then be picklable (defined
at module level).  A point whose worker dies is resubmitted ``retries`` times
and then reported in the ``error`` column; an exception raised by ``fn`` is
reported the same way.  The sweep itself never raises for a failing point.

Examples
--------
>>> from mathml.core.sweep import sweep
>>> table = sweep(lambda a, b: {"sum": a + b}, {"a": [1, 2], "b": [10, 20]}, progress=False)
>>> [(r["a"], r["b"], r["sum"]) for r in table]
[(1, 10, 11), (1, 20, 21), (2, 10, 12), (2, 20, 22)]
>>> import numpy as np
>>> def noise(scale, seed):
...     return float(np.random.default_rng(seed).normal(0, scale))
>>> first = sweep(noise, {"scale": [1.0, 2.0]}, seed=7, progress=False)
>>> first == sweep(noise, {"scale": [1.0, 2.0]}, seed=7, progress=False)
True
"""
from __future__ import annotations

import concurrent.futures
import itertools
import time
from collections.abc import Mapping
from typing import Any, Callable

from .errors import InvalidInputError, MathmlError
from .progress import progress_bar
from .verdict import Verdict

__all__ = ["sweep", "grid_points", "point_seed"]

_MAX_POINTS = 10**7


def grid_points(grid: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The Cartesian product of the axes, last axis fastest.

    Raises
    ------
    InvalidInputError
        For a non-mapping, non-string axis names, or an empty or non-iterable axis.

    Examples
    --------
    >>> grid_points({"k": [1, 2], "s": ["a"]})
    [{'k': 1, 's': 'a'}, {'k': 2, 's': 'a'}]
    """
    if not isinstance(grid, Mapping) or not grid:
        raise InvalidInputError("grid must be a non-empty mapping axis name -> values, e.g. {'k': [1, 2, 3]}")
    axes = {}
    for name, values in grid.items():
        if not isinstance(name, str) or not name.isidentifier():
            raise InvalidInputError("axis names must be identifiers (they become keyword arguments), "
                                    f"got {name!r}")
        if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
            raise InvalidInputError(f"axis {name!r} must be an iterable of values, "
                                    f"got {type(values).__name__}")
        values = list(values)
        if not values:
            raise InvalidInputError(f"axis {name!r} has no values")
        axes[name] = values
    size = 1
    for values in axes.values():
        size *= len(values)
    if size > _MAX_POINTS:
        raise InvalidInputError(f"the grid has {size} points; at most {_MAX_POINTS} are accepted (split the "
                                "sweep into several calls)")
    return [dict(zip(axes, combo)) for combo in itertools.product(*axes.values())]


def point_seed(seed: int, index: int) -> int:
    """The seed of point ``index`` in a sweep seeded with ``seed`` (independent streams).

    Examples
    --------
    >>> point_seed(0, 0) == point_seed(0, 0) != point_seed(0, 1)
    True
    """
    import numpy as np

    return int(np.random.SeedSequence(seed, spawn_key=(index,)).generate_state(1, dtype=np.uint32)[0])


def _columns(result: Any) -> dict[str, Any]:
    if isinstance(result, Mapping):
        return {str(k): v for k, v in result.items()}
    if isinstance(result, Verdict):
        return {"status": result.status.value, "method": result.method, "max_error": result.max_error,
                "digits": result.digits}
    return {"value": result}


def _call(fn: Callable, kwargs: dict[str, Any]) -> Any:
    return fn(**kwargs)


def sweep(fn: Callable[..., Any], grid: Mapping[str, Any], *,
          executor: concurrent.futures.Executor | None = None, progress: bool | None = None,
          seed: int | None = None, retries: int = 1,
          frame: bool = False) -> Any:
    """Run ``fn`` over a grid of parameters and return a tidy table.

    Parameters
    ----------
    fn : callable
        Called as ``fn(**point)`` (plus ``seed=`` when ``seed`` is given).
    grid : mapping
        Axis name -> iterable of values.
    executor : concurrent.futures.Executor, optional
        Where to run the points (default: here, one after the other).
    progress : bool or None
        Progress bar: None shows it on a terminal or in a notebook, False never.
    seed : int, optional
        Base seed; each point gets `point_seed` ``(seed, index)``.
    retries : int
        Resubmissions of a point whose worker died.
    frame : bool
        Return a pandas DataFrame (needs pandas) instead of a list of dicts.

    Returns
    -------
    list of dict or pandas.DataFrame
        One record per point, in grid order: the coordinates, ``seed`` (if
        given), the result columns and ``error`` (None or the failure).
        Equal inputs and seed give equal tables on any executor.

    Raises
    ------
    InvalidInputError
        For a bad grid, a non-callable ``fn``, a bad seed or retries.
    MathmlError
        When ``frame=True`` and pandas is not installed.
    """
    if not callable(fn):
        raise InvalidInputError(f"fn must be callable, got {type(fn).__name__}")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        raise InvalidInputError(f"seed must be a non-negative int or None, got {seed!r}")
    if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
        raise InvalidInputError(f"retries must be an int >= 0, got {retries!r}")
    if executor is not None and not isinstance(executor, concurrent.futures.Executor):
        raise InvalidInputError("executor must be a concurrent.futures.Executor, "
                                f"got {type(executor).__name__}")
    points = grid_points(grid)
    calls = [dict(p, **({"seed": point_seed(seed, i)} if seed is not None else {}))
             for i, p in enumerate(points)]
    records: list[dict[str, Any] | None] = [None] * len(points)
    bar = progress_bar(len(points), desc="sweep", enabled=False if progress is False else None)

    def record(i: int, result: Any = None, error: str | None = None, elapsed: float = 0.0) -> None:
        row = dict(calls[i])
        row.update(_columns(result) if error is None else {})
        row["error"] = error
        records[i] = row
        bar.update(1)

    try:
        if executor is None:
            for i, kwargs in enumerate(calls):
                start = time.perf_counter()
                try:
                    record(i, fn(**kwargs), elapsed=time.perf_counter() - start)
                except Exception as exc:  # noqa: BLE001 - a failing point is reported, not fatal
                    record(i, error=f"{type(exc).__name__}: {exc}", elapsed=time.perf_counter() - start)
        else:
            _run_on(executor, fn, calls, retries, record)
    finally:
        bar.close()
    if frame:
        try:
            import pandas as pd
        except ImportError:
            raise MathmlError("frame=True needs pandas (pip install pandas); without it sweep returns "
                              "a list of dicts") from None
        return pd.DataFrame.from_records(records)
    return records  # type: ignore[return-value]


_DIED = ("BrokenProcessPool", "BrokenExecutor", "KilledWorker", "CancelledError", "CommClosedError",
         "FutureCancelledError", "BrokenThreadPool")


def _run_on(executor, fn, calls, retries, record) -> None:
    attempts = [0] * len(calls)
    starts: dict[int, float] = {}

    def submit(i: int):
        starts[i] = time.perf_counter()
        try:
            return executor.submit(_call, fn, calls[i])
        except Exception as exc:  # noqa: BLE001 - e.g. a broken pool refuses new work
            record(i, error=f"worker died and could not be replaced ({type(exc).__name__}: {exc}); "
                            f"tried {attempts[i] + 1} times", elapsed=0.0)
            return None

    pending = {}
    for i in range(len(calls)):
        fut = submit(i)
        if fut is not None:
            pending[fut] = i
    while pending:
        done, _ = concurrent.futures.wait(list(pending), return_when=concurrent.futures.FIRST_COMPLETED)
        for fut in done:
            i = pending.pop(fut)
            elapsed = time.perf_counter() - starts[i]
            try:
                record(i, fut.result(), elapsed=elapsed)
                continue
            except BaseException as exc:  # noqa: BLE001
                name = type(exc).__name__
                message = f"{name}: {exc}"
            if name in _DIED and attempts[i] < retries:
                attempts[i] += 1
                again = submit(i)
                if again is not None:
                    pending[again] = i
                continue
            if name in _DIED:
                message = f"worker died ({message}); tried {attempts[i] + 1} times"
            record(i, error=message, elapsed=elapsed)
