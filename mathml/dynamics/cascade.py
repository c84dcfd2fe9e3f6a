r"""The period-doubling cascade of the logistic map ``f_r(x) = r x (1 - x)``.

- ``superstable(n)``: ``R_n``, where the ``2^n``-cycle contains the critical point 1/2,
  i.e. ``f_r^{2^n}(1/2) = 1/2``.  Newton in r carrying ``d x_k/dr`` along the orbit
  (``d_{k+1} = x_k (1 - x_k) + r (1 - 2 x_k) d_k``), seeded by the geometric guess
  ``R_{n-1} + (R_{n-1} - R_{n-2})/delta_{n-1}``.
- ``bifurcation_point(n)``: ``r_n``, the onset of the stable ``2^n``-cycle, where the
  ``2^{n-1}``-cycle has multiplier -1: 2-D Newton in (x, r) carrying first and second
  derivatives.
- ``onset_of_chaos(digits)``: ``r_inf = lim R_n`` by two Richardson steps (factors delta and
  delta^2) with the error estimated from the last two extrapolants.

The orbits are iterated in binary fixed point with 48 guard bits (see ``_common``).
Sources: brief ``dynamics_statmech.md`` §1 (recipe and tables of r_n, R_n); Feigenbaum 1978.

Examples
--------
>>> import mpmath
>>> from mathml.dynamics import superstable, bifurcation_point
>>> mpmath.nstr(superstable(2, digits=20), 20)       # brief table, 20 digits
'3.49856169932770152'
>>> mpmath.nstr(bifurcation_point(2, digits=20), 20)  # 1 + sqrt(6)
'3.4494897427831780982'
"""
from __future__ import annotations

import functools

import mpmath

from ._common import (bits_for, check_digits, check_int, cycle_jets, from_fixed, newton_cycle_condition,
                      newton_superstable, to_fixed)
from .errors import ConvergenceError

__all__ = ["superstable", "bifurcation_point", "onset_of_chaos", "superstable_table"]

_MAX_LEVEL = 20          # 2^20 iterations per Newton step: R_20 takes about 10-20 s


@functools.lru_cache(maxsize=32)
def _superstable_fixed(n: int, P: int) -> tuple[int, ...]:
    """Fixed-point ``R_0..R_n`` at ``P`` bits."""
    with mpmath.workprec(P + 20):
        out = [to_fixed(2, P), to_fixed(1 + mpmath.sqrt(5), P)]
        for k in range(2, n + 1):
            r1, r2 = from_fixed(out[-1], P), from_fixed(out[-2], P)
            ratio = mpmath.mpf("4.7") if k == 2 else (r2 - from_fixed(out[-3], P)) / (r1 - r2)
            out.append(newton_superstable(to_fixed(r1 + (r1 - r2) / ratio, P), 2 ** k, P))
    return tuple(out[: n + 1])


def superstable_table(n: int, digits: int = 30) -> list:
    """``[R_0, R_1, ..., R_n]`` (mpmath numbers correct to ``digits`` digits).

    Parameters
    ----------
    n : int
        Last level, 0 to 20 (R_20 takes 10-20 s).
    digits : int
        Correct digits of each entry.

    Returns
    -------
    list of mpmath.mpf

    Raises
    ------
    InvalidInputError
        For ``n`` outside [0, 20] or bad ``digits``.

    Examples
    --------
    >>> import mpmath
    >>> from mathml.dynamics import superstable_table
    >>> [mpmath.nstr(v, 12) for v in superstable_table(3, digits=15)]
    ['2.0', '3.2360679775', '3.49856169933', '3.55464086277']
    """
    n = check_int("n", n, 0, _MAX_LEVEL)
    digits = check_digits(digits, 1000)
    P = bits_for(digits + 4)
    return [from_fixed(v, P) for v in _superstable_fixed(max(n, 1), P)[: n + 1]]


def superstable(n: int, digits: int = 30) -> mpmath.mpf:
    """The superstable parameter ``R_n`` of the ``2^n``-cycle (``f^{2^n}(1/2) = 1/2``).

    Parameters
    ----------
    n : int
        0 to 20 (``R_0 = 2``, ``R_1 = 1 + sqrt 5``).
    digits : int
        Correct significant digits of the result (1 to 1000).

    Returns
    -------
    mpmath.mpf
        ``R_n`` correct to ``digits`` digits (it carries more bits; print with ``mpmath.nstr``).

    Raises
    ------
    InvalidInputError
        For ``n`` outside [0, 20] or bad ``digits``.
    ConvergenceError
        If Newton fails (not observed for n <= 20).

    Examples
    --------
    >>> import mpmath
    >>> from mathml.dynamics import superstable
    >>> mpmath.nstr(superstable(15, digits=20), 20)    # brief table R_15
    '3.5699456717283834742'
    """
    n = check_int("n", n, 0, _MAX_LEVEL)
    return superstable_table(n, digits)[n]


