"""Benchmarks for mathml.orbits: Hasse diagrams of nilpotent orbits of sl_n, scalar curvature on su(8).

Baseline for the Hasse diagram: the all-pairs dominance comparison (vectorised numpy: each partition's
prefix sums against all others), which any all-pairs construction must do before it can even start
the transitive reduction, so it is a lower bound on the all-pairs cost.  For n = 40 the all-pairs
time is extrapolated from a seeded sample of rows (marked "est.").
"""
from __future__ import annotations

import time

import numpy as np

from benchmarks._common import median_time, print_table
from mathml.orbits.curvature import scalar_curvature, structure_constants
from mathml.orbits.classical import sl_hasse_diagram
from mathml.orbits.partitions import _covers, partitions


def _covers_all(n):
    edges = 0
    for p in partitions(n):
        edges += len(_covers(p))
    return edges


def _prefix(n):
    parts = partitions(n)
    arr = np.zeros((len(parts), n), dtype=np.int16)
    for i, p in enumerate(parts):
        arr[i, :len(p)] = p
    return np.cumsum(arr, axis=1, dtype=np.int16)


def _all_pairs(pref, rows):
    count = 0
    for i in rows:
        count += int(np.count_nonzero(np.all(pref >= pref[i], axis=1)))
    return count


def main() -> None:
    rows = []
    for n in (20, 30, 40):
        nparts = len(partitions(n))
        t_cov = median_time(lambda: _covers_all(n), repeat=3)
        t_graph = median_time(lambda: sl_hasse_diagram(n), repeat=3)
        edges = _covers_all(n)
        pref = _prefix(n)
        if n <= 30:
            t0 = time.perf_counter()
            _all_pairs(pref, range(len(pref)))
            t_all, note = time.perf_counter() - t0, ""
        else:
            sample = np.random.default_rng(0).choice(len(pref), size=1500, replace=False)
            t0 = time.perf_counter()
            _all_pairs(pref, sample)
            t_all, note = (time.perf_counter() - t0) * len(pref) / len(sample), " (est.)"
        rows.append([f"sl_{n}", nparts, edges, t_cov, t_graph, f"{t_all:.4g}{note}",
                     f"{t_all / t_cov:.0f}x"])
    print_table("Hasse diagram of nilpotent orbits of sl_n: covering relations vs all-pairs dominance",
                ["algebra", "orbits", "cover edges", "covers (s)", "covers + networkx graph (s)",
                 "all pairs, comparisons only (s)", "speed-up (covers)"], rows)

    c = structure_constants("su", 8)
    rng = np.random.default_rng(0)
    A = rng.normal(size=(63, 63))
    G = A @ A.T + 63 * np.eye(63)
    t_s = median_time(lambda: scalar_curvature(c, G), repeat=20)
    # baseline: the straightforward orthonormal-frame version with an unoptimised 4-index einsum
    def naive():
        L = np.linalg.cholesky(G)
        Li = np.linalg.inv(L)
        cp = np.einsum("kc,abk->abc", L, np.einsum("bj,ajk->abk", Li, np.einsum("ai,ijk->ajk", Li, c)))
        return -0.25 * np.sum(cp ** 2) - 0.5 * np.einsum("ijk,ikj->", cp, cp)
    t_n = median_time(naive, repeat=10)
    t_1 = _single_thread_time()
    print_table("Scalar curvature of a random left-invariant metric on SU(8) (dim 63)",
                ["method", "ms per evaluation"],
                [["scalar_curvature (three BLAS contractions), default BLAS threads", t_s * 1e3],
                 ["scalar_curvature, BLAS limited to 1 thread (subprocess)", t_1 * 1e3],
                 ["orthonormal frame, staged einsum (baseline)", t_n * 1e3]])


def _single_thread_time() -> float:
    # multithreaded BLAS thrashes when the machine is oversubscribed; thread limits must be set
    # before numpy loads, hence a subprocess
    import os
    import subprocess
    import sys

    code = ("import numpy as np\n"
            "from benchmarks._common import median_time\n"
            "from mathml.orbits.curvature import scalar_curvature, structure_constants\n"
            "c = structure_constants('su', 8)\n"
            "A = np.random.default_rng(0).normal(size=(63, 63))\n"
            "G = A @ A.T + 63 * np.eye(63)\n"
            "print(median_time(lambda: scalar_curvature(c, G), repeat=20))\n")
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         cwd=root, check=True, timeout=120)
    return float(out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
