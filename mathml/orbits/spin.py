"""su(2) ~ spin(3): the galgebra rotor action against the matrix adjoint action of SU(2).

A unit axis ``n`` and angle ``theta`` give the rotor ``R = cos(theta/2) - sin(theta/2) I n``
(``I n = n1 e23 + n2 e31 + n3 e12``) acting on vectors by ``v -> R v R~``, and the matrix
``U = cos(theta/2) - i sin(theta/2) n.sigma`` acting on ``su(2)`` by ``Ad_U(v.sigma) = U (v.sigma) U^dagger``.
Both are the rotation about ``n`` by ``theta``; :func:`rotor_adjoint_discrepancy` measures the difference.

Inputs are numbers or sympy expressions; a string goes through the safe parser `mathml.parse_expr`
(numbers, symbols, arithmetic and whitelisted functions only) and never reaches ``sympify``.  Exact
in, exact out: exact inputs give exact sympy components; a float makes the computation numeric.
"""
from __future__ import annotations

import sympy as sp

from ..core.errors import InvalidInputError
from ..core.parsing import parse_expr

__all__ = ["rotor_action", "adjoint_action", "rotor_adjoint_discrepancy"]

_SIGMA = (sp.Matrix([[0, 1], [1, 0]]), sp.Matrix([[0, -sp.I], [sp.I, 0]]), sp.Matrix([[1, 0], [0, -1]]))


def _num(x, what: str) -> sp.Expr:
    """A number or sympy expression; strings through the safe parser (never sympify)."""
    if isinstance(x, str):
        return parse_expr(x)
    if isinstance(x, bool):
        raise InvalidInputError(f"{what} must be a number or a sympy expression, got a bool")
    if isinstance(x, int):
        return sp.Integer(x)
    if isinstance(x, float):
        if x != x or x in (float("inf"), float("-inf")):
            raise InvalidInputError(f"{what} must be finite, got {x}")
        return sp.Float(x)
    if isinstance(x, sp.Expr):
        return x
    try:
        import numpy as np

        if isinstance(x, np.integer):
            return sp.Integer(int(x))
        if isinstance(x, np.floating):
            return _num(float(x), what)
    except ImportError:  # pragma: no cover
        pass
    from fractions import Fraction

    if isinstance(x, Fraction):
        return sp.Rational(x.numerator, x.denominator)
    raise InvalidInputError(f"{what} must be a number, a sympy expression or a string for mathml.parse_expr, "
                            f"got {type(x).__name__}")


def _vector(v, what: str) -> list:
    if isinstance(v, (str, bytes)) or not hasattr(v, "__len__") or len(v) != 3:
        raise InvalidInputError(f"{what} must have 3 components, got {v!r}")
    return [_num(x, f"{what} component") for x in v]


def _unit(axis):
    n = _vector(axis, "axis")
    norm = sp.sqrt(sum(x ** 2 for x in n))
    if norm == 0:
        raise InvalidInputError("axis must be non-zero")
    return [x / norm for x in n]


def _galgebra_ga():
    """Import galgebra's ``Ga`` without its global side effects.

    On import galgebra replaces ``repr`` of every sympy object and the builtin
    ``print`` (galgebra/printer.py); that would change how all of sympy prints
    for the rest of the session, so both are put back at once.
    """
    import builtins

    from sympy.printing.defaults import Printable

    saved_repr, saved_print = Printable.__repr__, builtins.print
    had_hook = "__ga_print_str__" in vars(Printable)
    from galgebra.ga import Ga

    Printable.__repr__ = saved_repr
    builtins.print = saved_print
    if not had_hook and "__ga_print_str__" in vars(Printable):
        delattr(Printable, "__ga_print_str__")
    return Ga


def rotor_action(axis, angle, vector) -> list:
    """Components of ``R v R~`` computed with galgebra (exact sympy expressions).

    Parameters
    ----------
    axis : 3 numbers (nonzero), sympy expressions or strings (parsed by `mathml.parse_expr`)
    angle : number, sympy expression or string
    vector : 3 numbers, sympy expressions or strings

    Returns
    -------
    list of 3 sympy expressions

    Raises
    ------
    InvalidInputError
        Wrong lengths, a zero axis, or other types; `mathml.core.errors.ParseError` for a string
        that is not a mathematical expression.

    Examples
    --------
    >>> import sympy as sp
    >>> rotor_action((0, 0, 1), sp.pi / 2, (1, 0, 0))
    [0, 1, 0]
    >>> rotor_action(("0", "0", "1"), "pi/2", ("1", "0", "0"))
    [0, 1, 0]
    """
    n = _unit(axis)
    th = _num(angle, "angle")
    vec = _vector(vector, "vector")
    Ga = _galgebra_ga()
    o3d = Ga("e1 e2 e3", g=[1, 1, 1])
    e1, e2, e3 = o3d.mv()
    B = n[0] * (e2 ^ e3) + n[1] * (e3 ^ e1) + n[2] * (e1 ^ e2)
    R = sp.cos(th / 2) - sp.sin(th / 2) * B
    v = vec[0] * e1 + vec[1] * e2 + vec[2] * e3
    w = R * v * R.rev()
    return [sp.simplify((w | e).scalar()) for e in (e1, e2, e3)]


def adjoint_action(axis, angle, vector) -> list:
    """Components of ``Ad_U(v . sigma)`` in the Pauli basis (``tr(sigma_k X)/2``), exact.

    Parameters
    ----------
    axis, angle, vector
        As for `rotor_action`.

    Returns
    -------
    list of 3 sympy expressions

    Raises
    ------
    InvalidInputError
        As for `rotor_action`.

    Examples
    --------
    >>> import sympy as sp
    >>> adjoint_action((0, 0, 1), sp.pi / 2, (1, 0, 0))
    [0, 1, 0]
    """
    n = _unit(axis)
    th = _num(angle, "angle")
    vec = _vector(vector, "vector")
    ns = sum((n[k] * _SIGMA[k] for k in range(3)), sp.zeros(2, 2))
    U = sp.cos(th / 2) * sp.eye(2) - sp.I * sp.sin(th / 2) * ns
    X = sum((vec[k] * _SIGMA[k] for k in range(3)), sp.zeros(2, 2))
    Y = U * X * U.H
    return [sp.simplify((_SIGMA[k] * Y).trace() / 2) for k in range(3)]


def rotor_adjoint_discrepancy(axis, angle, vector, dps: int = 30) -> float:
    """``max_k |(R v R~)_k - Ad_U(v)_k|`` evaluated with ``dps`` digits.

    Parameters
    ----------
    axis, angle, vector
        As for `rotor_action`.
    dps : int
        Decimal digits of the evaluation.

    Returns
    -------
    float

    Examples
    --------
    >>> import sympy as sp
    >>> rotor_adjoint_discrepancy((1, 2, 2), sp.Rational(7, 10), (3, -1, 2)) < 1e-25
    True
    """
    a = rotor_action(axis, angle, vector)
    b = adjoint_action(axis, angle, vector)
    return float(max(abs(sp.N(x - y, dps)) for x, y in zip(a, b)))