@functools.lru_cache(maxsize=32)
def _bifurcation_fixed(n: int, P: int) -> tuple[int, int]:
    R = _superstable_fixed(max(n, 2), P)
    with mpmath.workprec(P + 20):
        lo, hi = from_fixed(R[n - 1], P), from_fixed(R[n], P)
        r0 = lo + mpmath.mpf("0.81") * (hi - lo)
        # start x at the cycle point through which the superstable 2^(n-1)-cycle passes (1/2)
        return newton_cycle_condition(to_fixed(mpmath.mpf(1) / 2, P), to_fixed(r0, P), 2 ** (n - 1), -1, P)


def bifurcation_point(n: int, digits: int = 30, *, with_point: bool = False):
    """The period-doubling point ``r_n``: onset of the stable ``2^n``-cycle.

    At ``r_n`` the ``2^{n-1}``-cycle has multiplier ``(f^{2^{n-1}})'(x) = -1``.

    Parameters
    ----------
    n : int
        1 to 20 (``r_1 = 3``, ``r_2 = 1 + sqrt 6``).
    digits : int
        Correct significant digits (1 to 1000).
    with_point : bool
        Also return the cycle point ``x`` near 1/2 where the multiplier is -1.

    Returns
    -------
    mpmath.mpf or (mpmath.mpf, mpmath.mpf)
        ``r_n`` (and ``x``), correct to ``digits`` digits.

    Raises
    ------
    InvalidInputError
        For ``n`` outside [1, 20] or bad ``digits``.
    ConvergenceError
        If the 2-D Newton iteration fails.

    Examples
    --------
    >>> import mpmath
    >>> from mathml.dynamics import bifurcation_point
    >>> mpmath.nstr(bifurcation_point(4, digits=25), 25)   # brief table r_4
    '3.564407266095432597773558'
    """
    n = check_int("n", n, 1, _MAX_LEVEL)
    digits = check_digits(digits, 1000)
    P = bits_for(digits + 4)
    X, R = _bifurcation_fixed(n, P)
    # sanity: the point is on the 2^(n-1)-cycle with multiplier -1
    xp, a, *_ = cycle_jets(X, R, 2 ** (n - 1), P)
    if abs(xp - X) > (1 << 40) or abs(a + (1 << P)) > (1 << 40):
        raise ConvergenceError(f"bifurcation_point({n}): Newton converged to a wrong point")
    r = from_fixed(R, P)
    return (r, from_fixed(X, P)) if with_point else r


def onset_of_chaos(digits: int = 20, *, with_error: bool = False):
    """The accumulation point ``r_inf = lim R_n = 3.5699456718709449018...`` of the cascade.

    Two Richardson steps on ``R_n``: ``S_n = (delta R_n - R_{n-1})/(delta - 1)``, then
    ``T_n = (delta^2 S_n - S_{n-1})/(delta^2 - 1)``; the remaining error alternates in sign and
    shrinks by ``delta / 0.1237 = 37.8`` per level (the third eigenvalue of the doubling operator).
    The level is increased until two successive ``T_n`` agree to ``digits + 2`` digits.

    Parameters
    ----------
    digits : int
        Correct digits asked for, 1 to 27 (27 digits needs ``R_19``: about 10 s; the levels stop at
        ``R_20``).
    with_error : bool
        Also return the error estimate ``|T_n - T_{n-1}|``.

    Returns
    -------
    mpmath.mpf or (mpmath.mpf, mpmath.mpf)

    Raises
    ------
    InvalidInputError
        For ``digits`` outside [1, 27].

    Examples
    --------
    >>> import mpmath
    >>> from mathml.dynamics import onset_of_chaos
    >>> mpmath.nstr(onset_of_chaos(18), 18)       # OEIS A098587
    '3.56994567187094490'
    """
    digits = check_digits(digits, 27)
    from .universality import feigenbaum

    delta = feigenbaum(digits + 10).delta
    P = bits_for(digits + 8)
    with mpmath.workprec(P + 20):
        tol = mpmath.mpf(10) ** (-(digits + 2)) * 4
        prev = None
        d2 = delta ** 2
        for n in range(6, _MAX_LEVEL + 1):
            R = [from_fixed(v, P) for v in _superstable_fixed(n, P)]
            S1 = (delta * R[n] - R[n - 1]) / (delta - 1)
            S0 = (delta * R[n - 1] - R[n - 2]) / (delta - 1)
            T = (d2 * S1 - S0) / (d2 - 1)
            if prev is not None and abs(T - prev) < tol:
                err = abs(T - prev) / 30
                return (+T, err) if with_error else +T
            prev = T
    raise ConvergenceError(f"onset_of_chaos: {digits} digits not reached by level {_MAX_LEVEL}")
