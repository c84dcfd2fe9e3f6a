r"""Periodic windows of the logistic map: kneading words, superstable parameters, saddle-nodes.

A superstable period-``p`` parameter ``r`` (``f_r^p(1/2) = 1/2``, least period ``p``) is labelled
by the itinerary ``K = s_1 s_2 ... s_{p-1} C`` of the critical value ``f(1/2)``
(``s_k = L`` if ``f^k(1/2) < 1/2``, ``R`` if ``> 1/2``).  By Metropolis–Stein–Stein and
Milnor–Thurston, the words that occur are exactly the *admissible* ones: every shift
``sigma^k K`` is smaller than ``K`` in the unimodal order (``L < C < R``, reversed after an odd
number of ``R``); there is one parameter per admissible word, and their number is OEIS A000048:
1, 1, 1, 2, 3, 5, 9, 16, 28, 51, 93, 170 for p = 1..12.

Each parameter is found by the MSS contraction (backward branches ``x = 1/2 ± sqrt(1/4 - y/r)``
chosen by the word, ``r = 4 f(1/2)``) and polished by Newton carrying ``dx/dr``; then it is
*certified* with python-flint Arb balls: ``f^p(1/2) - 1/2`` changes sign across
``[r - rho, r + rho]`` (``rho = 10^-(digits+1)``) and ``f^d(1/2) - 1/2`` excludes 0 on the whole
interval for every proper divisor ``d`` of ``p`` (so the root there has least period ``p``).

``tangent_bifurcation`` continues the superstable cycle (multiplier 0) to multiplier +1 by 2-D
Newton in (x, r); ``exact=True`` also returns the exact algebraic r_c from the multiplier
resultant (periods <= 4), e.g. ``1 + 2 sqrt 2`` for period 3.

Examples
--------
>>> from mathml.dynamics import kneading_words, windows
>>> kneading_words(4)
['RLRC', 'RLLC']
>>> [len(windows(p, digits=15)) for p in range(1, 9)]    # OEIS A000048
[1, 1, 1, 2, 3, 5, 9, 16]
"""
from __future__ import annotations

import functools
import math
from typing import NamedTuple

import mpmath
import sympy as sp

from ..core.errors import InvalidInputError
from ._common import (bits_for, check_digits, check_int, cycle_jets, from_fixed, newton_cycle_condition,
                      newton_superstable, to_fixed)
from .errors import ConvergenceError

__all__ = ["kneading_words", "kneading_less", "windows", "tangent_bifurcation", "TangentBifurcation",
           "certify_superstable"]

_VALUE = {"L": 0, "C": 1, "R": 2}
_MAX_PERIOD = 16


def kneading_less(a: str, b: str) -> bool:
    """The unimodal order on itineraries: ``L < C < R``, reversed after an odd number of ``R``.

    Parameters
    ----------
    a, b : str
        Words over ``L, C, R``.  The first differing symbol decides; a proper prefix is not
        comparable and raises.

    Examples
    --------
    >>> from mathml.dynamics import kneading_less
    >>> kneading_less("RLC", "RRC"), kneading_less("RLLC", "RLRC")
    (False, False)
    """
    for w in (a, b):
        if not isinstance(w, str) or set(w) - set("LCR"):
            raise InvalidInputError(f"itineraries are strings over L, C, R; got {w!r}")
    parity = 0
    for x, y in zip(a, b):
        if x != y:
            less = _VALUE[x] < _VALUE[y]
            return less if parity == 0 else not less
        if x == "C":
            break
        parity ^= x == "R"
    raise InvalidInputError(f"the itineraries {a!r} and {b!r} are not comparable (equal up to a C or prefix)")


def _admissible(word: str) -> bool:
    return all(kneading_less(word[k:], word) for k in range(1, len(word)))


