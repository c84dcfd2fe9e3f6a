"""Bulk-network forward pass: vectorised numpy against a per-sample Python loop; fit_metric wall time.

Settings of arXiv 1802.08313 (brief section 2.2): d = 3, N = 10, eta 1 -> 0.1, m^2 = -1,
V = phi^4/4, h = 3 coth(3 eta).  Both forward passes run on the same 10^5 seeded inputs and must agree.
"""
from __future__ import annotations

import time

import numpy as np
import sympy as sp

from mathml.hamiltonian import PHI, BulkNetwork, ads_schwarzschild_h, bulk_data, fit_metric

from ._common import median_time, print_table

__all__ = ["main"]


def main() -> None:
    lam = sp.Symbol("lambda")
    net = BulkNetwork(3, -1, lam * PHI**4 / 4, ads_schwarzschild_h(3), 1, 0.1, 10, params={lam: 1.0})
    rng = np.random.default_rng(0)
    n = 100_000
    phi, pi = rng.uniform(0, 1.5, n), rng.uniform(-0.2, 0.2, n)

    vec = net.forward(phi, pi)
    loop = np.array([net.forward_loop(a, b) for a, b in zip(phi, pi)])
    agree = float(np.max(np.abs(vec - loop) / (1 + np.abs(loop))))
    t_vec = median_time(lambda: net.forward(phi, pi), repeat=7)
    t_loop = median_time(lambda: [net.forward_loop(a, b) for a, b in zip(phi, pi)], repeat=3)

    data = bulk_data(net, 1000, 1000, seed=0)
    start = time.perf_counter()
    fit = fit_metric(data, reg=1.0, seed=0)
    t_fit = time.perf_counter() - start
    err = fit.compare(ads_schwarzschild_h(3))

    print_table("hamiltonian: bulk network forward pass (10^5 inputs, N = 10)",
                ["method", "time [s]", "per input [us]", "speed-up", "max rel. diff"],
                [["per-sample Python loop (baseline)", t_loop, 1e6 * t_loop / n, 1.0, 0.0],
                 ["vectorised numpy", t_vec, 1e6 * t_vec / n, t_loop / t_vec, agree]])
    print_table("hamiltonian: fit_metric (d = 3, N = 10, 1000 + 1000 points, seed 0, reg 1.0)",
                ["wall time [s]", "lambda (true 1)", "max abs(h - 3 coth 3 eta), layers 1-8",
                 "abs error layers 9, 10", "accuracy"],
                [[t_fit, f"{fit.params[lam]:.6f}", float(np.max(np.abs(err[:8]))),
                  f"{abs(err[8]):.3f}, {abs(err[9]):.3f}", fit.accuracy]])
    print("learned h:  " + " ".join(f"{x:.3f}" for x in fit.h))
    print("reference:  " + " ".join(f"{x:.3f}" for x in fit.h - err))


if __name__ == "__main__":
    main()
