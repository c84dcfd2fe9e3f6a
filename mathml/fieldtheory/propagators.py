"""Exact propagators and O(N) Gaussian integration for tridiagonal quadratic forms.

- `free_kernel`: K = sqrt(m / (2 pi T)) exp(-m (xf - x0)^2 / (2 T)) (Euclidean, hbar = 1) or
  sqrt(m / (2 pi i T)) exp(i m (xf - x0)^2 / (2 T)) (real time).
- `mehler_kernel`: the harmonic oscillator, Euclidean
  sqrt(m w / (2 pi sinh wT)) exp(-m w [(x0^2 + xf^2) cosh wT - 2 x0 xf] / (2 sinh wT)),
  real time with sinh -> sin, cosh -> cos and -1 -> i in the exponent (valid for 0 < wT < pi; the
  Maslov phase beyond is not included).
- `tridiagonal_gaussian`: log of int d^n x exp(-(1/2) x^T A x - l^T x) for a symmetric tridiagonal A,
  by the LDL^T recursion and a Thomas solve in O(n) (float, mpmath or exact sympy arithmetic), with
  the inertia (numbers of positive and negative pivots, Sylvester) for the real-time phase.

Examples
--------
>>> import sympy as sp
>>> from mathml.fieldtheory.propagators import free_kernel
>>> T, x = sp.symbols('T x', positive=True)
>>> free_kernel(T, 0, x)
sqrt(2)*exp(-x**2/(2*T))/(2*sqrt(pi)*sqrt(T))
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import mpmath
import sympy as sp

from mathml.core.errors import InvalidInputError

__all__ = ["free_kernel", "mehler_kernel", "tridiagonal_gaussian", "TridiagonalResult"]


def _is_sym(*xs: Any) -> bool:
    return any(isinstance(x, sp.Basic) for x in xs)


def _args(**kw: Any) -> dict:
    """Validate kernel arguments: real numbers or sympy expressions; positive where the name says so."""
    out = {}
    for name, v in kw.items():
        ok = isinstance(v, (sp.Basic, int, float)) or _is_mp(v)
        if isinstance(v, (bool, str)) or v is None or not ok:
            raise InvalidInputError(f"{name} must be a real number or a sympy expression, got {v!r}")
        if isinstance(v, sp.Basic):
            if name in ("T", "omega", "mass") and v.is_positive is False:
                raise InvalidInputError(f"{name} must be positive, got {v}")
            if v.is_real is False:
                raise InvalidInputError(f"{name} must be real, got {v}")
        elif not mpmath.isfinite(mpmath.mpf(v)):
            raise InvalidInputError(f"{name} must be finite, got {v!r}")
        out[name] = v
    return out


def _is_mp(v: Any) -> bool:
    import numbers

    return isinstance(v, (mpmath.mpf, numbers.Real))


def free_kernel(T: Any, x0: Any, xf: Any, *, real_time: bool = False, mass: Any = 1) -> Any:
    """The free-particle kernel <xf| e^{-HT} |x0> (Euclidean) or <xf| e^{-iHT} |x0> (real time), hbar = 1.

    Returns a sympy expression when any input is sympy, else an mpmath number.

    Examples
    --------
    >>> import mpmath
    >>> from mathml.fieldtheory.propagators import free_kernel
    >>> mpmath.nstr(free_kernel(1, 0.2, 0.9), 14)        # brief F6
    '0.31225393336676'
    """
    _args(T=T, x0=x0, xf=xf, mass=mass)
    if _is_sym(T, x0, xf, mass):
        T, x0, xf, m = (sp.sympify(v) for v in (T, x0, xf, mass))
        if real_time:
            return sp.sqrt(m / (2 * sp.pi * sp.I * T)) * sp.exp(sp.I * m * (xf - x0) ** 2 / (2 * T))
        return sp.sqrt(m / (2 * sp.pi * T)) * sp.exp(-m * (xf - x0) ** 2 / (2 * T))
    T, x0, xf, m = (mpmath.mpf(v) for v in (T, x0, xf, mass))
    if T <= 0 or m <= 0:
        raise InvalidInputError(f"T and mass must be positive, got T = {T}, mass = {m}")
    if real_time:
        return (
            mpmath.sqrt(m / (2 * mpmath.pi * T))
            * mpmath.expjpi(-mpmath.mpf(1) / 4)
            * mpmath.expj(m * (xf - x0) ** 2 / (2 * T))
        )
    return mpmath.sqrt(m / (2 * mpmath.pi * T)) * mpmath.exp(-m * (xf - x0) ** 2 / (2 * T))


def mehler_kernel(omega: Any, T: Any, x0: Any, xf: Any, *, real_time: bool = False, mass: Any = 1) -> Any:
    """Mehler's kernel of the harmonic oscillator V = m omega^2 x^2 / 2 (hbar = 1).

    Examples
    --------
    >>> import mpmath
    >>> from mathml.fieldtheory.propagators import mehler_kernel
    >>> mpmath.nstr(mehler_kernel(1.5, 1, 0.2, 0.9), 15)      # brief F7
    '0.187946326836392'
    """
    _args(omega=omega, T=T, x0=x0, xf=xf, mass=mass)
    if _is_sym(omega, T, x0, xf, mass):
        w, T, x0, xf, m = (sp.sympify(v) for v in (omega, T, x0, xf, mass))
        if real_time:
            s, c = sp.sin(w * T), sp.cos(w * T)
            return sp.sqrt(m * w / (2 * sp.pi * sp.I * s)) * sp.exp(
                sp.I * m * w * ((x0**2 + xf**2) * c - 2 * x0 * xf) / (2 * s)
            )
        s, c = sp.sinh(w * T), sp.cosh(w * T)
        return sp.sqrt(m * w / (2 * sp.pi * s)) * sp.exp(
            -m * w * ((x0**2 + xf**2) * c - 2 * x0 * xf) / (2 * s)
        )
    w, T, x0, xf, m = (mpmath.mpf(v) for v in (omega, T, x0, xf, mass))
    if T <= 0 or m <= 0 or w <= 0:
        raise InvalidInputError("omega, T and mass must be positive")
    if real_time:
        s, c = mpmath.sin(w * T), mpmath.cos(w * T)
        if s <= 0:
            raise InvalidInputError(
                "the real-time Mehler kernel here needs 0 < omega T < pi (no Maslov phase)"
            )
        return (
            mpmath.sqrt(m * w / (2 * mpmath.pi * s))
            * mpmath.expjpi(-mpmath.mpf(1) / 4)
            * mpmath.expj(m * w * ((x0**2 + xf**2) * c - 2 * x0 * xf) / (2 * s))
        )
    s, c = mpmath.sinh(w * T), mpmath.cosh(w * T)
    return mpmath.sqrt(m * w / (2 * mpmath.pi * s)) * mpmath.exp(
        -m * w * ((x0**2 + xf**2) * c - 2 * x0 * xf) / (2 * s)
    )


class TridiagonalResult:
    """Result of `tridiagonal_gaussian`: log det, the quadratic form's minimum value and the inertia."""

    __slots__ = ("logabsdet", "det", "half_l_Ainv_l", "n_pos", "n_neg")

    def __init__(self, logabsdet: Any, det: Any, half_l_Ainv_l: Any, n_pos: int, n_neg: int) -> None:
        self.logabsdet = logabsdet
        self.det = det
        self.half_l_Ainv_l = half_l_Ainv_l
        self.n_pos = n_pos
        self.n_neg = n_neg

    def __repr__(self) -> str:
        return f"TridiagonalResult(logabsdet={self.logabsdet}, n_pos={self.n_pos}, n_neg={self.n_neg})"

    def _repr_latex_(self) -> str:
        return f"$\\log|\\det A| = {sp.latex(sp.sympify(self.logabsdet))}$"