@functools.lru_cache(maxsize=32)
def _words(period: int) -> tuple[str, ...]:
    if period == 1:
        return ("C",)
    out = []
    for bits in range(2 ** (period - 2)):
        body = "R" + "".join("R" if (bits >> j) & 1 else "L" for j in range(period - 2))
        word = body + "C"
        if _admissible(word):
            out.append(word)
    # the kneading word increases with r in the unimodal order
    out.sort(key=functools.cmp_to_key(lambda u, v: -1 if kneading_less(u, v) else 1))
    return tuple(out)


def kneading_words(period: int) -> list[str]:
    """The admissible kneading words ``s_1 ... s_{p-1} C`` of superstable period-``p`` orbits.

    Sorted by increasing parameter r; their number is OEIS A000048 (``period <= 16``).

    Examples
    --------
    >>> from mathml.dynamics import kneading_words
    >>> kneading_words(5)
    ['RLRRC', 'RLLRC', 'RLLLC']
    """
    period = check_int("period", period, 1, _MAX_PERIOD)
    return list(_words(period))


def _contraction_seed(word: str) -> float:
    """The MSS contraction in float64: r = 4 x_1 with x_1 from backward branches."""
    r = 4.0
    signs = [1.0 if s == "R" else -1.0 for s in word[:-1]]
    for _ in range(400):
        y = 0.5
        for s in reversed(signs):
            y = 0.5 + s * math.sqrt(max(0.0, 0.25 - y / r))
        new = 4.0 * y
        if abs(new - r) < 1e-15:
            return new
        r = new
    return r


