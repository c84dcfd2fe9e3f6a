"""mathml.learning benchmarks: sparse Hodge decomposition; vectorised iterative IB against a naive loop."""
from __future__ import annotations

import math
import random

import numpy as np

from benchmarks._common import median_time, print_table
from mathml.learning import hodge_decomposition, iterative_ib


def _random_graph(n_nodes: int, n_edges: int, seed: int):
    rng = random.Random(seed)
    seen, edges = set(), []
    while len(edges) < n_edges:
        u, v = rng.randrange(n_nodes), rng.randrange(n_nodes)
        if u != v and frozenset((u, v)) not in seen:
            seen.add(frozenset((u, v)))
            edges.append((u, v))
    flow = [rng.uniform(-1, 1) for _ in edges]
    return edges, flow


def _naive_ib(pxy, beta, n_t, seed, iters):
    """The textbook IB iteration written with Python loops over x, t, y (the baseline)."""
    pxy = pxy / pxy.sum()
    nx, ny = pxy.shape
    px = [sum(pxy[x]) for x in range(nx)]
    py_x = [[pxy[x][y] / px[x] for y in range(ny)] for x in range(nx)]
    rng = np.random.default_rng(seed)
    enc = (rng.random((nx, n_t)) + 0.1).tolist()
    for x in range(nx):
        s = sum(enc[x])
        enc[x] = [e / s for e in enc[x]]
    for _ in range(iters):
        pt = [sum(px[x] * enc[x][t] for x in range(nx)) for t in range(n_t)]
        py_t = [[sum(enc[x][t] * px[x] * py_x[x][y] for x in range(nx)) / max(pt[t], 1e-300) for y in range(ny)]
                for t in range(n_t)]
        new = []
        for x in range(nx):
            row = []
            for t in range(n_t):
                kl = sum(py_x[x][y] * math.log(py_x[x][y] / max(py_t[t][y], 1e-300)) for y in range(ny) if py_x[x][y] > 0)
                row.append(math.log(max(pt[t], 1e-300)) - beta * kl)
            m = max(row)
            row = [math.exp(r - m) for r in row]
            s = sum(row)
            new.append([r / s for r in row])
        enc = new
    return enc


def main() -> None:
    rows = []
    for n_nodes, n_edges in [(2000, 10000), (5000, 10000), (300, 10000), (200, 10000), (150, 10000)]:
        edges, flow = _random_graph(n_nodes, n_edges, 0)
        t = median_time(lambda: hodge_decomposition(edges, flow), repeat=3)
        h = hodge_decomposition(edges, flow)
        g, c, r = (np.asarray(getattr(h, k)) for k in ("gradient", "curl", "harmonic"))
        ortho = max(abs(g @ c), abs(g @ r), abs(c @ r)) / (np.asarray(flow) @ np.asarray(flow))
        rows.append([f"Hodge, {n_nodes} nodes, {n_edges} edges", t, "target < 2 s", f"orthogonality {ortho:.1e}"])
    path = [(i, i + 1) for i in range(300)]
    t = median_time(lambda: hodge_decomposition(path, [1] * 300), repeat=3)
    rows.append(["exact (flint fmpq_mat), 300-edge path", t, "-", "exact rationals"])
    print_table("learning: Hodge decomposition (float64: vectorised triangles, CG potential, lsqr curl)",
                ["case", "median s", "target", "check"], rows)

    rng = np.random.default_rng(0)
    pxy = rng.random((64, 64)) ** 4
    iters = 20
    fast = median_time(lambda: iterative_ib(pxy, 5.0, 16, seed=1, max_iter=iters, tol=0.0), repeat=3)
    slow = median_time(lambda: _naive_ib(pxy, 5.0, 16, 1, iters), repeat=1)
    enc_fast = iterative_ib(pxy, 5.0, 16, seed=1, max_iter=iters, tol=0.0).encoder
    enc_slow = np.array(_naive_ib(pxy, 5.0, 16, 1, iters))
    agree = float(np.max(np.abs(enc_fast - enc_slow)))
    print_table("learning: iterative IB, 64 x 64 alphabet, |T| = 16, 20 iterations",
                ["method", "median s", "ratio", "max |encoder difference|"],
                [["naive Python loops (baseline)", slow, 1.0, ""],
                 ["iterative_ib (numpy)", fast, slow / fast, f"{agree:.1e}"]])


if __name__ == "__main__":
    main()
