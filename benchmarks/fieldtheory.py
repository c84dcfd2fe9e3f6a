"""Field theory benchmarks: mean-field chi1 / q* at 30 digits, O(N) path integrals, vectorised cos-nets.

1. tanh signal propagation at the four points of the brief's F2 table: `SignalPropagation(dps=30)`
   against the style of the public deepchaos code (ganguli-lab/deepchaos, cornet/theory.py): a Riemann
   sum with dz = 0.05 on [-10, 10) for the q-map, fixed-point iteration to tol 1e-9 from q = 3, and
   scipy quad with epsabs = epsrel = 1e-2 for chi1.  Errors are against the 30-digit values.
2. Harmonic-oscillator lattice kernel at N = 2000 in ReLU variables: the O(N) tridiagonal route
   against a dense determinant of the Hessian in the network parameters (O(N^3)).
3. 10^6 sampled cos-nets (width 4, four times): vectorised numpy against a per-network Python loop
   (timed on 2 10^4 nets and scaled).
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import sympy as sp
from scipy.integrate import quad
from scipy.stats import norm

from mathml.fieldtheory import CosNet, PathNetwork, SignalPropagation, mehler_kernel

from ._common import median_time, print_table

__all__ = ["main"]


def _deepchaos_style(sigma_w: float, sigma_b: float) -> tuple[float, float]:
    zs = np.r_[-10.0:10.0:0.05]

    def qmap(q: float) -> float:
        return sigma_w**2 * float(np.sum(norm.pdf(zs) * np.tanh(np.sqrt(q) * zs) ** 2) * 0.05) + sigma_b**2

    q = 3.0
    for _ in range(500):
        qn = qmap(q)
        if abs(qn - q) < 1e-9:
            q = qn
            break
        q = qn
    chi = (
        sigma_w**2
        * quad(
            lambda z: norm.pdf(z) * (1 - np.tanh(np.sqrt(q) * z) ** 2) ** 2, -10, 10, epsabs=1e-2, epsrel=1e-2
        )[0]
    )
    return q, chi


def _deepchaos_c_star(sigma_w2: float, sigma_b2: float, q: float, iters: int = 300) -> float:
    """c* by iterating the deepchaos-style covmap: 2D Riemann sum, dz = 0.05, 1e-8 'fudge' in the sqrt."""
    zs = np.r_[-10.0:10.0:0.05]
    z1, z2 = np.meshgrid(zs, zs, indexing="ij")
    w = norm.pdf(z1) * norm.pdf(z2) * 0.05**2
    c = 0.5
    for _ in range(iters):
        q12 = c * q
        u1, u2, u3 = np.sqrt(q), q12 / np.sqrt(q), np.sqrt(q - q12**2 / q + 1e-8)
        c_new = (sigma_w2 * float(np.sum(w * np.tanh(u1 * z1) * np.tanh(u2 * z1 + u3 * z2))) + sigma_b2) / q
        if abs(c_new - c) < 1e-13:
            return c_new
        c = c_new
    return c


def _c_star_table() -> None:
    rows = []
    for sw2 in (2.0, 2.5, 4.0):
        s = SignalPropagation("tanh", sw2, 0.05)
        c_mm = s.c_star
        t_mm = median_time(lambda sw2=sw2: SignalPropagation("tanh", sw2, 0.05).c_star, repeat=3)
        c_dc = _deepchaos_c_star(sw2, 0.05, float(s.q_star))
        t_dc = median_time(lambda sw2=sw2, q=float(s.q_star): _deepchaos_c_star(sw2, 0.05, q), repeat=1)
        resid = abs(s.c_map(c_mm) - c_mm)
        rows.append([sw2, f"{float(c_mm):.15f}", float(resid), t_mm, t_dc, abs(float(c_mm) - c_dc)])
    print_table(
        "fieldtheory: tanh c* at sigma_b2 = 0.05 (float64 bivariate route) vs the deepchaos-style covmap",
        [
            "sigma_w2",
            "c* (mathml)",
            "|c_map(c*) - c*|",
            "mathml [s]",
            "Riemann iteration [s]",
            "Riemann abs. error",
        ],
        rows,
    )


def _signal_table() -> None:
    rows = []
    for sw, sb in ((1.5, 0.3), (2.5, 0.3), (4.0, 0.3), (3.0, 1.0)):

        def fresh(sw: float = sw, sb: float = sb) -> tuple:
            s = SignalPropagation("tanh", mpmath.mpf(sw) ** 2, mpmath.mpf(sb) ** 2, dps=30)
            return s.q_star, s.chi1

        q, chi = fresh()
        t_mm = median_time(fresh, repeat=3)
        t_dc = median_time(lambda: _deepchaos_style(sw, sb), repeat=3)  # noqa: B023 - called at once
        qd, cd = _deepchaos_style(sw, sb)
        with mpmath.workdps(30):
            rows.append(
                [
                    f"({sw}, {sb})",
                    mpmath.nstr(q, 30),
                    mpmath.nstr(chi, 30),
                    t_mm,
                    t_dc,
                    float(abs(q - qd) / q),
                    float(abs(chi - cd) / chi),
                ]
            )
    print_table(
        "fieldtheory: tanh q* and chi1 to 30 digits (mathml) vs the deepchaos-style Riemann sum",
        [
            "(sigma_w, sigma_b)",
            "q* (30 digits)",
            "chi1 (30 digits)",
            "mathml, median of 3 [s]",
            "Riemann [s]",
            "Riemann rel. error q*",
            "Riemann rel. error chi1",
        ],
        rows,
    )


def _path_table() -> None:
    x = sp.Symbol("x")
    V = sp.Rational(9, 8) * x**2
    net = PathNetwork("relu", 2000, 1.0, 0.2, 0.9)
    ref = float(mehler_kernel(1.5, 1, 0.2, 0.9))
    k_tri, k_dense = net.kernel(V), net.kernel(V, method="dense")
    t_tri = median_time(lambda: net.kernel(V), repeat=5)
    t_dense = median_time(lambda: net.kernel(V, method="dense"), repeat=2)
    print_table(
        "fieldtheory: Gaussian path integral, harmonic oscillator, N = 2000 (ReLU variables)",
        ["method", "time [s]", "speed-up", "kernel", "rel. error vs Mehler"],
        [
            [
                "dense determinant of M^T A M (baseline)",
                t_dense,
                1.0,
                f"{k_dense:.15g}",
                abs(k_dense / ref - 1),
            ],
            ["tridiagonal LDL^T, O(N)", t_tri, t_dense / t_tri, f"{k_tri:.15g}", abs(k_tri / ref - 1)],
        ],
    )


def _loop_cosnets(net: CosNet, n: int, seed: int, taus: list) -> np.ndarray:
    rng = np.random.default_rng(seed)
    A, N, L, m = float(net.prefactor), net.width, float(net.cutoff), float(net.mass)
    out = np.empty((n, len(taus)))
    for i in range(n):
        a = rng.standard_normal(N) * A / math.sqrt(N)
        b = rng.uniform(-L, L, N)
        c = rng.uniform(-math.pi, math.pi, N)
        for j, t in enumerate(taus):
            out[i, j] = sum(a[k] * math.cos(b[k] * t + c[k]) / math.sqrt(b[k] ** 2 + m * m) for k in range(N))
    return out


def _cosnet_table() -> None:
    net = CosNet(1, 5, 4)
    taus = [0.0, 0.3, 0.7, 1.0]
    t_vec = median_time(lambda: net.sample(10**6, seed=0, taus=taus), repeat=3)
    x = net.sample(10**6, seed=0, taus=taus)
    n_loop = 20_000
    t_loop = median_time(lambda: _loop_cosnets(net, n_loop, 0, taus), repeat=1) * (10**6 / n_loop)
    g = float(np.mean(x[:, 0] * x[:, 3]))
    print_table(
        "fieldtheory: 10^6 cos-nets (width 4, 4 times)",
        ["method", "time for 10^6 nets [s]", "speed-up", "G(0, 1) estimate (exact 0.17288443)"],
        [
            ["per-network Python loop (baseline, scaled from 2e4)", t_loop, 1.0, "-"],
            ["CosNet.sample (vectorised)", t_vec, t_loop / t_vec, f"{g:.5f}"],
        ],
    )


def main() -> None:
    _signal_table()
    _c_star_table()
    _path_table()
    _cosnet_table()


if __name__ == "__main__":
    main()
