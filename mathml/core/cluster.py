"""Running theorems on a dask.distributed cluster (``mathml prove --scheduler``).

``--scheduler tcp://HOST:PORT`` connects to a running scheduler (start one with
``dask scheduler`` and workers with ``dask worker tcp://HOST:PORT`` on machines
where mathml is installed); ``--scheduler local:N`` starts a `LocalCluster` of N
worker processes on the loopback interface for the duration of the run.  The
theorem files' text travels with each task, so workers need mathml but not the
files.  On a worker each theorem runs exactly as locally: in a forked child with
the same deadline (`mathml.core.processes`), so output, exit codes and the
result cache are the same as for local runs.  A task whose worker dies is
retried once by dask, then reported as a failed theorem.

dask is an optional dependency (``pip install 'mathml[parallel]'``); it is
imported only when a scheduler is used.

Examples
--------
>>> from mathml.core.cluster import parse_scheduler
>>> parse_scheduler("local:2"), parse_scheduler("tcp://10.0.0.5:8786")
(('local', 2), ('address', 'tcp://10.0.0.5:8786'))
"""
from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from .errors import InvalidInputError, MathmlError
from .processes import run_isolated

__all__ = ["parse_scheduler", "require_distributed", "dask_client", "run_theorems_on_dask"]


def parse_scheduler(text: str) -> tuple[str, Any]:
    """``local:N`` -> ("local", N); ``tcp://host:port`` (or tls://, ws://) -> ("address", text).

    Raises
    ------
    InvalidInputError
        For anything else.
    """
    if not isinstance(text, str):
        raise InvalidInputError(f"scheduler must be a string, got {type(text).__name__}")
    m = re.fullmatch(r"local:(\d{1,3})", text.strip())
    if m and int(m.group(1)) >= 1:
        return "local", int(m.group(1))
    if re.fullmatch(r"(tcp|tls|ws|wss|inproc)://[\w.\-\[\]:]+(:\d+)?", text.strip()):
        return "address", text.strip()
    raise InvalidInputError(f"--scheduler {text!r} is not understood; accepted: local:N (N >= 1 worker "
                            "processes on this machine) or tcp://HOST:PORT of a dask scheduler")


def require_distributed():
    """Import ``dask.distributed`` or raise a clear `MathmlError`."""
    try:
        import dask.distributed as distributed
    except ImportError as exc:
        raise MathmlError("running on a cluster needs dask.distributed: pip install 'mathml[parallel]'"
                          f" ({exc})") from None
    return distributed


@contextlib.contextmanager
def dask_client(scheduler: str, *, connect_timeout: float = 30.0) -> Iterator[Any]:
    """A dask ``Client`` for ``local:N`` (a LocalCluster on 127.0.0.1, closed afterwards) or an address.

    Raises
    ------
    MathmlError
        When dask is missing or the scheduler cannot be reached.
    """
    kind, value = parse_scheduler(scheduler)
    distributed = require_distributed()
    if kind == "local":
        with distributed.LocalCluster(n_workers=value, threads_per_worker=1, processes=True,
                                      host="127.0.0.1", dashboard_address=None) as cluster, \
                distributed.Client(cluster) as client:
            yield client
        return
    try:
        client = distributed.Client(value, timeout=connect_timeout)
    except (OSError, TimeoutError) as exc:
        raise MathmlError(f"cannot reach the dask scheduler at {value}: {exc}") from None
    try:
        yield client
    finally:
        client.close()


def _remote_theorem(path: str, source: str, name: str, timeout: float | None):
    """Runs on a worker: import the file's text, find the theorem, run it isolated."""
    from .derivation import TheoremInfo
    from .theorems import _from_outcome, _Located, load_module, run_theorem, warm_up

    warm_up()  # once per worker process: the forked children start warm
    module = load_module(path, source)
    for obj in vars(module).values():
        info = getattr(obj, "__mathml_theorem__", None)
        if isinstance(info, TheoremInfo) and info.name == name and obj.__module__ == module.__name__:
            located = _Located(info.name, info.tags, info.expect, info.function, info.citation, path)
            return _from_outcome(located, run_isolated(run_theorem, (located,), timeout=timeout))
    raise MathmlError(f"theorem {name!r} not found in {path} on the worker")


def run_theorems_on_dask(infos: Sequence[Any], scheduler: str, *, timeout: float | None = None,
                         progress: Callable[[Any], None] | None = None) -> list:
    """Run located theorems on a dask cluster; results in the order of ``infos``.

    Parameters
    ----------
    infos : sequence of located TheoremInfo (from `mathml.core.theorems.collect_theorems`)
    scheduler : str
        ``local:N`` or ``tcp://HOST:PORT``.
    timeout : float or None
        Seconds per theorem (enforced on the worker).
    progress : callable, optional
        Called with each `TheoremResult` as it arrives.

    Returns
    -------
    list of TheoremResult

    Raises
    ------
    MathmlError
        When dask is missing or the scheduler cannot be reached.
    """
    from .theorems import failed_result

    if not infos:
        return []
    sources: dict[str, str] = {}
    for info in infos:
        path = getattr(info, "source", "")
        if path not in sources:
            sources[path] = Path(path).read_text(encoding="utf-8")
    distributed = require_distributed()
    results: list[Any] = [None] * len(infos)
    with dask_client(scheduler) as client:
        futures = {}
        for i, info in enumerate(infos):
            fut = client.submit(_remote_theorem, info.source, sources[info.source], info.name, timeout,
                                pure=False, retries=1, key=f"mathml-theorem-{i}-{abs(hash(info.name))}")
            futures[fut] = i
        for fut in distributed.as_completed(list(futures)):
            i = futures[fut]
            try:
                results[i] = fut.result()
            except Exception as exc:  # noqa: BLE001 - a dead worker or a lost task is a failed theorem
                results[i] = failed_result(infos[i], f"on the cluster: {type(exc).__name__}: {exc}", 0.0)
            if progress:
                progress(results[i])
    return results