def _itinerary(R: int, period: int, P: int) -> str:
    one, half = 1 << P, 1 << (P - 1)
    x, out = half, []
    for _ in range(period):
        x = (R * ((x * (one - x)) >> P)) >> P
        tol = 1 << (P // 2)  # rounding is amplified by |(f^k)'| along the orbit (up to 4^k)
        out.append("L" if x < half - tol else "R" if x > half + tol else "C")
    return "".join(out)


def certify_superstable(r, period: int, radius) -> bool:
    """Arb certificate: ``[r - radius, r + radius]`` holds a superstable parameter of least period ``period``.

    True when ``f^p(1/2) - 1/2`` has Arb enclosures of opposite signs at both ends (a root by the
    intermediate value theorem) and ``f^d(1/2) - 1/2`` excludes 0 on the whole interval for
    every proper divisor ``d`` of ``p``.

    Examples
    --------
    >>> import mpmath
    >>> from mathml.dynamics import certify_superstable, superstable
    >>> certify_superstable(superstable(2, 30), 4, mpmath.mpf(10)**-25)
    True
    >>> certify_superstable(3.5, 4, mpmath.mpf(10)**-25)
    False
    """
    from flint import arb, ctx

    period = check_int("period", period, 1, 4096)
    old = ctx.prec
    with mpmath.workprec(64):
        if not mpmath.isfinite(_mpf(r)):
            raise InvalidInputError(f"r must be a finite real number, got {r!r}")
        if not (_mpf(radius) > 0 and mpmath.isfinite(_mpf(radius))):
            raise InvalidInputError(f"radius must be positive and finite, got {radius!r}")
        ctx.prec = max(old, int(-mpmath.log(_mpf(radius), 2)) + 64 + 2 * period)
    try:
        with mpmath.workprec(ctx.prec + 16):
            mid = arb(mpmath.nstr(_mpf(r), int(ctx.prec / 3.3) + 5))
            rad = arb(mpmath.nstr(_mpf(radius), 20))
        half = arb(1) / 2

        def F(rr, n):
            x = half
            for _ in range(n):
                x = rr * x * (1 - x)
            return x - half

        lo, hi = F(mid - rad, period), F(mid + rad, period)
        if lo.contains(0) or hi.contains(0) or (lo > 0) == (hi > 0):
            return False
        ball = (mid - rad).union(mid + rad)
        return all(not F(ball, d).contains(0) for d in sp.divisors(period)[:-1])
    finally:
        ctx.prec = old


def _mpf(value):
    if isinstance(value, sp.Basic):
        return mpmath.mpf(str(sp.N(value, int(mpmath.mp.dps) + 5)))
    if isinstance(value, (bool, str)):
        raise InvalidInputError(f"expected a real number, got {value!r}")
    return mpmath.mpmathify(value)


def _bisect_word(word: str, P: int) -> int:
    """Bisection on r by kneading monotonicity (Milnor-Thurston): the critical itinerary increases with r."""
    one = 1 << P
    half = one >> 1
    lo, hi = 2 * one, 4 * one
    while hi - lo > (1 << (P // 2)):
        mid = (lo + hi) >> 1
        x, sym = half, []
        for _ in range(len(word)):
            x = (mid * ((x * (one - x)) >> P)) >> P
            sym.append("L" if x < half else "R" if x > half else "C")
        got = "".join(sym)
        if got == word:
            return mid
        try:
            below = kneading_less(got, word)
        except InvalidInputError:      # the critical orbit hit 1/2 exactly at a lower period
            below = True
        if below:
            lo = mid
        else:
            hi = mid
    return (lo + hi) >> 1


@functools.lru_cache(maxsize=64)
def _windows_fixed(period: int, P: int) -> tuple[int, ...]:
    out = []
    for word in _words(period):
        seed = _contraction_seed(word)
        R = newton_superstable(to_fixed(seed, P), period, P)
        got = _itinerary(R, period, P)
        if got != word:
            R = newton_superstable(_bisect_word(word, P), period, P)
            got = _itinerary(R, period, P)
        if got != word:
            raise ConvergenceError(f"windows({period}): Newton from the MSS seed of {word} reached the "
                                   f"parameter of {got}")
        out.append(R)
    return tuple(out)


def windows(period: int, digits: int = 20) -> list:
    """The sorted superstable parameters r in (0, 4] whose superstable cycle has least period ``period``.

    One per admissible kneading word; the count is OEIS A000048.  Every value is certified by
    `certify_superstable` (Arb sign change, radius ``10^-(digits+1)``), and the certified intervals are
    checked to be disjoint (so the values are distinct parameters).

    Parameters
    ----------
    period : int
        1 to 16.
    digits : int
        Correct digits of each value (1 to 500).

    Returns
    -------
    list of mpmath.mpf

    Raises
    ------
    InvalidInputError
        For a bad ``period`` or ``digits``.
    ConvergenceError
        If a value cannot be found or certified.

    Examples
    --------
    >>> import mpmath
    >>> from mathml.dynamics import windows
    >>> [mpmath.nstr(r, 15) for r in windows(3, digits=15)]     # the period-3 window
    ['3.83187405528332']
    """
    period = check_int("period", period, 1, _MAX_PERIOD)
    digits = check_digits(digits, 500)
    P = bits_for(digits + 4, guard=48 + period)
    values = [from_fixed(R, P) for R in _windows_fixed(period, P)]
    radius = mpmath.mpf(10) ** (-(digits + 1))
    for v in values:
        if not certify_superstable(v, period, radius * max(1, v)):
            raise ConvergenceError(f"windows({period}): could not certify r = {mpmath.nstr(v, digits)}")
    # the certified intervals must be disjoint, so that the values are distinct parameters
    for lo, hi in zip(values, values[1:]):
        if not hi - lo > 2 * radius * 4:
            raise ConvergenceError(f"windows({period}): two certified intervals overlap near "
                                   f"{mpmath.nstr(lo, digits)}")
    return values


class TangentBifurcation(NamedTuple):
    """The saddle-node (tangent bifurcation) that opens a periodic window.

    ``r_c`` (mpmath number, or exact sympy number with ``exact=True``) and ``x_c``, the smallest
    point of the period-``p`` cycle at ``r_c``, where ``f^p(x_c) = x_c`` and ``(f^p)'(x_c) = 1``.
    """

    r_c: object
    x_c: mpmath.mpf

    def _repr_latex_(self) -> str:
        rc = sp.latex(self.r_c) if isinstance(self.r_c, sp.Basic) else mpmath.nstr(self.r_c, 20)
        return r"$r_c = " + rc + r",\ x_c = " + mpmath.nstr(self.x_c, 20) + "$"


def tangent_bifurcation(period: int, near=None, digits: int = 20, *,
                        exact: bool = False) -> TangentBifurcation:
    """The saddle-node ``(f^p)' = +1`` where a period-``period`` window is born.

    Parameters
    ----------
    period : int
        2 to 16.
    near : real, optional
        Choose the window whose superstable parameter is nearest ``near`` (default: the
        lowest-r window that is born in a saddle-node; windows of the period-doubling cascade
        are born by period doubling and are skipped or rejected).
    digits : int
        Correct digits (1 to 500).
    exact : bool
        Also find ``r_c`` exactly as a root of the multiplier polynomial at y = 1 (period <= 4).

    Returns
    -------
    TangentBifurcation
        ``(r_c, x_c)``.

    Raises
    ------
    InvalidInputError
        For bad input, or when the window nearest ``near`` is born by period doubling.

    Examples
    --------
    >>> import mpmath
    >>> from mathml.dynamics import tangent_bifurcation
    >>> tb = tangent_bifurcation(3, exact=True)
    >>> tb.r_c
    1 + 2*sqrt(2)
    >>> mpmath.nstr(tb.x_c, 20)                # brief dynamics_statmech.md §1
    '0.15992881844625638894'
    """
    period = check_int("period", period, 2, _MAX_PERIOD)
    digits = check_digits(digits, 500)
    P = bits_for(digits + 4, guard=56 + period)
    Rs = _windows_fixed(period, P)
    order = list(range(len(Rs)))
    if near is not None:
        from ._common import check_real

        target = check_real("near", near)
        order.sort(key=lambda i: abs(float(from_fixed(Rs[i], P)) - target))
    for i in order:
        X, R = to_fixed(mpmath.mpf(1) / 2, P), Rs[i]
        try:
            for mu in ("0.3", "0.6", "0.85", "0.95", "1"):
                X, R = newton_cycle_condition(X, R, period, mpmath.mpf(mu), P)
            doubled = False
        except ConvergenceError:
            # continuation towards multiplier +1 degenerates at a period-doubling point
            doubled = True
        if period % 2 == 0 and not doubled:
            xh, *_ = cycle_jets(X, R, period // 2, P)
            doubled = abs(xh - X) < (1 << (P - 20))
        if doubled:
            if period % 2 == 1:
                raise ConvergenceError(f"tangent_bifurcation({period}): continuation to multiplier 1 failed")
            if near is not None:
                raise InvalidInputError(
                    f"the period-{period} window nearest {near} is born by period doubling, not in a "
                    "saddle-node")
            continue
        pts, Y = [], X
        for _ in range(period):
            pts.append(Y)
            Y, *_ = cycle_jets(Y, R, 1, P)
        x_c = from_fixed(min(pts), P)
        r_c = from_fixed(R, P)
        if exact:
            r_c = _exact_root_near(period, r_c)
        return TangentBifurcation(r_c, x_c)
    raise InvalidInputError(f"no period-{period} window is born in a saddle-node")


def _exact_root_near(period: int, value):
    if period > 4:
        raise InvalidInputError("exact=True is available for period <= 4 (the multiplier resultant grows "
                                "like 2^period)")
    from .logistic import LogisticMap

    r = sp.Symbol("r")
    poly = sp.Poly(LogisticMap(r).multiplier_polynomial(period, 1), r)
    best = None
    for fac, _ in sp.factor_list(poly)[1]:
        for root in sp.Poly(fac, r).real_roots():
            err = abs(sp.N(root, 40) - sp.Float(mpmath.nstr(value, 40), 40))
            if best is None or err < best[0]:
                best = (err, root)
    root = best[1]
    if isinstance(root, sp.CRootOf):
        simple = sp.solve(root.poly.as_expr(), r)
        for cand in simple:
            if cand.is_real and abs(sp.N(cand - root, 40)) < 1e-30:
                return sp.nsimplify(cand) if cand.is_algebraic else cand
    return root
