"""Activation functions for mean-field theory: "tanh", "relu", "erf" or a sympy expression in one symbol.

`Activation` holds the sympy expression phi(x), its first two derivatives, mpmath and numpy
evaluators and the kinks (points where phi is not smooth).  ReLU's phi'' is a Dirac delta, so
quantities built from phi'' squared (chi2) diverge for it.

Examples
--------
>>> import sympy as sp
>>> from mathml.fieldtheory.activations import as_activation
>>> act = as_activation("tanh")
>>> act.name, act.odd, act.smooth
('tanh', True, True)
>>> x = sp.Symbol('x')
>>> as_activation(x**3 + x).d1
3*x**2 + 1
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import sympy as sp

from mathml.core.errors import InvalidInputError
from mathml.core.gaussian import kinks_of
from mathml.core.latex import latex
from mathml.core.symbols import distinguished_symbol

__all__ = ["Activation", "as_activation", "X", "NAMED"]

#: The variable of the named activations.
X = sp.Symbol("x", real=True)

NAMED = {
    "tanh": sp.tanh(X),
    "relu": sp.Max(0, X),
    "erf": sp.erf(X),
}


@dataclass(frozen=True)
class Activation:
    """An activation phi(x) with derivatives and evaluators.

    Parameters
    ----------
    name : str
        "tanh", "relu", "erf" or "custom".
    expr : sympy.Expr
        phi in the symbol ``x``.
    x : sympy.Symbol
        The variable.

    Examples
    --------
    >>> from mathml.fieldtheory.activations import as_activation
    >>> as_activation("relu").kinks
    (0,)
    """

    name: str
    expr: sp.Expr
    x: sp.Symbol
    d1: sp.Expr = field(init=False)
    d2: sp.Expr = field(init=False)
    kinks: tuple = field(init=False)
    smooth: bool = field(init=False)
    odd: bool = field(init=False)

    def __post_init__(self) -> None:
        if self.name == "relu":
            d1, d2 = sp.Heaviside(self.x), sp.DiracDelta(self.x)
        else:
            # differentiate in a real variable (Abs, sign, re... of a plain symbol differentiate badly)
            xr = sp.Dummy(self.x.name, real=True)
            e = self.expr.subs(self.x, xr)
            d1 = sp.diff(e, xr)
            d2 = sp.diff(d1, xr)
            d1, d2 = d1.subs(xr, self.x), d2.subs(xr, self.x)
        object.__setattr__(self, "d1", d1)
        object.__setattr__(self, "d2", d2)
        object.__setattr__(self, "kinks", tuple(kinks_of(self.expr, self.x)))
        breakers = (sp.Heaviside, sp.Max, sp.Min, sp.Abs, sp.sign, sp.Piecewise, sp.DiracDelta)
        object.__setattr__(self, "smooth", not self.expr.has(*breakers))
        object.__setattr__(self, "odd", sp.simplify(self.expr.subs(self.x, -self.x) + self.expr) == 0)

    def mp(self, order: int = 0) -> Callable[[Any], Any]:
        """mpmath evaluator of phi (order 0), phi' (1) or phi'' (2).

        >>> import mpmath
        >>> from mathml.fieldtheory.activations import as_activation
        >>> float(as_activation("tanh").mp(1)(mpmath.mpf(0)))
        1.0
        """
        expr = self._derivative(order)
        if self.name == "relu" and order == 1:
            return lambda v: 1 if v > 0 else 0
        return sp.lambdify(self.x, expr, modules="mpmath")

    def np(self, order: int = 0) -> Callable[[Any], Any]:
        """numpy evaluator (vectorised) of phi, phi' or phi''.

        >>> import numpy as np
        >>> from mathml.fieldtheory.activations import as_activation
        >>> as_activation("relu").np(0)(np.array([-1.0, 2.0])).tolist()
        [0.0, 2.0]
        """
        expr = self._derivative(order)
        if self.name == "relu":
            import numpy

            return (
                (lambda v: numpy.maximum(v, 0.0)) if order == 0 else (lambda v: (numpy.asarray(v) > 0) * 1.0)
            )
        return sp.lambdify(self.x, expr, modules=["scipy", "numpy"])

    def _derivative(self, order: int) -> sp.Expr:
        if order not in (0, 1, 2):
            raise InvalidInputError(f"order must be 0, 1 or 2, got {order!r}")
        expr = (self.expr, self.d1, self.d2)[order]
        if expr.has(sp.DiracDelta):
            raise InvalidInputError(f"phi'' of {self.name} is a Dirac delta: it has no pointwise values")
        return expr

    def __repr__(self) -> str:
        return f"Activation({self.name}: {sp.sstr(self.expr)})"

    def _repr_latex_(self) -> str:
        return f"$\\phi({latex(self.x)}) = {latex(self.expr)}$"


def as_activation(activation: Any, *, x: sp.Symbol | None = None) -> Activation:
    """Turn "tanh", "relu", "erf", a sympy expression in one symbol or an `Activation` into an `Activation`.

    Parameters
    ----------
    activation : str, sympy.Expr or Activation
    x : sympy.Symbol, optional
        The variable of a sympy expression (inferred when it has one free symbol).

    Returns
    -------
    Activation

    Raises
    ------
    InvalidInputError
        An unknown name, an expression in several symbols, or another type.

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.fieldtheory.activations import as_activation
    >>> t = sp.Symbol('t')
    >>> as_activation(sp.sin(t)).x
    t
    >>> as_activation("sigmoid")
    Traceback (most recent call last):
    ...
    mathml.core.errors.InvalidInputError: unknown activation 'sigmoid': use 'tanh', 'relu', 'erf' or ...
    """
    if isinstance(activation, Activation):
        return activation
    if isinstance(activation, str):
        key = activation.strip().lower()
        if key not in NAMED:
            raise InvalidInputError(
                f"unknown activation {activation!r}: use 'tanh', 'relu', 'erf' or a sympy "
                "expression in one symbol"
            )
        return Activation(key, NAMED[key], X)
    if isinstance(activation, sp.Basic):
        if not isinstance(activation, sp.Expr):
            raise InvalidInputError(
                f"the activation must be a sympy expression, got {type(activation).__name__}"
            )
        var = distinguished_symbol([activation], x, name="x")
        signed = var.is_positive is not None or var.is_zero is not None or var.is_integer
        if isinstance(var, sp.Symbol) and signed:
            # e.g. Max(0, x) with x positive has already become x: the activation would silently be linear
            raise InvalidInputError(
                f"the activation's variable {var} carries sign/integer assumptions; pre-activations take "
                "every real value: use a plain or real=True symbol"
            )
        extra = activation.free_symbols - {var}
        if extra:
            raise InvalidInputError(
                f"the activation must depend on one symbol only; it also has "
                f"{sorted(map(str, extra))} (substitute numbers first)"
            )
        for name, expr in NAMED.items():
            if sp.simplify(activation.subs(var, X) - expr) == 0:
                return Activation(name, expr, X)
        return Activation("custom", activation, var)
    raise InvalidInputError(
        f"the activation must be 'tanh', 'relu', 'erf' or a sympy expression, got "
        f"{type(activation).__name__}: {activation!r}"
    )
