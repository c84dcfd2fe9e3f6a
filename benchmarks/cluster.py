"""Theorems per second: in one process, isolated children (``--jobs 1/2``) and a 2-worker dask LocalCluster.

The catalogue is 16 integration-by-parts identities with an unknown function (each
about half a second of numeric verification).  The cluster figure is given with
and without the cluster's start-up (worker processes import sympy and mathml).
Timings are wall-clock and depend on the machine's load.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks._common import print_table

__all__ = ["main", "CATALOGUE"]

CATALOGUE = "\n".join(
    ["import sympy as sp", "import mathml as mm", "x = sp.Symbol('x', real=True)", "f = sp.Function('f')", ""]
    + [line for i in range(16) for line in (
        f"@mm.theorem('integration by parts, case {i}')",
        f"def t{i}():",
        f"    n = {i % 4 + 1}",
        "    return mm.verify(sp.Integral(x**n * f(x).diff(x), (x, 0, 1)),",
        f"                     f(1) - n*sp.Integral(x**(n-1)*f(x), (x, 0, 1)), points=24, seed={i})", "")])


def main() -> None:
    from mathml.core.cluster import _remote_theorem, require_distributed
    from mathml.core.theorems import collect_theorems, run_theorem, run_theorems

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "bench_catalogue.py")
        path.write_text(CATALOGUE)
        infos = collect_theorems([path])
        n = len(infos)
        rows = []
        start = time.perf_counter()
        ok = sum(run_theorem(info).ok for info in infos)
        rows.append(["one process, no isolation", ok, n / (time.perf_counter() - start)])
        for jobs in (1, 2):
            start = time.perf_counter()
            ok = sum(r.ok for r in run_theorems(infos, jobs=jobs))
            rows.append([f"isolated children, --jobs {jobs}", ok, n / (time.perf_counter() - start)])
        distributed = require_distributed()
        start = time.perf_counter()
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           host="127.0.0.1", dashboard_address=None)
        with cluster, distributed.Client(cluster) as client:
            source = path.read_text()
            client.gather([client.submit(_remote_theorem, str(path), source, infos[i].name, None, pure=False)
                           for i in range(2)])  # warm the workers (imports)
            warm = time.perf_counter()
            futures = [client.submit(_remote_theorem, str(path), source, info.name, None, pure=False)
                       for info in infos]
            ok = sum(r.ok for r in client.gather(futures))
            end = time.perf_counter()
        rows.append(["dask LocalCluster, 2 workers (warm)", ok, n / (end - warm)])
        rows.append(["dask LocalCluster, 2 workers (incl. start-up)", ok, n / (end - start)])
    print_table(f"mathml prove: theorems per second ({n} theorems; noisy, load-dependent)",
                ["runner", "as expected", "theorems/s"], rows)


if __name__ == "__main__":
    main()
