"""The time-lattice harmonic oscillator (Creutz & Freedman 1981) and convolution stencils as derivatives.

Lattice action (hbar = m = 1, spacing a): S = sum_n [(x_{n+1} - x_n)^2 / (2a) + a omega^2 x_n^2 / 2].
Its inverse propagator is (2 - 2 cos k)/a + a omega^2 in Fourier space, so on the infinite lattice

    <x_0 x_n> = a e^{-theta |n|} / (2 sinh theta),   cosh theta = 1 + a^2 omega^2 / 2,

i.e. the gap E1 obeys cosh(a E1) = 1 + a^2 omega^2 / 2 and <x^2> = 1 / (2 omega sqrt(1 + a^2 omega^2 / 4))
(continuum limit 1/(2 omega)).  `LatticeOscillator.transfer_matrix` recomputes both from the
eigenvectors of the discretised transfer matrix
T(x, y) = e^{-a omega^2 x^2/4} e^{-(x-y)^2/(2a)} e^{-a omega^2 y^2/4} / sqrt(2 pi a).

`conv_stencil` turns a stencil sum_j k_j phi(x + j dx) into sum_m c_m d^m phi / dx^m (Taylor).

Examples
--------
>>> import sympy as sp
>>> from mathml.fieldtheory import lattice_oscillator
>>> osc = lattice_oscillator(1, sp.Rational(1, 2))
>>> osc.x2
2*sqrt(17)/17
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import mpmath
import numpy as np
import sympy as sp

from mathml.core.checks import compare_routes
from mathml.core.errors import InvalidInputError
from mathml.core.gaussian import is_exact_number
from mathml.core.latex import latex
from mathml.core.verdict import Verdict

__all__ = ["LatticeOscillator", "lattice_oscillator", "conv_stencil"]


def _pos(v: Any, name: str) -> Any:
    if isinstance(v, (bool, str)) or v is None:
        raise InvalidInputError(f"{name} must be a positive number, got {v!r}")
    if isinstance(v, sp.Expr) and v.free_symbols:
        if v.is_positive is not True:
            raise InvalidInputError(f"{name} = {v}: a symbolic value must be declared positive=True")
        return v  # symbolic formulas (x2, gap, correlator); numeric checks need numbers
    if is_exact_number(v):
        s = sp.nsimplify(v)
        if not (s.is_real and s > 0):
            raise InvalidInputError(f"{name} must be positive, got {v}")
        return s
    try:
        f = mpmath.mpf(v)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} must be a positive number, got {v!r}") from exc
    if not mpmath.isfinite(f) or f <= 0:
        raise InvalidInputError(f"{name} must be a finite positive number, got {v!r}")
    return f


class LatticeOscillator:
    """Exact ground-state facts of the time-lattice harmonic oscillator (hbar = m = 1).

    Parameters
    ----------
    omega, spacing : positive numbers (exact input gives exact sympy results), or sympy expressions
        declared positive (symbolic formulas; the transfer-matrix check then needs numbers)

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.fieldtheory import lattice_oscillator
    >>> osc = lattice_oscillator(2, 1)
    >>> osc.gap                  # cosh(E1) = 1 + 4/2 = 3, i.e. E1 = 2 asinh(1) = 2 log(1 + sqrt 2)
    2*log(1 + sqrt(2))
    """

    def __init__(self, omega: Any, spacing: Any) -> None:
        self.omega = _pos(omega, "omega")
        self.spacing = _pos(spacing, "spacing")
        self.exact = isinstance(self.omega, sp.Basic) and isinstance(self.spacing, sp.Basic)

    @property
    def cosh_theta(self) -> Any:
        """1 + a^2 omega^2 / 2."""
        return 1 + self.spacing**2 * self.omega**2 / 2

    @property
    def x2(self) -> Any:
        """<x^2> = 1 / (2 omega sqrt(1 + a^2 omega^2 / 4))."""
        a, w = self.spacing, self.omega
        if self.exact:
            return sp.radsimp(1 / (2 * w * sp.sqrt(1 + a**2 * w**2 / 4)))
        return 1 / (2 * w * mpmath.sqrt(1 + a**2 * w**2 / 4))

    @property
    def gap(self) -> Any:
        """E1 - E0 = arccosh(1 + a^2 omega^2 / 2) / a = 2 arcsinh(a omega / 2) / a (the stable form)."""
        a, w = self.spacing, self.omega
        return 2 * sp.asinh(a * w / 2) / a if self.exact else 2 * mpmath.asinh(a * w / 2) / a

    def correlator(self, n: int) -> Any:
        """<x_0 x_n> = a e^{-a E1 |n|} / (2 sinh(a E1)) on the infinite lattice.

        >>> from mathml.fieldtheory import lattice_oscillator
        >>> osc = lattice_oscillator(1, 1)
        >>> osc.correlator(0) == osc.x2
        True
        """
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
            raise InvalidInputError(f"n must be an integer, got {n!r}")
        a = self.spacing
        th = self.gap * a
        if self.exact:
            return sp.radsimp(sp.simplify(sp.expand_trig(a * sp.exp(-th * abs(int(n))) / (2 * sp.sinh(th)))))
        return a * mpmath.exp(-th * abs(int(n))) / (2 * mpmath.sinh(th))

    def periodic_x2(self, length: int) -> Any:
        """<x^2> on a periodic lattice of ``length`` sites: (a/L) sum_k 1/(2 - 2 cos(2 pi k/L) + a^2 omega^2).

        Converges to `x2` like e^{-a E1 L}.

        >>> import mpmath
        >>> from mathml.fieldtheory import lattice_oscillator
        >>> osc = lattice_oscillator(1.0, 0.5)
        >>> bool(abs(osc.periodic_x2(400) - osc.x2) < 1e-14)
        True
        """
        if isinstance(length, bool) or not isinstance(length, (int, np.integer)) or not 1 <= length <= 10**6:
            raise InvalidInputError(f"length must be an integer in [1, 10^6], got {length!r}")
        if any(isinstance(v, sp.Basic) and v.free_symbols for v in (self.omega, self.spacing)):
            raise InvalidInputError("periodic_x2 needs numeric omega and spacing (got symbols)")
        a, w = mpmath.mpf(self.spacing), mpmath.mpf(self.omega)
        L = int(length)
        return (
            a
            / L
            * mpmath.fsum(1 / (2 - 2 * mpmath.cos(2 * mpmath.pi * k / L) + a * a * w * w) for k in range(L))
        )

    def transfer_matrix(self, n_grid: int = 801, half_width: float | None = None) -> dict:
        """Ground state and gap from the discretised transfer matrix (float64).

        The kernel is sampled on a uniform grid (trapezoid rule, spectrally accurate for these
        Gaussians); the two largest eigenvalues give E1 - E0 = ln(l0/l1)/a and the ground
        eigenvector gives <x^2>.  Returns a dict with ``x2``, ``gap`` and ``E0``.

        >>> from mathml.fieldtheory import lattice_oscillator
        >>> osc = lattice_oscillator(1.0, 0.5)
        >>> tm = osc.transfer_matrix()
        >>> abs(tm["x2"] - float(osc.x2)) < 1e-12 and abs(tm["gap"] - float(osc.gap)) < 1e-12
        True
        """
        if isinstance(n_grid, bool) or not isinstance(n_grid, int) or not 11 <= n_grid <= 5000:
            raise InvalidInputError(f"n_grid must be an integer in [11, 5000], got {n_grid!r}")
        if any(isinstance(v, sp.Basic) and v.free_symbols for v in (self.omega, self.spacing)):
            raise InvalidInputError("the transfer-matrix check needs numeric omega and spacing (got symbols)")
        a, w = float(self.spacing), float(self.omega)
        L = half_width if half_width is not None else 9.0 * np.sqrt(max(float(self.x2), a / 4))
        x = np.linspace(-L, L, n_grid)
        h = x[1] - x[0]
        K = (
            np.exp(
                -a * w * w * x[:, None] ** 2 / 4
                - (x[:, None] - x[None, :]) ** 2 / (2 * a)
                - a * w * w * x[None, :] ** 2 / 4
            )
            / np.sqrt(2 * np.pi * a)
            * h
        )
        from scipy.linalg import eigh

        vals, vecs = eigh(K, subset_by_index=[n_grid - 2, n_grid - 1])
        l0, l1 = vals[-1], vals[-2]
        psi = vecs[:, -1]
        x2 = float(np.sum(psi**2 * x**2) / np.sum(psi**2))
        return {"x2": x2, "gap": float(np.log(l0 / l1) / a), "E0": float(-np.log(l0) / a)}

    def check(self, n_grid: int = 801) -> list[Verdict]:
        """Verdicts: exact formulas against the transfer matrix (12 digits).

        >>> from mathml.fieldtheory import lattice_oscillator
        >>> [v.status.value for v in lattice_oscillator(1.3, 0.4).check()]
        ['consistent', 'consistent']
        """
        tm = self.transfer_matrix(n_grid)
        return [
            compare_routes(
                self.x2, tm["x2"], digits=12, what="lattice <x^2>", names=("exact formula", "transfer matrix")
            ),
            compare_routes(
                self.gap, tm["gap"], digits=12, what="lattice gap", names=("exact formula", "transfer matrix")
            ),
        ]

    def __repr__(self) -> str:
        return f"LatticeOscillator(omega={self.omega}, spacing={self.spacing})"

    def _repr_latex_(self) -> str:
        a, w = latex(sp.sympify(self.spacing)), latex(sp.sympify(self.omega))
        return (
            f"$\\cosh(a E_1) = 1 + a^2\\omega^2/2,\\ \\langle x^2\\rangle = "
            f"\\frac{{1}}{{2\\omega\\sqrt{{1 + a^2\\omega^2/4}}}},\\ a = {a},\\ \\omega = {w}$"
        )


def lattice_oscillator(omega: Any, spacing: Any) -> LatticeOscillator:
    """The time-lattice harmonic oscillator with exact ``x2`` and ``gap`` (hbar = m = 1).

    Parameters
    ----------
    omega : positive number
    spacing : positive number (the lattice spacing a)

    Returns
    -------
    LatticeOscillator

    Raises
    ------
    InvalidInputError
        Non-positive or non-numeric input.

    Examples
    --------
    >>> import mpmath
    >>> from mathml.fieldtheory import lattice_oscillator
    >>> mpmath.nstr(lattice_oscillator(1.0, 1e-4).x2, 8)        # continuum 1/(2 omega)
    '0.5'
    """
    return LatticeOscillator(omega, spacing)


def conv_stencil(
    kernel: Sequence[Any], dx: Any = 1, *, order: int | None = None, offsets: Sequence[int] | None = None
) -> list:
    """Taylor coefficients c_m of sum_j k_j phi(x + j dx) = sum_m c_m phi^{(m)}(x), m = 0..order.

    c_m = sum_j k_j (j dx)^m / m!.  By default the offsets are centred (-r..r for 2r + 1 taps).

    Parameters
    ----------
    kernel : sequence of numbers or sympy expressions
    dx : spacing
    order : highest derivative (default: number of taps - 1)
    offsets : integer offsets j (default centred)

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.fieldtheory import conv_stencil
    >>> h = sp.Symbol('h', positive=True)
    >>> conv_stencil([1 / h**2, -2 / h**2, 1 / h**2], h)      # central difference: phi''
    [0, 0, 1]
    >>> k = sp.symbols('k_m1 k_0 k_1')
    >>> conv_stencil(k, h)                                   # brief F10: a, b, c
    [k_0 + k_1 + k_m1, h*k_1 - h*k_m1, h**2*k_1/2 + h**2*k_m1/2]
    """
    taps = list(kernel)
    if not taps or any(isinstance(k, (str, bool)) for k in taps):
        raise InvalidInputError("kernel must be a non-empty sequence of numbers or sympy expressions")
    if offsets is None:
        if len(taps) % 2 == 0:
            raise InvalidInputError("an even number of taps has no centred offsets: pass offsets=")
        r = len(taps) // 2
        offsets = list(range(-r, r + 1))
    offsets = list(offsets)
    if len(offsets) != len(taps) or any(
        isinstance(j, bool) or not isinstance(j, (int, np.integer)) for j in offsets
    ):
        raise InvalidInputError("offsets must be integers, one per tap")
    order = len(taps) - 1 if order is None else order
    if isinstance(order, bool) or not isinstance(order, int) or not 0 <= order <= 200:
        raise InvalidInputError(f"order must be an integer in [0, 200], got {order!r}")
    if len(taps) > 10**4:
        raise InvalidInputError(f"at most 10^4 taps, got {len(taps)}")
    if isinstance(dx, (bool, str)) or dx is None:
        raise InvalidInputError(f"dx must be a number or a sympy expression, got {dx!r}")
    if isinstance(dx, float) and not math.isfinite(dx):
        raise InvalidInputError(f"dx must be finite, got {dx!r}")
    dx = sp.sympify(dx) if not isinstance(dx, float) else dx
    out = []
    for mth in range(order + 1):
        c = sum(sp.sympify(k) * (j * dx) ** mth / sp.factorial(mth) for k, j in zip(taps, offsets))
        out.append(sp.expand(c))
    return out
