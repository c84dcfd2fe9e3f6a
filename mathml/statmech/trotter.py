r"""Trotter layers: the transverse-field factor :math:`e^{a\sigma^x}` as a classical Ising coupling
between layers.

For :math:`s, s' \in \{\pm1\}` (:math:`\sigma^z` eigenvalues) and :math:`a > 0`,

.. math:: \langle s|e^{a\sigma^x}|s'\rangle = C\,e^{K ss'},\qquad K = -\tfrac12\ln\tanh a,\quad
          C = \sqrt{\sinh a\cosh a},

because :math:`Ce^{K} = \cosh a` and :math:`Ce^{-K} = \sinh a` (Suzuki 1976).  This is the layer-to-layer
coupling of the deep-Boltzmann representation of :math:`e^{-\tau H}|\text{any}\rangle` for the
transverse-field Ising model (Carleo, Nomura, Imada 2018; Hashimoto's talk), with
:math:`a = \Delta\tau\,\Gamma`.  With 0/1 units :math:`x = (1 + s)/2` the same weight is
:math:`C e^{K}\,e^{4Kxx' - 2Kx - 2Kx'}`.

Examples
--------
>>> import sympy as sp
>>> from mathml.statmech import trotter_coupling
>>> a = sp.Symbol('a', positive=True)
>>> trotter_coupling(a)
(-log(tanh(a))/2, sqrt(sinh(a))*sqrt(cosh(a)))
"""

from __future__ import annotations

import math

from dataclasses import dataclass
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from ..core.errors import DomainError
from ..core.latex import latex
from .configs import as_coupling, check_units, is_exact

__all__ = ["trotter_coupling", "TrotterLayer", "trotter_layer"]


def trotter_coupling(a: Any) -> tuple[Any, Any]:
    r"""The coupling K and prefactor C with :math:`\langle s|e^{a\sigma^x}|s'\rangle = Ce^{Kss'}` (a > 0).

    Parameters
    ----------
    a : positive number or sympy expression
        Exact input gives exact sympy output; floats give floats; mpmath numbers give mpf.

    Returns
    -------
    (K, C)

    Raises
    ------
    DomainError
        For :math:`a \le 0` (then :math:`\sinh a \le 0` and no real K exists).

    Examples
    --------
    >>> from mathml.statmech import trotter_coupling
    >>> K, C = trotter_coupling(0.1)
    >>> round(K, 12), round(C, 12)
    (1.152955335176, 0.317282210769)
    """
    a = as_coupling("a", a)
    if is_exact(a):
        if a.is_positive is False or (a.is_number and not bool(a > 0)):
            raise DomainError(f"trotter_coupling needs a > 0 (sinh a must be positive), got {a}")
        return -sp.log(sp.tanh(a)) / 2, sp.sqrt(sp.sinh(a) * sp.cosh(a))
    if a <= 0:
        raise DomainError(f"trotter_coupling needs a > 0 (sinh a must be positive), got {a}")
    if isinstance(a, mpmath.mpf):
        # K = (1/2) ln coth a = atanh(e^{-2a}): no cancellation for large a (where tanh a rounds to 1)
        q = mpmath.exp(-2 * a)
        K = mpmath.atanh(q) if q < 0.5 else (mpmath.log1p(q) - mpmath.log(-mpmath.expm1(-2 * a))) / 2
        return K, mpmath.sqrt(mpmath.sinh(a) * mpmath.cosh(a))
    if a > 700:
        raise DomainError(
            f"the prefactor C = sqrt(sinh a cosh a) ~ e^a / 2 overflows float64 at a = {a}; "
            "pass an mpmath.mpf or an exact a"
        )
    # K = (1/2) ln coth a = atanh(e^{-2a}) = (1/2)[ln(1 + e^{-2a}) - ln(1 - e^{-2a})], accurate for
    # small and large a (the naive -ln(tanh a)/2 returns 0 for a > 19); C = (e^a / 2) sqrt(1 - e^{-4a}).
    q = math.exp(-2 * a)
    K = math.atanh(q) if q < 0.5 else 0.5 * (math.log1p(q) - math.log(-math.expm1(-2 * a)))
    return K, math.exp(a) / 2 * math.sqrt(-math.expm1(-4 * a))


@dataclass(frozen=True)
class TrotterLayer:
    r"""One Trotter layer :math:`e^{a\sigma^x}` as classical weights in a unit convention.

    Attributes
    ----------
    a : parameter; K, C : coupling and prefactor (`trotter_coupling`)
    units : {"spin", "binary"}
    weight, bias, constant :
        The layer weight is ``constant * exp(weight * x * x' + bias * (x + x'))``: for spins
        ``(K, 0, C)``, for 0/1 units ``(4K, -2K, C e^K)``.

    Examples
    --------
    >>> from mathml.statmech import trotter_layer
    >>> layer = trotter_layer(0.5)
    >>> round(layer.K, 12), layer.units          # K = (1/2) ln coth(1/2)
    (0.385968416453, 'spin')
    """

    a: Any
    K: Any
    C: Any
    units: str
    weight: Any
    bias: Any
    constant: Any

    def matrix(self) -> Any:
        """The 2 x 2 matrix of layer weights, rows/columns ordered (x = 1, x = 0) or (s = +1, s = -1).

        Examples
        --------
        >>> import sympy as sp
        >>> from mathml.statmech import trotter_layer
        >>> a = sp.Symbol('a', positive=True)
        >>> M = trotter_layer(a, units="binary").matrix() - sp.exp(a * sp.Matrix([[0, 1], [1, 0]]))
        >>> sp.simplify(M.rewrite(sp.exp)).is_zero_matrix
        True
        """
        vals = (1, -1) if self.units == "spin" else (1, 0)
        lib = sp if is_exact(self.K) else (mpmath if isinstance(self.K, mpmath.mpf) else np)
        rows = [
            [self.constant * lib.exp(self.weight * x * y + self.bias * (x + y)) for y in vals] for x in vals
        ]
        return sp.Matrix(rows) if lib is sp else (mpmath.matrix(rows) if lib is mpmath else np.array(rows))

    def __repr__(self) -> str:
        return f"TrotterLayer(a={self.a}, units={self.units!r})"

    def _repr_latex_(self) -> str:
        K = latex(self.K) if is_exact(self.K) else f"{self.K:.6g}"
        C = latex(self.C) if is_exact(self.C) else f"{self.C:.6g}"
        return rf"$\langle s|e^{{a\sigma^x}}|s'\rangle = C e^{{K s s'}},\ K = {K},\ C = {C}$"


def trotter_layer(a: Any, *, units: str = "spin") -> TrotterLayer:
    r"""The layer weights of :math:`e^{a\sigma^x}` for ±1 (``"spin"``) or 0/1 (``"binary"``) units.

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.statmech import trotter_layer
    >>> layer = trotter_layer(sp.Rational(1, 2), units="binary")
    >>> layer.weight
    -2*log(tanh(1/2))
    """
    check_units(units)
    K, C = trotter_coupling(a)
    a = as_coupling("a", a)
    if units == "spin":
        return TrotterLayer(a, K, C, units, K, 0 * K, C)
    lib = sp if is_exact(K) else (mpmath if isinstance(K, mpmath.mpf) else np)
    constant = C * lib.exp(K)
    if lib is np:
        constant = float(constant)
    return TrotterLayer(a, K, C, units, 4 * K, -2 * K, constant)
