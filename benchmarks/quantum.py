"""Sparse exact diagonalisation in symmetry sectors vs the full space; free-fermion entanglement vs ED.

1. Ground state of the N = 20 Heisenberg ring (spin units, brief value -8.904386529876): the
   Sz = 0 sector (dimension 184756), Sz = 0 with spin inversion (92378), with inversion and
   momentum k = 0 (4654), and the full-space sparse route (2^20).  Every route is timed end to
   end (Hamiltonian assembly + lowest eigenvalue).  The library's solver for one energy is plain
   Lanczos (`mathml.quantum.ed._lanczos_lowest`); rows marked "eigsh" use scipy's ARPACK with its
   default settings instead (the previous solver), on the same matrix.  The full-space routes run
   once (they take tens of seconds); the sector routes report medians.
2. TFIM ring N = 16 at h = J = 1: block entropies S(l), l = 1..8, from the correlation matrix
   against the Schmidt values of the exact-diagonalisation ground state.
"""

from __future__ import annotations

import os
import time

import numpy as np
import scipy.sparse.linalg as spla

from mathml.quantum import entanglement_entropy, ground_state, heisenberg, tfim, tfim_block_entropy
from mathml.quantum.ed import _solve
from mathml.quantum.sectors import sector_matrix

from ._common import median_time, print_table

__all__ = ["main"]

BRIEF_E0_N20 = -8.904386529876  # dynamics_statmech.md section 5 table (Sz = 0 ED, 12 digits)


def _route(model, sector, solver="lanczos"):
    H, _ = sector_matrix(model, sector)
    if solver == "lanczos":
        return H.shape[0], float(_solve(H, 1, False)[0][0])
    v0 = np.random.default_rng(0).standard_normal(H.shape[0])
    return H.shape[0], float(spla.eigsh(H, k=1, which="SA", v0=v0, tol=0, return_eigenvectors=False)[0])


def _once(fn):
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def main() -> None:
    model = heisenberg(20, units="spin")
    rows = []
    for name, sector, solver in (
        ("Sz = 0, spin inversion +1, k = 0", {"Sz": 0, "flip": 1, "momentum": 0}, "lanczos"),
        ("Sz = 0, spin inversion +1", {"Sz": 0, "flip": 1}, "lanczos"),
        ("Sz = 0 sector", {"Sz": 0}, "lanczos"),
        ("Sz = 0 sector, eigsh", {"Sz": 0}, "eigsh"),
    ):
        dim, E = _route(model, sector, solver)
        t = median_time(lambda s=sector, v=solver: _route(model, s, v), repeat=3)
        rows.append([name, dim, t, E])
    (dim, E_full), t_full = _once(lambda: _route(model, None))
    (_, E_arpack), t_arpack = _once(lambda: _route(model, None, "eigsh"))
    rows.append(["full space (baseline, one run)", dim, t_full, E_full])
    rows.append(["full space, eigsh (one run)", dim, t_arpack, E_arpack])
    table = [[r[0], r[1], r[2], t_full / r[2], t_arpack / r[2], f"{r[3]:.12f}",
              f"{abs(r[3] - BRIEF_E0_N20):.1e}"] for r in rows]
    threads = os.environ.get("OMP_NUM_THREADS", "unset")
    print_table(
        "quantum: N = 20 Heisenberg ring ground state, build + lowest eigenvalue "
        f"(OMP_NUM_THREADS={threads})",
        ["route", "dimension", "time [s]", "speed-up vs full", "vs full eigsh", "E0", "abs(E0 - brief)"],
        table,
    )

    N = 16
    ells = range(1, N // 2 + 1)

    def ed_route():
        _, psi = ground_state(tfim(N, 1, units="pauli"))
        return np.array([entanglement_entropy(psi, ell) for ell in ells])

    def ff_route():
        return np.array([tfim_block_entropy(ell, 1, N=N) for ell in ells])

    s_ed, s_ff = ed_route(), ff_route()
    t_ed = median_time(ed_route, repeat=3)
    t_ff = median_time(ff_route, repeat=5)
    print_table(
        "quantum: TFIM ring N = 16, h = J = 1, block entropies S(1..8)",
        ["route", "time [s]", "speed-up", "S(8) [nats]", "max abs difference"],
        [
            ["exact diagonalisation + Schmidt values (baseline)", t_ed, 1.0, f"{s_ed[-1]:.12f}", 0.0],
            [
                "free-fermion correlation matrix",
                t_ff,
                t_ed / t_ff,
                f"{s_ff[-1]:.12f}",
                float(np.max(np.abs(s_ed - s_ff))),
            ],
        ],
    )


if __name__ == "__main__":
    main()
