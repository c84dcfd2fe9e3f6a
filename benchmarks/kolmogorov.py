"""mathml.kolmogorov speed: exact psi (pair recursion, scalar and vectorised) against a plain
recursive Fraction implementation of Braun–Griebel (2.9) in the same run; one outer
iteration for f = xy; kronecker_rank of a 256 x 256 matrix against a naive
reshape-by-loops realignment."""
from __future__ import annotations

import time
from fractions import Fraction

import numpy as np

from mathml.kolmogorov import KolmogorovArnold, kronecker_rank, psi_batch, psi_pair
from mathml.kolmogorov.inner import psi_reference

from ._common import median_time, print_table

__all__ = ["main"]


def main() -> None:
    rng = np.random.default_rng(0)
    rows = []
    for k in (4, 6, 8):
        digits = rng.integers(0, 10, size=(2000, k))
        pts = [Fraction(int("".join(map(str, r))), 10 ** k) for r in digits]
        t_naive = median_time(lambda: [psi_reference(p, n=2, gamma=10) for p in pts[:400]], repeat=3) / 400
        t_pair = median_time(lambda: [psi_pair(r, n=2, gamma=10)[0].to_fraction() for r in digits[:400]],
                             repeat=3) / 400
        t_sparse = median_time(lambda: [psi_pair(r, n=2, gamma=10) for r in digits[:400]], repeat=3) / 400
        t_batch = median_time(lambda: psi_batch(digits, n=2, gamma=10), repeat=5) / len(digits)
        # same values
        assert all(psi_pair(r, n=2, gamma=10)[0].to_fraction() == psi_reference(p, n=2, gamma=10)
                   for r, p in zip(digits[:50], pts[:50]))
        rows.append([k, f"{1 / t_naive:,.0f}", f"{1 / t_pair:,.0f}", f"{1 / t_sparse:,.0f}", f"{1 / t_batch:,.0f}",
                     f"{t_naive / t_sparse:.1f}x", f"{t_naive / t_batch:.0f}x"])
    print_table("Exact Koppen psi, n = 2, gamma = 10 (points per second)",
                ["k", "naive recursive Fraction", "pair -> Fraction", "pair, sparse", "psi_batch (numpy)",
                 "sparse vs naive", "batch vs naive"], rows)

    start = time.perf_counter()
    ka = KolmogorovArnold(2).fit(lambda x: x[:, 0] * x[:, 1], max_iter=1, samples=2000)
    elapsed = time.perf_counter() - start
    rec = ka.history[0]
    print_table("One Braun-Griebel iteration, f = xy (n = 2, m = 4, gamma = 6, eps = 0.1)",
                ["level k", "bumps", "bits needed", "sup residual", "eta bound", "seconds"],
                [[rec.level, rec.bumps, rec.bits, f"{rec.residual:.4g}", rec.eta, f"{elapsed:.2f}"]])

    A = sum(np.kron(rng.normal(size=(16, 16)), rng.normal(size=(16, 16))) for _ in range(3))

    def loop_rank():
        R = np.empty((256, 256))
        for i1 in range(16):
            for j1 in range(16):
                R[i1 * 16 + j1] = A[i1 * 16:(i1 + 1) * 16, j1 * 16:(j1 + 1) * 16].ravel()
        s = np.linalg.svd(R, compute_uv=False)
        return int(np.sum(s > 1e-10 * s[0]))

    t_fast = median_time(lambda: kronecker_rank(A, (16, 16), (16, 16)), repeat=5)
    t_loop = median_time(loop_rank, repeat=5)
    assert kronecker_rank(A, (16, 16), (16, 16)) == loop_rank() == 3
    print_table("kronecker_rank of a 256 x 256 matrix (rank 3)",
                ["method", "seconds", "ratio"],
                [["kronecker_rank (reshape/transpose + SVD)", t_fast, 1.0],
                 ["block loop realignment + SVD", t_loop, t_loop / t_fast]])


if __name__ == "__main__":
    main()
