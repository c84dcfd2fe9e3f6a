r"""Rigorous (Arb) certificates that a logistic map has a periodic point of a given least period.

``certify_least_period(r, n)`` looks for a short interval ``[a, b]`` (exact dyadic endpoints)
on which ``g(x) = f^n(x) - x`` changes sign, with python-flint Arb enclosures of ``g(a)`` and
``g(b)`` of opposite signs (so a point with ``f^n(x) = x`` lies in ``[a, b]`` by the intermediate
value theorem), and such that the Arb enclosure of ``f^d(X) - X`` over the whole ball
``X = [a, b]`` excludes 0 for every proper divisor ``d`` of ``n`` (so that point has least period
exactly ``n``).  A float64 scan proposes the candidate intervals; only Arb decides.

This makes Sharkovskii's theorem checkable at a parameter: at ``r = 3.835`` (inside the
period-3 window) a 3-cycle exists, and every least period 1..12 is certified (Li & Yorke 1975).

Examples
--------
>>> from fractions import Fraction
>>> from mathml.dynamics import certify_least_period
>>> a, b = certify_least_period(Fraction(767, 200), 5)
>>> float(b - a) < 1e-5
True
"""
from __future__ import annotations

from fractions import Fraction
from numbers import Integral, Rational

import numpy as np
import sympy as sp

from ..core.errors import InvalidInputError
from ._common import check_int

__all__ = ["certify_least_period"]


def _rational(r) -> Fraction:
    if isinstance(r, bool) or not isinstance(r, (Integral, Rational, sp.Rational)):
        raise InvalidInputError(f"r must be an exact rational (int, Fraction, sympy Rational), got {r!r}")
    r = Fraction(int(sp.Rational(r).p), int(sp.Rational(r).q)) if isinstance(r, sp.Rational) else Fraction(r)
    if not 0 < r <= 4:
        raise InvalidInputError(f"r must lie in (0, 4], got {r}")
    return r


def certify_least_period(r, n: int, *, grid: int = 2**20, tries: int = 40, prec: int = 128):
    """An exact interval ``(a, b)`` certified (Arb) to hold a point of least period ``n`` of ``r x (1 - x)``.

    Parameters
    ----------
    r : exact rational in (0, 4]
    n : int
        Least period, 1 to 16.
    grid : int
        Number of float64 scan cells (end points ``(i + 1/3)/grid``, exact rationals).
    tries : int
        How many candidate intervals to certify before giving up.
    prec : int
        Arb working precision in bits.

    Returns
    -------
    tuple of Fraction or None
        ``(a, b)`` with ``0 < a < b``; None when no candidate could be certified (which
        proves nothing: the period may still exist).

    Raises
    ------
    InvalidInputError
        For a non-rational ``r`` or a bad ``n``.

    Examples
    --------
    >>> from mathml.dynamics import certify_least_period
    >>> certify_least_period(3, 3) is None          # r = 3 has no 3-cycle (Sharkovskii)
    True
    """
    from flint import arb, ctx, fmpq

    r = _rational(r)
    n = check_int("n", n, 1, 16)
    grid = check_int("grid", grid, 16, 2**24)
    tries = check_int("tries", tries, 1, 10**4)
    prec = check_int("prec", prec, 53, 10**5)
    # cell end points (i + 1/3)/grid: exact rationals that avoid dyadic fixed points such as 3/4 at r = 4
    xs = (np.arange(grid + 1) + 1.0 / 3.0) / grid
    rf = float(r)
    orbit = [xs]
    for _ in range(n):
        orbit.append(rf * orbit[-1] * (1 - orbit[-1]))
    g = orbit[n] - xs
    divisors = [d for d in sp.divisors(n) if d < n]
    margin = np.full(xs.shape, np.inf)
    for d in divisors:
        margin = np.minimum(margin, np.abs(orbit[d] - xs))
    idx = np.nonzero(np.sign(g[:-1]) * np.sign(g[1:]) < 0)[0]
    if idx.size == 0:
        return None
    score = np.minimum(margin[idx], margin[idx + 1])
    order = idx[np.argsort(-score)][:tries]
    old = ctx.prec
    ctx.prec = prec
    try:
        rr = arb(fmpq(r.numerator, r.denominator))

        def orbit_arb(x, k):
            for _ in range(k):
                x = rr * x * (1 - x)
            return x

        for i in order:
            a, b = Fraction(3 * int(i) + 1, 3 * grid), Fraction(3 * int(i) + 4, 3 * grid)
            xa, xb = arb(fmpq(a.numerator, a.denominator)), arb(fmpq(b.numerator, b.denominator))
            ga, gb = orbit_arb(xa, n) - xa, orbit_arb(xb, n) - xb
            if ga.contains(0) or gb.contains(0) or (ga > 0) == (gb > 0):
                continue
            ball = xa.union(xb)
            if all(not (orbit_arb(ball, d) - ball).contains(0) for d in divisors):
                return a, b
        return None
    finally:
        ctx.prec = old
