"""Chebyshev spectral integration in Arb ball arithmetic (internal).

Functions on [0, T] are sampled at the n + 1 Chebyshev--Lobatto points; the
matrix ``S`` maps samples of f to samples of its antiderivative ``int_0^t f``,
exact for polynomials of degree <= n and spectrally accurate for analytic f.
It serves both the Wilson-line quadrature and the collocation solve of the ODE
(an independent route to the same flow map).  Linear algebra runs in
python-flint's ``arb_mat`` (C speed); values cross over as decimal strings.

Examples
--------
>>> import mpmath
>>> with mpmath.workdps(30):
...     ts = nodes(1, 24)
...     F = antiderivative(to_arb([mpmath.cos(x) for x in ts]), 24, 1)
...     print(mpmath.nstr(to_mp(F[24, 0]) - mpmath.sin(1), 5))   # int_0^1 cos = sin 1
0.0
"""
from __future__ import annotations

import contextlib
from functools import lru_cache

import flint
import mpmath
from mpmath.libmp import to_str

__all__ = ["nodes", "to_arb", "to_mp", "antiderivative", "coefficients", "tail", "arb_precision",
           "integration_matrix"]


@contextlib.contextmanager
def arb_precision():
    """flint's working precision set to mpmath's current one (restored afterwards)."""
    old = flint.ctx.prec
    flint.ctx.prec = mpmath.mp.prec + 20
    try:
        yield
    finally:
        flint.ctx.prec = old


def nodes(T, n: int) -> list:
    """The n + 1 Chebyshev--Lobatto points of [0, T] as mpf, increasing (t_0 = 0, t_n = T)."""
    T = mpmath.mpf(T)
    return [T * (1 - mpmath.cospi(mpmath.mpf(j) / n)) / 2 for j in range(n + 1)]


def to_arb(values) -> flint.arb_mat:
    """A column arb_mat from mpmath numbers (exact decimal transfer at the current precision)."""
    digits = mpmath.mp.dps + 10
    with arb_precision():
        return flint.arb_mat([[flint.arb(to_str(mpmath.mpf(v)._mpf_, digits))] for v in values])


def to_mp(x: flint.arb) -> mpmath.mpf:
    """The midpoint of an arb ball as an mpf."""
    return mpmath.mpf(x.mid().str(mpmath.mp.dps + 10, radius=False))


@lru_cache(maxsize=32)
def _matrices(n: int, prec: int) -> tuple:
    # Built on [-1, 1] in y = 1 - 2t/T... mapped so that node j sits at t_j = T (1 - cos(pi j/n)) / 2,
    # i.e. y_j = -cos(pi j / n); T_k(y_j) = (-1)^k cos(pi j k / n).
    old = flint.ctx.prec
    flint.ctx.prec = prec
    try:
        m = n + 1
        arb = flint.arb

        def cosjk(j, k):
            return (arb(j * k % (2 * n)) / n).cos_pi()
        C = flint.arb_mat(m, m)          # values -> Chebyshev coefficients in y
        for k in range(m):
            for j in range(m):
                v = 2 * cosjk(j, k) / n * (-1) ** k
                if j in (0, n):
                    v /= 2
                if k in (0, n):
                    v /= 2
                C[k, j] = v
        J = flint.arb_mat(m + 1, m)      # coefficients -> antiderivative coefficients, F(-1) = 0
        for k in range(1, m + 1):
            if k - 1 < m:
                J[k, k - 1] += arb(2 if k == 1 else 1) / (2 * k)
            if k + 1 < m:
                J[k, k + 1] -= arb(1) / (2 * k)
        for col in range(m):
            J[0, col] = -sum((J[k, col] * (-1) ** k for k in range(1, m + 1)), arb(0))
        E = flint.arb_mat(m, m + 1)      # coefficients -> values at the nodes
        for j in range(m):
            for k in range(m + 1):
                E[j, k] = (-1) ** k * cosjk(j, k)
        return C, E * (J * C)
    finally:
        flint.ctx.prec = old


def integration_matrix(n: int) -> flint.arb_mat:
    """The antiderivative matrix on [-1, 1] (multiply by T/2 for [0, T])."""
    return _matrices(int(n), flint.ctx.prec)[1]


def antiderivative(values: flint.arb_mat, n: int, T) -> flint.arb_mat:
    """Samples of ``int_0^t f`` at the nodes of [0, T] from a column of samples of f."""
    with arb_precision():
        return integration_matrix(n) * values * (flint.arb(to_str(mpmath.mpf(T)._mpf_, mpmath.mp.dps + 10)) / 2)


def coefficients(values: flint.arb_mat, n: int) -> flint.arb_mat:
    """Chebyshev coefficients of the interpolant of a column of samples."""
    with arb_precision():
        return _matrices(int(n), flint.ctx.prec)[0] * values


def tail(values: flint.arb_mat, n: int) -> mpmath.mpf:
    """Size of the last three Chebyshev coefficients relative to the largest (resolution check)."""
    c = coefficients(values, n)
    # magnitudes as (mantissa, exponent) pairs avoid float underflow below 1e-308
    mags = []
    for k in range(n + 1):
        man, exp = c[k, 0].mid().man_exp()
        mags.append(mpmath.mpf((int(man), int(exp))) if man != 0 else mpmath.mpf(0))
    mags = [abs(v) for v in mags]
    top = max(mags) or mpmath.mpf(1)
    return max(mags[-3:]) / top
