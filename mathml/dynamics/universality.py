r"""Feigenbaum's constants from the Feigenbaum–Cvitanović functional equation.

The universal function ``g`` is even, ``g(0) = 1``, and a fixed point of the doubling
operator ``T[g](x) = g(g(g(1) x)) / g(1)``, i.e. ``g(x) = -alpha g(g(-x/alpha))`` with
``alpha = -1/g(1)``.  We write ``g(x) = 1 + sum_{k=1}^N c_k x^{2k}``, collocate the
equation at the Chebyshev-like points ``x_i = cos(pi (2i - 1)/(4N))`` and solve by Newton
with the exact Jacobian (mpmath).  ``delta`` is the one eigenvalue > 1 of the linearised
operator

``DT[h](x) = -h(1) g(v)/g(1)^2 + [h(v) + g'(v) (h(u) + g'(u) h(1) x)]/g(1)``,
``u = g(1) x``, ``v = g(u)``,

on even perturbations with ``h(0) = 0`` (basis ``x^{2k}``), found by power iteration.
Nothing here uses ratios of bifurcation points.  The error is estimated by repeating the
computation with ``N + 6`` terms; the digits returned are those on which both agree.

Sources: Feigenbaum, J. Stat. Phys. 19 (1978) 25; Briggs, Math. Comp. 57 (1991) 435
(collocation to high precision); brief ``dynamics_statmech.md`` §1 (the recipe above).

Examples
--------
>>> import mpmath
>>> from mathml.dynamics import feigenbaum
>>> fc = feigenbaum(digits=20)
>>> mpmath.nstr(fc.delta, 20), mpmath.nstr(fc.alpha, 20)
('4.6692016091029906719', '2.5029078750958928222')
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import mpmath

from flint import arb, arb_mat, ctx

from ..core.latex import text
from ._common import check_digits
from .errors import ConvergenceError

__all__ = ["FeigenbaumConstants", "feigenbaum"]

# Starting coefficients c_1..c_4 of g (brief dynamics_statmech.md §6 / Briggs 1991).
_START = ("-1.5276330", "0.1048152", "0.0267057", "-0.0035274")


@dataclass(frozen=True)
class FeigenbaumConstants:
    """Feigenbaum's ``delta`` and ``alpha`` with the universal function ``g``.

    Attributes
    ----------
    delta, alpha : mpmath.mpf
        Correct to ``digits`` significant digits (both routes N and N + 6 agree).
    digits : int
        Digits guaranteed by the two-resolution comparison.
    coefficients : tuple of mpmath.mpf
        ``c_1, ..., c_N`` of ``g(x) = 1 + sum c_k x^(2k)``.
    error : mpmath.mpf
        Largest difference of ``delta``, ``alpha`` between ``N`` and ``N + 6`` terms.
    terms : int
        ``N``.
    eigenvalues : tuple of mpmath.mpf
        The five largest (in modulus) eigenvalues of the collocated ``DT`` (real), ``delta`` first:
        4.669..., 0.15963, -0.12365, -0.05731, 0.02548 (brief D1).  From a floating eigen-solver at
        the working precision without error bounds; the entries after ``delta`` are stated to 10
        digits (both resolutions agree to that).
    """

    delta: mpmath.mpf
    alpha: mpmath.mpf
    digits: int
    coefficients: tuple
    error: mpmath.mpf
    terms: int
    eigenvalues: tuple = ()

    def g(self, x):
        """The universal function ``g(x)`` (mpmath, at the current precision).

        Examples
        --------
        >>> import mpmath
        >>> from mathml.dynamics import feigenbaum
        >>> fc = feigenbaum(digits=15)
        >>> with mpmath.workdps(15):
        ...     print(mpmath.nstr(-1 / fc.g(1), 12))   # alpha = -1/g(1)
        2.50290787510
        """
        x2 = mpmath.mpf(x) ** 2
        return 1 + mpmath.fsum(c * x2 ** (k + 1) for k, c in enumerate(self.coefficients))

    def __repr__(self) -> str:
        return (f"FeigenbaumConstants(delta={mpmath.nstr(self.delta, self.digits)}, "
                f"alpha={mpmath.nstr(self.alpha, self.digits)}, digits={self.digits})")

    def _repr_latex_(self) -> str:
        return (r"$\delta = " + mpmath.nstr(self.delta, self.digits) + r",\ \alpha = "
                + mpmath.nstr(self.alpha, self.digits) + r"\quad\text{" + text(f"({self.digits} digits, "
                f"collocation N = {self.terms})") + "}$")


def _g_and_dg(c, x):
    """``(g(x), g'(x))`` for ``g = 1 + sum c_k x^{2k}`` (flint arb midpoints)."""
    x2 = x * x
    g, dg, p = arb(1), arb(0), arb(1)
    for k, ck in enumerate(c, start=1):
        dg += 2 * k * ck * p * x      # d/dx x^{2k} = 2k x^{2k-1}
        p *= x2
        g += ck * p
    return g, dg


def _rows(c, xs):
    """Residuals ``g(x) - T[g](x)`` and the collocation matrices of ``h = x^{2k}`` and ``DT[h]``."""
    n = len(c)
    g1, _ = _g_and_dg(c, arb(1))
    res, basis, dtm = [], [], []
    for x in xs:
        u = g1 * x
        gu, dgu = _g_and_dg(c, u)
        gv, dgv = _g_and_dg(c, gu)
        gx, _ = _g_and_dg(c, x)
        res.append(gx - gv / g1)
        x2, u2, v2 = x * x, u * u, gu * gu
        px, pu, pv = arb(1), arb(1), arb(1)
        brow, drow = [], []
        for _k in range(n):
            px *= x2
            pu *= u2
            pv *= v2
            brow.append(px)
            # DT[h](x) for h = x^{2k} (h(1) = 1)
            drow.append(-gv / g1 ** 2 + (pv + dgv * (pu + dgu * x)) / g1)
        basis.append(brow)
        dtm.append(drow)
    return res, basis, dtm


def _collocation_points(n):
    return [(arb.pi() * (2 * i - 1) / (4 * n)).cos().mid() for i in range(1, n + 1)]


def _solve_g(n, start):
    xs = _collocation_points(n)
    c = [arb(str(v)) if isinstance(v, str) else v for v in start][:n]
    c += [arb(0)] * (n - len(c))
    # the monomial basis is ill-conditioned (the Newton steps stall at ~10^(0.7 N) ulp): stop when
    # the step is tiny or stops shrinking once it is below half the working precision
    prec = ctx.prec
    tol = arb(2) ** (-(prec - 24))
    half = arb(2) ** (-(prec // 2))
    last = None
    for _ in range(60):
        res, basis, dtm = _rows(c, xs)
        jac = arb_mat(n, n, [basis[i][k] - dtm[i][k] for i in range(n) for k in range(n)])
        step = jac.solve(arb_mat(n, 1, res), algorithm="approx")
        size = max(abs(step[k, 0].mid()) for k in range(n))
        if last is not None and size < half and size > last / 10:
            return c
        c = [(ci - step[k, 0]).mid() for k, ci in enumerate(c)]
        if size < tol:
            return c
        last = size
    raise ConvergenceError(f"Newton for the Feigenbaum function with N = {n} terms did not converge")


def _delta(c):
    """Top eigenvalue of DT in the basis x^{2k} (collocation), by power iteration."""
    n = len(c)
    _, basis, dtm = _rows(c, _collocation_points(n))
    B = arb_mat(n, n, [basis[i][k].mid() for i in range(n) for k in range(n)])
    A = arb_mat(n, n, [dtm[i][k].mid() for i in range(n) for k in range(n)])
    M = B.solve(A, algorithm="approx")
    spectrum = sorted(M.eig(algorithm="approx"), key=lambda z: -abs(z))[:5]
    spectrum = tuple(z.real.mid() for z in spectrum)
    # the next eigenvalue is 0.1596 (brief D1): each step gains about log10(4.669/0.1596) = 1.47 digits
    v = arb_mat(n, 1, [1] * n)
    lam = arb(0)
    tol = arb(2) ** (-(ctx.prec - 16))
    for _ in range(int(ctx.prec / 4.8) + 20):
        w = M * v
        w = arb_mat(n, 1, [w[k, 0].mid() for k in range(n)])
        k = max(range(n), key=lambda j: abs(w[j, 0]))
        new = (w[k, 0] / v[k, 0]).mid()
        v = arb_mat(n, 1, [(w[j, 0] / w[k, 0]).mid() for j in range(n)])
        if abs(new - lam) < tol * abs(new):
            return new, spectrum
        lam = new
    raise ConvergenceError("power iteration for delta did not converge")


def _to_mpf(x):
    man, exp = x.mid().man_exp()
    man = int(man)
    with mpmath.workprec(max(53, man.bit_length() + 1)):
        return mpmath.mpf((man, int(exp)))


def _terms_for(digits: int) -> int:
    # N = 12 -> 16 digits, 24 -> 32-37, 36 -> 53, 50 -> 70 (brief); about 1.4 digits per term
    return max(8, int(math.ceil(digits / 1.35)) + 4)


@functools.lru_cache(maxsize=16)
def _compute(n: int, dps: int):
    old = ctx.prec
    ctx.prec = int(dps * 3.33) + 16
    try:
        c = list(_START)
        for m in sorted({min(n, 8), min(n, 16), n}):
            c = _solve_g(m, c)
        g1, _ = _g_and_dg(c, arb(1))
        delta, spectrum = _delta(c)
        return (tuple(_to_mpf(ci) for ci in c), _to_mpf(-1 / g1), _to_mpf(delta),
                tuple(_to_mpf(v) for v in spectrum))
    finally:
        ctx.prec = old


def feigenbaum(digits: int = 30) -> FeigenbaumConstants:
    """Feigenbaum's ``delta`` and ``alpha`` to ``digits`` significant digits.

    Parameters
    ----------
    digits : int
        Requested correct digits (1 to 100; 100 digits takes about 15 s, 60 digits about 2 s).

    Returns
    -------
    FeigenbaumConstants
        ``delta``, ``alpha`` (mpmath numbers), the coefficients of ``g`` and the error estimate.

    Raises
    ------
    InvalidInputError
        If ``digits`` is not an integer in [1, 100].
    ConvergenceError
        If the two resolutions do not agree to ``digits`` (not observed up to 100).

    Examples
    --------
    >>> import mpmath
    >>> from mathml.dynamics import feigenbaum
    >>> fc = feigenbaum(30)
    >>> mpmath.nstr(fc.delta, 30)       # OEIS A006890, 30 digits
    '4.66920160910299067185320382047'
    >>> fc.error < mpmath.mpf(10) ** -30
    True
    >>> [mpmath.nstr(v, 10) for v in fc.eigenvalues[1:4]]    # brief D1, 10 digits
    ['0.1596284404', '-0.1236527126', '-0.05730702107']
    """
    digits = check_digits(digits, 100)
    n = _terms_for(digits)
    dps = int(digits * 1.6) + 20
    c, alpha, delta, _ = _compute(n, dps)
    c2, alpha2, delta2, spectrum = _compute(n + 6, dps)
    with mpmath.workdps(dps):
        err = max(abs(delta - delta2), abs(alpha - alpha2))
        if err > mpmath.mpf(10) ** (-digits - 1) * 5:
            raise ConvergenceError(f"feigenbaum: N = {n} and N = {n + 6} agree only to "
                                   f"{mpmath.nstr(err, 3)}, not to {digits} digits")
    return FeigenbaumConstants(delta=delta2, alpha=alpha2, digits=digits, coefficients=c2, error=err,
                               terms=n + 6, eigenvalues=spectrum)