def tridiagonal_gaussian(diag: Sequence[Any], off: Sequence[Any], lin: Sequence[Any]) -> TridiagonalResult:
    """LDL^T of the symmetric tridiagonal A (diagonal ``diag``, off-diagonal ``off``) and (1/2) l^T A^{-1} l.

    Then int d^n x exp(-(1/2) x^T A x - l^T x) = (2 pi)^{n/2} det(A)^{-1/2} exp((1/2) l^T A^{-1} l)
    for positive definite A.  O(n) operations in the arithmetic of the inputs (float, mpmath,
    sympy); ``det`` is only formed for exact (sympy) input.

    Raises
    ------
    InvalidInputError
        Mismatched lengths or a zero pivot (singular leading minor).

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.fieldtheory.propagators import tridiagonal_gaussian
    >>> r = tridiagonal_gaussian([2, 2, 2], [-1, -1], [0, 0, 0])   # det tridiag(-1, 2, -1) of size 3 = 4
    >>> r.det, r.n_pos
    (4, 3)
    """
    diag, off, lin = list(diag), list(off), list(lin)
    for v in diag + off + lin:
        ok = isinstance(v, (sp.Basic, int, float, mpmath.mpc)) or _is_mp(v)
        if isinstance(v, (bool, str)) or not ok:
            raise InvalidInputError(f"tridiagonal_gaussian: entries must be numbers or sympy, got {v!r}")
        if not isinstance(v, sp.Basic) and not mpmath.isfinite(v):
            raise InvalidInputError(f"tridiagonal_gaussian: entries must be finite, got {v!r}")
    n = len(diag)
    if len(off) != max(n - 1, 0) or len(lin) != n:
        raise InvalidInputError(
            f"tridiagonal_gaussian: diag has {n} entries, off must have {max(n - 1, 0)} and "
            f"lin {n} (got {len(off)} and {len(lin)})"
        )
    exact = _is_sym(*diag, *off, *lin) or all(isinstance(v, int) for v in list(diag) + list(off) + list(lin))
    if exact:
        diag, off, lin = ([sp.sympify(v) for v in seq] for seq in (diag, off, lin))
    piv: list = []
    y: list = []  # forward substitution of L y = l
    for k in range(n):
        d = diag[k] - (off[k - 1] ** 2 / piv[k - 1] if k else 0)
        if exact:
            d = sp.cancel(d)
        if d == 0:
            raise InvalidInputError(f"tridiagonal_gaussian: zero pivot at row {k} (singular leading minor)")
        piv.append(d)
        y.append(lin[k] - (off[k - 1] / piv[k - 1] * y[k - 1] if k else 0))
    quad = sum((yk**2 / dk for yk, dk in zip(y, piv)), sp.Integer(0) if exact else 0.0) / 2
    n_neg = sum(1 for d in piv if (d < 0) is True or (not exact and d < 0))
    if exact:
        det = sp.Integer(1)
        for d in piv:
            det = sp.cancel(det * d)
        return TridiagonalResult(sp.log(abs(det)), det, sp.cancel(quad), n - n_neg, n_neg)
    if any(isinstance(d, (mpmath.mpf, mpmath.mpc)) for d in piv):
        logabs = mpmath.fsum(mpmath.log(abs(d)) for d in piv)
    else:
        logabs = math.fsum(math.log(abs(float(d))) for d in piv)
    return TridiagonalResult(logabs, None, quad, n - n_neg, n_neg)
