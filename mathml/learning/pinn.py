"""Physics-informed losses (Raissi–Perdikaris–Karniadakis, J. Comput. Phys. 378 (2019)).

Jafari's slide: ``C(θ) = (1/N) Σ (u_NN(t_i) - u_i)² + (1/M) Σ ([m d²/dt² + μ d/dt + k] u_NN(t_j))²``.
`pinn_residual` applies a linear differential operator to a closed form or a network output (a sympy
expression), `damped_oscillator_solution` is the exact reference, and `pinn_loss` evaluates the
slide's loss for any candidate.

Examples
--------
>>> import sympy as sp
>>> from mathml.learning import damped_oscillator_solution, oscillator_operator, pinn_residual
>>> t = sp.Symbol('t', real=True)
>>> u = damped_oscillator_solution(1, 4, 400, t=t)
>>> sp.simplify(pinn_residual(oscillator_operator(1, 4, 400), u, t=t))
0
"""
from __future__ import annotations

import math
from fractions import Fraction
from numbers import Integral, Real
from typing import Any, Callable, Sequence

import sympy as sp

from ..core.errors import InvalidInputError
from ..core.symbols import distinguished_symbol

__all__ = ["oscillator_operator", "pinn_residual", "damped_oscillator_solution", "pinn_loss"]


def _coefficient(v: Any, name: str) -> sp.Expr:
    """A finite number or sympy expression (floats become sympy Floats; strings and bools refused)."""
    if isinstance(v, (bool, str, bytes)):
        raise InvalidInputError(f"{name} must be a number or a sympy expression, got {type(v).__name__}: {v!r}")
    if isinstance(v, Fraction):
        return sp.Rational(v.numerator, v.denominator)
    if isinstance(v, sp.Basic):
        if not isinstance(v, sp.Expr) or v.has(sp.nan, sp.oo, -sp.oo, sp.zoo):
            raise InvalidInputError(f"{name} must be a finite number or expression, got {v!r}")
        return v
    if isinstance(v, Integral):
        return sp.Integer(int(v))
    if isinstance(v, Real):
        if not math.isfinite(float(v)):
            raise InvalidInputError(f"{name} must be finite, got {v!r}")
        return sp.Float(float(v))
    raise InvalidInputError(f"{name} must be a number or a sympy expression, got {type(v).__name__}: {v!r}")


def oscillator_operator(m: Any, mu: Any, k: Any) -> Callable[[sp.Expr, sp.Symbol], sp.Expr]:
    """The operator ``u -> m u'' + μ u' + k u`` (a callable ``(u, t) -> expression``).

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.learning import oscillator_operator
    >>> t = sp.Symbol('t')
    >>> oscillator_operator(1, 0, 1)(sp.sin(t), t)
    0
    """
    m, mu, k = (_coefficient(v, n) for v, n in ((m, "m"), (mu, "mu"), (k, "k")))

    def apply(u: sp.Expr, t: sp.Symbol) -> sp.Expr:
        return m * sp.diff(u, t, 2) + mu * sp.diff(u, t) + k * u

    apply.__doc__ = f"u -> {m} u'' + {mu} u' + {k} u"
    return apply


def pinn_residual(operator: Callable[[sp.Expr, sp.Symbol], sp.Expr], u: sp.Expr, *,
                  t: sp.Symbol | None = None) -> sp.Expr:
    """The physics residual ``operator(u)`` of a candidate ``u(t)`` (exact sympy).

    Parameters
    ----------
    operator : callable ``(u, t) -> expr``
        E.g. `oscillator_operator`.
    u : sympy expression
        A closed form or a network's output written in sympy (``tanh`` layers etc.).
    t : sympy.Symbol, optional
        The independent variable; inferred when ``u`` has one free symbol (or one named t).

    Returns
    -------
    sympy expression (not simplified)
    """
    if not isinstance(u, sp.Basic):
        raise InvalidInputError(f"u must be a sympy expression, got {type(u).__name__}")
    if not callable(operator):
        raise InvalidInputError("operator must be a callable (u, t) -> expression")
    t = distinguished_symbol([u], t, name="t")
    return operator(u, t)


