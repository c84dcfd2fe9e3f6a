"""Chebyshev spectral integration at mpmath precision (internal).

Functions on [0, T] are sampled at the n + 1 Chebyshev--Lobatto points; the
matrix ``S`` maps samples of f to samples of its antiderivative ``int_0^t f``,
exact for polynomials of degree <= n and spectrally accurate for analytic f.
It serves both the Wilson-line quadrature and the collocation solve of the ODE
(an independent route to the same flow map).

Examples
--------
>>> import mpmath
>>> with mpmath.workdps(30):
...     ts, S = nodes(1, 24), integration_matrix(24)
...     F = apply(S, [mpmath.cos(x) for x in ts], 1)
...     print(mpmath.nstr(F[-1] - mpmath.sin(1), 5))   # int_0^1 cos = sin 1
0.0
"""
from __future__ import annotations

from functools import lru_cache

import mpmath

__all__ = ["nodes", "integration_matrix", "apply", "coefficients", "tail"]


def nodes(T, n: int) -> list:
    """The n + 1 Chebyshev--Lobatto points of [0, T], increasing (t_0 = 0, t_n = T)."""
    T = mpmath.mpf(T)
    return [T * (1 - mpmath.cospi(mpmath.mpf(j) / n)) / 2 for j in range(n + 1)]


def coefficients(values: list) -> list:
    """Chebyshev coefficients a_k (in x = 1 - 2t/T) of the interpolant of ``values``."""
    n = len(values) - 1
    coeffs = []
    for k in range(n + 1):
        s = mpmath.fsum((values[j] * mpmath.cospi(mpmath.mpf(j * k % (2 * n)) / n)
                         * (mpmath.mpf(1) / 2 if j in (0, n) else 1)) for j in range(n + 1))
        a = 2 * s / n
        if k in (0, n):
            a /= 2
        coeffs.append(a)
    return coeffs


def tail(values: list) -> mpmath.mpf:
    """Size of the last three Chebyshev coefficients relative to the largest (resolution check)."""
    c = [abs(a) for a in coefficients(values)]
    top = max(c) or mpmath.mpf(1)
    return max(c[-3:]) / top


@lru_cache(maxsize=32)
def _unit_matrix(n: int, dps: int) -> tuple:
    # Built on [-1, 1] in the variable y = -x (increasing with t), scaled by T/2 in `apply`.
    with mpmath.workdps(dps + 10):
        m = n + 1
        cos_table = [[mpmath.cospi(mpmath.mpf(j * k % (2 * n)) / n) for k in range(m)]
                     for j in range(m)]
        # values -> coefficients in y: T_k(y) = (-1)^k T_k(x)
        C = []
        for k in range(m):
            row = [2 * cos_table[j][k] * (mpmath.mpf(1) / 2 if j in (0, n) else 1) / n
                   * (-1) ** k for j in range(m)]
            if k in (0, n):
                row = [r / 2 for r in row]
            C.append(row)
        # coefficients -> coefficients of the antiderivative vanishing at y = -1
        J = [[mpmath.mpf(0)] * m for _ in range(m + 1)]
        for k in range(1, m + 1):
            if k - 1 < m:
                J[k][k - 1] += mpmath.mpf(1) / (2 * k) * (2 if k == 1 else 1)
            if k + 1 < m:
                J[k][k + 1] -= mpmath.mpf(1) / (2 * k)
        # b_0 so that F(-1) = sum_k b_k (-1)^k = 0
        for col in range(m):
            J[0][col] = -mpmath.fsum(J[k][col] * (-1) ** k for k in range(1, m + 1))
        JC = [[mpmath.fsum(J[r][k] * C[k][c] for k in range(m) if J[r][k]) for c in range(m)]
              for r in range(m + 1)]
        # evaluate at the nodes: y_j = -x_j, T_k(y_j) = (-1)^k cos(pi j k / n)
        S = []
        for j in range(m):
            Tk = [(-1) ** k * (cos_table[j][k] if k < m else mpmath.cospi(mpmath.mpf(j * k % (2 * n)) / n))
                  for k in range(m + 1)]
            S.append(tuple(mpmath.fsum(Tk[r] * JC[r][c] for r in range(m + 1)) for c in range(m)))
        return tuple(S)


def integration_matrix(n: int) -> tuple:
    """The (n+1) x (n+1) antiderivative matrix on [-1, 1] at the current precision."""
    return _unit_matrix(int(n), int(mpmath.mp.dps))


def apply(S: tuple, values: list, T) -> list:
    """Samples of ``int_0^t f`` at the nodes of [0, T] from samples of f."""
    half = mpmath.mpf(T) / 2
    return [half * mpmath.fdot(row, values) for row in S]
