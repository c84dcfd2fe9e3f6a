"""Feigenbaum's delta by collocation vs the superstable-ratio iteration; R_15 by Newton vs bisection.

1. ``feigenbaum(30)`` (collocation of the Feigenbaum-Cvitanovic equation + power iteration, cold cache)
   against the superstable-ratio iteration most public code uses (RosettaCode "Feigenbaum constant
   calculation": float64 Newton for R_n, delta_n = (R_{n-1} - R_{n-2})/(R_n - R_{n-1})), and the same
   ratio iteration in mpmath at 30 digits up to n = 15.  Digits = agreeing digits with OEIS A006890.
2. R_15 to 30 digits from the same information (R_13, R_14): Newton carrying dx/dr against bisection on
   the bracket R_14 + [0.5, 1.1] (R_14 - R_13)/4.669 (it holds R_15 and not R_16); bisection both with the
   same fixed-point kernel and in plain mpmath (what a user writes).
"""

from __future__ import annotations

import time

import mpmath

from mathml.core.checks import agreeing_digits
from mathml.dynamics import feigenbaum, superstable_table
from mathml.dynamics import _common as C
from mathml.dynamics.cascade import _superstable_fixed
from mathml.dynamics.universality import _compute

from ._common import median_time, print_table

__all__ = ["main"]

with mpmath.workdps(80):
    DELTA = mpmath.mpf("4.669201609102990671853203820466201617258185577475768632745651343004134")


def _ratio_float(n_max: int = 13) -> float:
    """RosettaCode-style: float64 Newton for R_n, return the last ratio delta_n."""
    a1, a2, d = 1.0, 0.0, 3.2
    delta = 0.0
    for i in range(2, n_max + 1):
        a = a1 + (a1 - a2) / d
        for _ in range(10):
            x, y = 0.0, 0.0
            for _ in range(2**i):
                y = 1.0 - 2.0 * y * x
                x = a - x * x
            a -= x / y
        d = (a1 - a2) / (a - a1)
        delta = d
        a2, a1 = a1, a
    return delta


def _ratio_mpmath(n_max: int = 15):
    _superstable_fixed.cache_clear()
    with mpmath.workdps(30):
        R = superstable_table(n_max, 30)
        return (R[n_max - 2] - R[n_max - 1]) / (R[n_max - 1] - R[n_max])


def _bisect(lo, hi, period, P, tol_bits):
    F = C.superstable_residual
    flo = F(lo, period, P)[0]
    while hi - lo > (1 << tol_bits):
        mid = (lo + hi) >> 1
        fm = F(mid, period, P)[0]
        if (fm > 0) == (flo > 0):
            lo, flo = mid, fm
        else:
            hi = mid
    return (lo + hi) >> 1


def _bisect_mpmath(lo, hi, period, digits):
    with mpmath.workdps(digits + 15):
        half = mpmath.mpf(1) / 2

        def F(r):
            x = half
            for _ in range(period):
                x = r * x * (1 - x)
            return x - half

        flo = F(lo)
        tol = mpmath.mpf(10) ** (-(digits + 2))
        while hi - lo > tol:
            mid = (lo + hi) / 2
            fm = F(mid)
            if (fm > 0) == (flo > 0):
                lo, flo = mid, fm
            else:
                hi = mid
        return (lo + hi) / 2


def main() -> None:
    def cold():
        _compute.cache_clear()
        return feigenbaum(30)

    t_col = median_time(cold, repeat=3)
    fc = cold()
    t_float = median_time(_ratio_float, repeat=3)
    d_float = _ratio_float()
    t_mp = median_time(_ratio_mpmath, repeat=1)
    d_mp = _ratio_mpmath()
    with mpmath.workdps(60):
        dig = [agreeing_digits(v, DELTA) for v in (d_float, d_mp, fc.delta)]
    print_table(
        "dynamics: Feigenbaum delta (reference OEIS A006890)",
        ["method", "time [s]", "correct digits of delta"],
        [
            [
                "superstable ratio, float64 Newton, n <= 13 (RosettaCode baseline)",
                t_float,
                f"{dig[0]:.1f}",
            ],
            [
                "superstable ratio, fixed-point 30 digits, n <= 15",
                t_mp,
                f"{dig[1]:.1f}",
            ],
            [
                f"collocation N = {fc.terms} + power iteration (feigenbaum(30))",
                t_col,
                f"{dig[2]:.1f} (asked 30)",
            ],
        ],
    )

    digits = 30
    P = C.bits_for(digits + 4)
    with mpmath.workprec(P + 20):
        R = superstable_table(14, digits + 4)
        d = R[14] - R[13]
        lo, hi = (
            R[14] + d / mpmath.mpf("4.669") * mpmath.mpf("0.5"),
            R[14] + d / mpmath.mpf("4.669") * mpmath.mpf("1.1"),
        )
        seed = R[14] + d / ((R[12] - R[13]) / (R[13] - R[14]))
        ref = C.from_fixed(C.newton_superstable(C.to_fixed(seed, P), 2**15, P), P)
    period = 2**15
    t_newton = median_time(lambda: C.newton_superstable(C.to_fixed(seed, P), period, P), repeat=3)
    Lo, Hi = C.to_fixed(lo, P), C.to_fixed(hi, P)
    start = time.perf_counter()
    rb = C.from_fixed(_bisect(Lo, Hi, period, P, P - int(3.33 * (digits + 2))), P)
    t_bis = time.perf_counter() - start
    start = time.perf_counter()
    rm = _bisect_mpmath(lo, hi, period, digits)
    t_bis_mp = time.perf_counter() - start
    with mpmath.workprec(P + 20):
        rows = [
            ["Newton carrying dx/dr (fixed point)", t_newton, 1.0, f"{agreeing_digits(ref, ref):.0f}"],
            [
                "bisection, same fixed-point kernel",
                t_bis,
                t_bis / t_newton,
                f"{agreeing_digits(rb, ref):.1f}",
            ],
            [
                "bisection in mpmath (typical user code)",
                t_bis_mp,
                t_bis_mp / t_newton,
                f"{agreeing_digits(rm, ref):.1f}",
            ],
        ]
    print_table(
        "dynamics: R_15 to 30 digits from R_13, R_14 (f^32768(1/2) = 1/2)",
        ["method", "time [s]", "slower than Newton", "digits vs Newton"],
        rows,
    )
    print("R_15 =", mpmath.nstr(ref, 30), "(brief: 3.5699456717283834742)")
    print("timings are medians on a shared 2-core machine (noisy)")


if __name__ == "__main__":
    main()
