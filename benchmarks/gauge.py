"""Benchmarks of mathml.gauge: flow_equivalence (scalar, dps 30, 8 points) and the 2x2 matrix
flow, against scipy solve_ivp (rtol 1e-12) on the same functions, with agreeing digits.

Run: ``python -m benchmarks gauge``.
"""
from __future__ import annotations

import mpmath
import numpy as np
import sympy as sp
from scipy.integrate import solve_ivp

from benchmarks._common import median_time, print_table

__all__ = ["main"]


def _digits(a: float, b) -> float:
    with mpmath.workdps(40):
        err = abs(mpmath.mpf(a) - b) / max(abs(b), mpmath.mpf(10) ** -40)
        return float(min(40, -mpmath.log10(err))) if err else 40.0


def main() -> None:
    import mathml as mm
    from mathml.gauge import LinearNODE, MatrixNODE, flow_equivalence, flow_map

    t = LinearNODE().t
    rows = []
    # scalar: w = sin t, b = 1 (brief oracle) -- verdict for a rescaling with g = sin(pi t)
    base = LinearNODE(sp.sin(t), 1)
    other = base.rescale(sp.sin(sp.pi * t), T=1).transformed
    verdict = flow_equivalence(base, other, T=1, points=8, dps=30)
    tv = median_time(lambda: flow_equivalence(base, other, T=1, points=8, dps=30), repeat=3)
    node = LinearNODE()
    g = sp.Function("g")(node.t)
    sampled = node.rescale(g).transformed
    ts = median_time(lambda: flow_equivalence(node, sampled, T=1, functions={"g": mm.vanishing(at=[0, 1])},
                                              points=8, dps=30), repeat=3)
    A, B = flow_map(base, 1, dps=30)
    with mpmath.workdps(40):   # independent reference: closed form + tanh-sinh quadrature
        x_mp = A / 2 + B
        exact = mpmath.exp(1 - mpmath.cos(1)) / 2 + mpmath.quad(
            lambda s: mpmath.exp(mpmath.cos(s) - mpmath.cos(1)), [0, 1])
    fw, fb = sp.lambdify(t, other.w), sp.lambdify(t, other.b)

    def scipy_pair():
        # the baseline does the same work as flow_equivalence: both models at 8 points
        out = []
        for _ in range(8):
            out.append(solve_ivp(lambda s, x: np.sin(s) * x + 1, (0, 1), [0.5], rtol=1e-12, atol=1e-14).y[0, -1])
            out.append(solve_ivp(lambda s, x: fw(s) * x + fb(s), (0, 1), [0.5], rtol=1e-12, atol=1e-14).y[0, -1])
        return out
    xs = scipy_pair()
    t_sp = median_time(scipy_pair, repeat=3)
    rows.append(["scalar flow_equivalence (8 pts, dps 30), g = sin(pi t)", tv,
                 f"{verdict.status.value}, models agree to {verdict.digits:.1f} digits",
                 f"{_mpdigits(x_mp, exact):.1f}"])
    rows.append(["scalar scipy solve_ivp rtol 1e-12, both models x 8", t_sp,
                 f"models agree to {_digits(xs[1], mpmath.mpf(xs[0])):.1f} digits",
                 f"{_digits(xs[0], exact):.1f}"])
    rows.append(["scalar flow_equivalence (8 pts, dps 30), sampled w, b, g", ts, "-", "-"])
    # matrix 2x2 (brief setup)
    W = sp.Matrix([[sp.sin(t), 1], [-t, sp.Rational(1, 2)]])
    bvec = sp.Matrix([1, t])
    mnode = MatrixNODE(2, W, bvec, t)
    x0 = [sp.Rational(3, 10), sp.Rational(-7, 10)]
    _, _, xm = mnode.flow(1, x0, dps=30)
    _, _, xref = mnode.flow(1, x0, dps=45)
    t_m = median_time(lambda: mnode.flow(1, x0, dps=30), repeat=3)
    fW, fb = sp.lambdify(t, W), sp.lambdify(t, bvec)

    def scipy_matrix():
        return solve_ivp(lambda s, x: np.array(fW(s), float) @ x + np.array(fb(s), float).ravel(),
                         (0, 1), [0.3, -0.7], rtol=1e-12, atol=1e-14).y[:, -1]
    xs = scipy_matrix()
    t_ms = median_time(scipy_matrix, repeat=5)
    with mpmath.workdps(45):
        d_m = min(_mpdigits(xm[i], xref[i]) for i in range(2))
    rows.append(["2x2 matrix flow (collocation, dps 30)", t_m, "x(1) vs dps 45 run", f"{d_m:.1f}"])
    rows.append(["2x2 scipy solve_ivp rtol 1e-12", t_ms, "x(1) vs dps 45 run", f"{min(_digits(xs[i], xref[i]) for i in range(2)):.1f}"])
    print_table("gauge: flow maps (seconds, median)", ["case", "time [s]", "result", "digits of x(1) vs reference"], rows)


def _mpdigits(a, b) -> float:
    with mpmath.workdps(45):
        err = abs(a - b) / abs(b)
        return float(min(45, -mpmath.log10(err))) if err else 45.0


if __name__ == "__main__":
    main()
