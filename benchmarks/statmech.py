"""Ising partition functions by three routes, and exact RBM log Z by vectorised enumeration vs a naive loop.

Table 1: Kaufman's finite-torus formula (mpmath, 30 digits) against the row transfer matrix (Arb balls up to
L = 6, a float64 matrix power of the positive rescaled matrix above) and brute-force enumeration
(exact integer density of states) at K = 0.4;
"rel. diff" is |route - Kaufman| / Kaufman.  Table 2: ln Z of seeded random RBMs (binary units) by summing
e^{-F} over the smaller layer (numpy) against a Python double loop over all (v, h) pairs.
"""

from __future__ import annotations

import mpmath

from mathml.statmech import RBM, Ising2D
from mathml.statmech.ising2d import _dos

from ._common import median_time, print_table

__all__ = ["main"]


def _rel(a, b) -> float:
    return float(abs(a - b) / abs(b))


def main() -> None:
    K = 0.4
    rows = []
    with mpmath.workdps(30):
        for L in (4, 5, 8, 10, 32, 256):
            model = Ising2D(L, K)
            kauf = model.log_partition_function("kaufman")
            t_k = median_time(lambda m=model: m.log_partition_function("kaufman"), repeat=5)
            row = [L, t_k]
            if L <= 10:
                t_t = median_time(lambda m=model: m.log_partition_function("transfer"), repeat=3)
                row += [t_t, _rel(mpmath.exp(model.log_partition_function("transfer") - kauf), 1)]
            else:
                row += ["-", "-"]
            if L <= 5:
                _dos.cache_clear()
                t_b = median_time(
                    lambda m=model: (_dos.cache_clear(), m.log_partition_function("brute")), repeat=1
                )
                row += [t_b, _rel(mpmath.exp(model.log_partition_function("brute") - kauf), 1)]
            else:
                row += ["-", "-"]
            rows.append(row + [mpmath.nstr(kauf / L**2, 15)])
    print_table(
        "statmech: ln Z of the L x L Ising torus at K = 0.4 (mpmath 30 digits; brute = exact g(E))",
        [
            "L",
            "Kaufman [s]",
            "transfer [s]",
            "transfer rel. diff",
            "brute [s]",
            "brute rel. diff",
            "ln Z / L^2 (Kaufman)",
        ],
        rows,
    )

    rows = []
    for nv, nh in ((8, 8), (10, 8)):
        rbm = RBM.random(nv, nh, seed=0, units="binary")
        t_vec = median_time(rbm.log_partition_function, repeat=5)
        t_naive = median_time(lambda r=rbm: r.log_partition_function(method="naive"), repeat=1)
        diff = abs(rbm.log_partition_function() - rbm.log_partition_function(method="naive"))
        rows.append([f"{nv} + {nh}", t_naive, t_vec, t_naive / t_vec, f"{diff:.1e}"])
    for nv, nh in ((12, 12), (16, 8), (4, 20)):
        rbm = RBM.random(nv, nh, seed=0, units="binary")
        t_vec = median_time(rbm.log_partition_function, repeat=3)
        rows.append([f"{nv} + {nh}", "-", t_vec, "-", "-"])
    print_table(
        "statmech: exact RBM ln Z (binary units, float64), naive loop over (v, h) vs vectorised",
        ["visible + hidden", "naive loop [s]", "vectorised [s]", "speed-up", "|difference|"],
        rows,
    )


if __name__ == "__main__":
    main()
