"""Shared input checks and fixed-point orbit kernels of `mathml.dynamics` (private).

The high-precision orbit computations (superstable parameters, bifurcation points,
windows) iterate the logistic map thousands of times.  mpmath runs on its pure-Python
backend here, so the kernels use Python integers as binary fixed-point numbers: a real
``x`` is the integer ``round(x * 2**P)``.  Every product is truncated once, so after
``k`` steps the absolute error of a stable orbit is a few ``k * 2**-P``; the callers
choose ``P`` with 40 or more guard bits above the digits they return.
"""
from __future__ import annotations

import math
from fractions import Fraction
from numbers import Integral, Real
from typing import Any

import mpmath
import sympy as sp

from ..core.errors import InvalidInputError

__all__ = ["MAX_DIGITS", "bits_for", "check_digits", "check_int", "check_real", "cycle_jets", "from_fixed",
           "newton_cycle_condition", "newton_superstable", "superstable_residual", "to_fixed"]

MAX_DIGITS = 2000


def check_int(name: str, value: Any, low: int, high: int | None = None) -> int:
    """An integer in ``[low, high]`` (bools and floats refused)."""
    if isinstance(value, bool) or not isinstance(value, (Integral, sp.Integer)):
        raise InvalidInputError(f"{name} must be an integer, got {type(value).__name__}: {value!r}")
    value = int(value)
    if value < low or (high is not None and value > high):
        rng = f"[{low}, {high}]" if high is not None else f">= {low}"
        raise InvalidInputError(f"{name} must be an integer in {rng}, got {value}")
    return value


def check_digits(digits: Any, high: int = MAX_DIGITS) -> int:
    """A number of decimal digits: an integer in ``[1, high]``."""
    return check_int("digits", digits, 1, high)


def check_real(name: str, value: Any, *, positive: bool = False) -> float:
    """A finite real number (python, numpy, Fraction, sympy or mpmath) as a float."""
    if isinstance(value, bool) or isinstance(value, str):
        raise InvalidInputError(f"{name} must be a real number, got {type(value).__name__}: {value!r}")
    try:
        if isinstance(value, sp.Basic):
            if value.free_symbols:
                raise InvalidInputError(f"{name} must be a number, got an expression with free symbols: "
                                        f"{value}")
            out = float(value)
        elif isinstance(value, (Real, Fraction, mpmath.mpf)) or hasattr(value, "__float__"):
            out = float(value)
        else:
            raise TypeError
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} must be a real number, got {type(value).__name__}: "
                                f"{value!r}") from exc
    if not math.isfinite(out):
        raise InvalidInputError(f"{name} must be finite, got {value!r}")
    if positive and out <= 0:
        raise InvalidInputError(f"{name} must be positive, got {value!r}")
    return out


def bits_for(digits: int, guard: int = 48) -> int:
    """Fixed-point bits for ``digits`` decimal digits plus ``guard`` guard bits."""
    return int(math.ceil(digits * math.log2(10))) + guard


def to_fixed(value: Any, bits: int) -> int:
    """``round(value * 2**bits)`` for a float, Fraction, int, sympy number or mpf."""
    if isinstance(value, (int, Fraction)):
        return round(Fraction(value) * (1 << bits))
    if isinstance(value, sp.Basic):
        value = mpmath.mpf(str(sp.N(value, int(bits / 3.3) + 10)))
    with mpmath.workprec(bits + 20):
        return int(mpmath.nint(mpmath.ldexp(mpmath.mpf(value), bits)))


def from_fixed(value: int, bits: int) -> mpmath.mpf:
    """The mpf ``value * 2**-bits`` (exact: it carries all ``bits``)."""
    with mpmath.workprec(max(53, abs(value).bit_length() + 1)):
        return mpmath.mpf((value, -bits))


def superstable_residual(R: int, period: int, P: int) -> tuple[int, int]:
    """``(f^p(1/2) - 1/2, d/dr f^p(1/2))`` in fixed point for ``r = R * 2**-P``."""
    one = 1 << P
    x, d = one >> 1, 0
    for _ in range(period):
        q = (x * (one - x)) >> P
        d = q + ((((R * (one - 2 * x)) >> P) * d) >> P)
        x = (R * q) >> P
    return x - (one >> 1), d


def newton_superstable(r0: Any, period: int, P: int, *, max_steps: int = 60) -> int:
    """Newton in r for ``f_r^p(1/2) = 1/2`` carrying dx/dr; returns the fixed-point r."""
    R = to_fixed(r0, P) if not isinstance(r0, int) else r0
    tol = 1 << 24
    for _ in range(max_steps):
        F, D = superstable_residual(R, period, P)
        if D == 0:
            break
        step = (F << P) // D
        # damp wild steps (a bad seed): never move r by more than 1/8
        cap = 1 << (P - 3)
        step = max(-cap, min(cap, step))
        R -= step
        if abs(step) < tol:
            return R
    from .errors import ConvergenceError

    raise ConvergenceError(f"Newton for a superstable parameter of period {period} did not converge "
                           f"from r0 = {mpmath.nstr(from_fixed(R, P), 12)}")


def cycle_jets(X: int, R: int, period: int, P: int) -> tuple[int, int, int, int, int]:
    """Along ``x_{k+1} = r x_k (1 - x_k)`` from ``x_0 = X``: ``(x_p, dx_p/dx, dx_p/dr, d2x_p/dx2,
    d2x_p/dxdr)`` in fixed point (scale 2**P)."""
    one = 1 << P
    x, a, b, A, C = X, one, 0, 0, 0
    for _ in range(period):
        fp = (R * (one - 2 * x)) >> P          # f'(x) = r (1 - 2x)
        q = (x * (one - x)) >> P               # x (1 - x) = df/dr
        g = one - 2 * x                        # d f'/dr = 1 - 2x
        fpp = -2 * R                           # f'' = -2r
        a2 = (a * a) >> P
        A = ((fpp * a2) >> P) + ((fp * A) >> P)
        C = ((((g + ((fpp * b) >> P)) * a) >> P)) + ((fp * C) >> P)
        b = q + ((fp * b) >> P)
        a = (fp * a) >> P
        x = (R * q) >> P
    return x, a, b, A, C


def newton_cycle_condition(x0: Any, r0: Any, period: int, multiplier: Any, P: int,
                           *, max_steps: int = 80) -> tuple[int, int]:
    """2-D Newton in (x, r) for ``f^p(x) = x`` and ``(f^p)'(x) = multiplier``; fixed-point result."""
    X = to_fixed(x0, P) if not isinstance(x0, int) else x0
    R = to_fixed(r0, P) if not isinstance(r0, int) else r0
    M = to_fixed(multiplier, P)
    tol = 1 << 24
    cap = 1 << (P - 4)
    for _ in range(max_steps):
        xp, a, b, A, C = cycle_jets(X, R, period, P)
        F1, F2 = xp - X, a - M
        j11, j12, j21, j22 = a - (1 << P), b, A, C
        det = (j11 * j22 - j12 * j21) >> P
        if det == 0:
            break
        dX = ((F1 * j22 - j12 * F2) // det)
        dR = ((j11 * F2 - j21 * F1) // det)
        dX = max(-cap, min(cap, dX))
        dR = max(-cap, min(cap, dR))
        X -= dX
        R -= dR
        if abs(dX) < tol and abs(dR) < tol:
            return X, R
    from .errors import ConvergenceError

    raise ConvergenceError(f"2-D Newton for a period-{period} cycle with multiplier {multiplier} did not "
                           "converge; pass a starting point closer to the solution")