def damped_oscillator_solution(m: Any, mu: Any, k: Any, *, x0: Any = 1, v0: Any = 0,
                               t: sp.Symbol | None = None) -> sp.Expr:
    """Exact solution of ``m x'' + μ x' + k x = 0`` with ``x(0) = x0``, ``x'(0) = v0`` (any damping).

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.learning import damped_oscillator_solution
    >>> t = sp.Symbol('t')
    >>> x = damped_oscillator_solution(1, 4, 400, t=t)     # δ = 2, ω0 = 20 (the benmoseley notebook)
    >>> sp.N(x.subs(t, sp.Rational(1, 2)), 17)
    -0.33685168059041337
    """
    m, mu, k, x0, v0 = (_coefficient(v, n) for v, n in ((m, "m"), (mu, "mu"), (k, "k"), (x0, "x0"), (v0, "v0")))
    # floats are taken as the decimals they print as (0.1 -> 1/10), so the closed form is exact in them
    m, mu, k, x0, v0 = (sp.nsimplify(v, rational=True) if isinstance(v, sp.Float) else v
                        for v in (m, mu, k, x0, v0))
    if t is not None and not isinstance(t, sp.Symbol):
        raise InvalidInputError(f"t must be a sympy Symbol, got {t!r}")
    if not (m.is_number and m.is_positive):
        raise InvalidInputError(f"the mass m must be a positive number, got {m}")
    if not (mu.is_number and k.is_number and mu.is_nonnegative and k.is_positive):
        raise InvalidInputError(f"need mu >= 0 and k > 0, got mu={mu}, k={k}")
    t = t if t is not None else sp.Symbol("t", real=True)
    delta = mu / (2 * m)
    w2 = k / m - delta**2
    if w2.is_positive:
        w = sp.sqrt(w2)
        return sp.exp(-delta * t) * (x0 * sp.cos(w * t) + (v0 + delta * x0) / w * sp.sin(w * t))
    if w2.is_zero:
        return sp.exp(-delta * t) * (x0 + (v0 + delta * x0) * t)
    s = sp.sqrt(-w2)
    return sp.exp(-delta * t) * (x0 * sp.cosh(s * t) + (v0 + delta * x0) / s * sp.sinh(s * t))


def pinn_loss(u: sp.Expr, operator: Callable[[sp.Expr, sp.Symbol], sp.Expr],
              data: Sequence[tuple[Any, Any]], physics_points: Sequence[Any], *,
              t: sp.Symbol | None = None, physics_weight: Any = 1) -> sp.Expr:
    """The slide's loss: mean squared data misfit + weight × mean squared physics residual.

    Exact when everything is exact; returns a sympy number.

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.learning import pinn_loss, oscillator_operator
    >>> t = sp.Symbol('t')
    >>> pinn_loss(sp.cos(t), oscillator_operator(1, 0, 1), [(0, 1)], [0, 1, 2], t=t)
    0
    """
    if not data and not physics_points:
        raise InvalidInputError("pinn_loss needs data points or physics points")
    if not isinstance(u, sp.Basic):
        raise InvalidInputError(f"u must be a sympy expression, got {type(u).__name__}")
    t = distinguished_symbol([u], t, name="t")
    try:
        data = [(_coefficient(ti, "a data time"), _coefficient(ui, "a data value")) for ti, ui in data]
    except (TypeError, ValueError):
        raise InvalidInputError("data must be a sequence of (t_i, u_i) pairs") from None
    physics_points = [_coefficient(tj, "a physics point") for tj in physics_points]
    physics_weight = _coefficient(physics_weight, "physics_weight")
    res = pinn_residual(operator, u, t=t)
    data_term = sum(((u.subs(t, ti) - ui) ** 2 for ti, ui in data), sp.Integer(0)) / max(len(data), 1)
    phys_term = sum((res.subs(t, tj) ** 2 for tj in physics_points), sp.Integer(0)) / max(len(physics_points), 1)
    return sp.simplify(data_term + sp.sympify(physics_weight) * phys_term)
